"""Point-in-time reads of the session build (warehouse/as_of.sql, warehouse/as_of_query.py) and
the trend history and backtest tables (pipelines/history.py).

Known facts, from the bundled Epoch versions (data/snapshots/epoch_models/2026-03-30-*,
data/snapshots/epoch_notable_models/2026-07-19-*): Epoch's 2026-03-30 all_ai_models.csv gives
Megatron-LM (1.2B) 1.13e22 FLOP; its 2026-07-19 notable_ai_models.csv gives 1.1304e21 FLOP
(core.model_compute_change lists the revision); Inkling (published 2026-07-15) is only in the
later version."""

from datetime import date

import duckdb
import pytest

from warehouse.as_of import model_columns
from warehouse.as_of_query import as_of_query, coverage
from warehouse.safe_query import QueryRefused

BEFORE, AFTER = date(2026, 4, 1), date(2026, 8, 1)


@pytest.fixture(scope="module")
def con(built):
    path, _ = built
    with duckdb.connect(str(path), read_only=True) as c:
        yield c


def one(con, sql, params=()):
    return con.execute(sql, list(params)).fetchall()


def test_model_as_of_two_dates_follows_the_versions(con):
    revised = one(con, "SELECT model_id, from_version, to_version FROM core.model_compute_change")
    assert (
        "megatron-lm-1-2b",
        "epoch_models/2026-03-30-c72c366ce3eb",
        "epoch_notable_models/2026-07-19-c5a262f52d61",
    ) in revised
    sql = "SELECT training_compute_flop FROM core.model_as_of(?) WHERE model_id = ?"
    assert one(con, sql, [BEFORE, "megatron-lm-1-2b"]) == [(1.13e22,)]
    assert one(con, sql, [AFTER, "megatron-lm-1-2b"]) == [(1.1304e21,)]
    appeared = "SELECT count(*) FROM core.model_as_of(?) WHERE model_id = 'inkling'"
    assert one(con, appeared, [BEFORE]) == [(0,)]
    assert one(con, appeared, [AFTER]) == [(1,)]
    # before the first stored Epoch version nothing is known: said, not filled with today's
    assert one(con, "SELECT count(*) FROM core.model_as_of(DATE '2024-06-01')") == [(0,)]


def test_model_as_of_today_is_core_model(con):
    """Every reconstructed column equals core.model's once every version is published."""
    cols = ", ".join(model_columns())
    diff = f"SELECT {cols} FROM core.model EXCEPT SELECT {cols} FROM core.model_as_of(?)"
    assert one(con, f"SELECT count(*) FROM ({diff})", [date(2100, 1, 1)]) == [(0,)]


def test_hardware_and_prices_as_of(con):
    # spec sources have one stored version each; the first is epoch_chips of 2025-06-20
    assert one(con, "SELECT count(*) FROM core.hardware_as_of(DATE '2025-06-19')") == [(0,)]
    later = one(con, "SELECT count(*) FROM core.hardware_as_of(DATE '2100-01-01')")[0][0]
    total = one(con, "SELECT count(*) FROM core.hardware")[0][0]
    assert later >= 0.99 * total  # curated datasheet values and corrections are not dated
    newest = one(
        con, "SELECT max(observed_at)::DATE FROM core.cloud_price_as_of(DATE '2024-06-01')"
    )[0][0]
    assert newest <= date(2024, 6, 1)


def test_coverage_names_what_cannot_be_reconstructed(built):
    path, _ = built
    frame = coverage(date(2024, 6, 1), path)
    status = dict(zip(frame["source"], frame["status"], strict=True))
    assert status["epoch_models"].startswith("not reconstructible: no version of epoch_models")
    assert status["dawnbench"].startswith("single stored version (2020-03-26)")
    assert status["gcp_pricing"].startswith("reconstructed from")


def test_query_as_of_shadows_core_tables(built):
    path, _ = built
    sql = "SELECT training_compute_flop FROM core.model WHERE model_id = ?"
    assert as_of_query(sql, BEFORE, ["megatron-lm-1-2b"], path=path).frame.item() == 1.13e22
    assert as_of_query(sql, AFTER, ["megatron-lm-1-2b"], path=path).frame.item() == 1.1304e21
    frontier = "SELECT count(*) FROM core.frontier_model WHERE published_on > DATE '2026-04-01'"
    assert as_of_query(frontier, BEFORE, path=path).frame.item() == 0
    with pytest.raises(QueryRefused, match="derived from today's data"):
        as_of_query("SELECT * FROM analysis.price_performance", BEFORE, path=path)
    with pytest.raises(QueryRefused, match="reads the warehouse only"):
        as_of_query("SELECT * FROM read_csv('/etc/hostname')", BEFORE, path=path)


def test_trend_history_matches_the_headline_at_the_newest_version(con):
    """The fit as of the newest Epoch version sees what analysis.trend_estimate sees (n and a
    doubling time within 0.01 y; fewer resamples, so the interval may differ a little)."""
    got = one(
        con,
        "SELECT h.n, e.n, h.doubling_time_years, e.doubling_time_years "
        "FROM analysis.trend_history h JOIN analysis.trend_latest e USING (metric, subset) "
        "WHERE h.basis = 'versions' AND h.as_of = DATE '2026-07-19' "
        "AND h.metric = 'training_compute_flop' AND h.subset = 'notable 2010-01-01..'",
    )
    ((n_h, n_e, d_h, d_e),) = got
    assert n_h == n_e == 467
    assert d_h == pytest.approx(d_e, abs=0.01)


def test_trend_estimate_keeps_the_fits_as_of_each_epoch_version(con):
    """analysis.trend_estimate holds the training-compute trend as known at each Epoch version
    (basis 'versions'): one row per version date, the same fit as analysis.trend_history's;
    analysis.trend_latest shows build rows only."""
    rows = one(
        con,
        "SELECT e.as_of, e.log10_slope_per_year, h.log10_slope_per_year, e.resamples, e.n "
        "FROM analysis.trend_estimate e JOIN analysis.trend_history h "
        "USING (metric, subset, method, ci_level, basis, as_of) "
        "WHERE e.basis = 'versions' AND e.metric = 'training_compute_flop' "
        "AND e.subset = 'notable 2010-01-01..' ORDER BY e.as_of",
    )
    assert [r[0] for r in rows] == [date(2026, 3, 30), date(2026, 7, 19)]
    assert all(r[1] == r[2] for r in rows) and all(r[3] == 1000 for r in rows)
    assert rows[-1][4] == 467  # the newest version holds what the build fits
    latest = one(con, "SELECT DISTINCT basis FROM analysis.trend_latest")
    assert latest == [("build",)]
    # every 'versions' row of the history is in trend_estimate, and no cutoff row
    counts = one(
        con,
        "SELECT (SELECT count(*) FROM analysis.trend_history WHERE basis = 'versions'), "
        "(SELECT count(*) FROM analysis.trend_estimate WHERE basis = 'versions'), "
        "(SELECT count(*) FROM analysis.trend_estimate WHERE basis NOT IN ('build', 'versions'))",
    )
    ((in_history, in_estimate, other),) = counts
    assert in_history == in_estimate > 0 and other == 0


def test_backtest_covers_every_epoch_version(con):
    versions = {
        r[0]
        for r in one(
            con,
            "SELECT DISTINCT s.retrieved_at::DATE FROM meta.snapshot s "
            "WHERE s.source IN ('epoch_models', 'epoch_notable_models')",
        )
    }
    tested = {
        r[0]
        for r in one(
            con,
            "SELECT DISTINCT as_of FROM analysis.trend_backtest "
            "WHERE metric = 'training_compute_flop' AND basis = 'versions'",
        )
    }
    assert versions == tested == {date(2026, 3, 30), date(2026, 7, 19)}
    # cut-offs reach back far enough to be checked: most 1-year predictions are observable
    observable = one(
        con,
        "SELECT count(*) FROM analysis.trend_backtest WHERE metric = 'training_compute_flop' "
        "AND basis = 'cutoff' AND horizon_years = 1 AND is_inside IS NOT NULL",
    )[0][0]
    assert observable >= 20

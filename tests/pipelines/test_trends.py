"""The trend assets' wiring: run config defaults, jobs, schedules, freshness, and the view of
the newest build estimates over a history of two dates and a fit as of an upstream version."""

from datetime import UTC, date, datetime, timedelta

import dagster as dg
import polars as pl
import pytest

import warehouse
from analyses.trend_estimates import conform
from pipelines import automation, trends
from pipelines.definitions import defs as project_defs
from pipelines.resources import SnapshotStoreResource, WarehouseResource
from schemas.history import TREND_HISTORY
from schemas.trends import TREND_ESTIMATE, TREND_LATEST, TREND_VS_PUBLISHED

TREND_KEYS = {
    dg.AssetKey(["analysis", "trend_estimate"]),
    dg.AssetKey(["analysis", "trend_latest"]),
    dg.AssetKey(["analysis", "trend_vs_published"]),
}


@pytest.fixture(scope="module")
def defs() -> dg.Definitions:
    """The project's Definitions with the trend module in it (added here until it is wired)."""
    assets = list(project_defs.assets or [])
    keys = {k for a in assets if isinstance(a, dg.AssetsDefinition) for k in a.keys}
    return dg.Definitions(
        assets=assets + ([] if keys >= TREND_KEYS else trends.assets),
        jobs=automation.jobs,
        schedules=automation.schedules,
        resources={"warehouse": WarehouseResource(), "snapshots": SnapshotStoreResource()},
    )


def test_config_defaults_are_the_documented_ones():
    config = trends.TrendConfig()
    assert (config.ci_level, config.resamples, config.seed, config.method) == (
        0.9,
        2000,
        0,
        "ols",
    )


def test_refresh_trends_runs_the_trend_assets_weekly(defs):
    job = defs.resolve_job_def("refresh_trends")
    assert job.asset_layer.selected_asset_keys == TREND_KEYS
    schedule = defs.resolve_schedule_def("refresh_trends_weekly")
    assert schedule.job_name == "refresh_trends"
    assert schedule.cron_schedule == "0 6 * * 1"
    assert schedule.default_status == dg.DefaultScheduleStatus.RUNNING


def test_refresh_prices_runs_daily_into_the_current_month_live_only_when_asked(defs, monkeypatch):
    job = defs.resolve_job_def("refresh_prices")
    selected = {k.to_user_string() for k in job.asset_layer.selected_asset_keys}
    assert {"core/cloud_price", "core/hardware_price", "analysis/price_performance"} <= selected
    assert {"raw/gcp_pricing", "raw/gpu_price_tracker", "raw/aws_spot_history"} <= selected
    schedule = defs.resolve_schedule_def("refresh_prices_daily")
    assert schedule.cron_schedule == "0 4 * * *"
    assert schedule.default_status == dg.DefaultScheduleStatus.RUNNING
    context = dg.build_schedule_context(
        scheduled_execution_time=datetime(2026, 11, 23, 4, tzinfo=UTC)
    )
    request = automation.refresh_prices_daily(context)
    assert request.partition_key == "2026"
    assert request.run_key == "refresh_prices_2026-11-23"
    # no run config: the snapshots resource fetches only when FLOPBASE_LIVE=1 (or `live`)
    assert request.run_config == {}
    assert job.partitions_def.has_partition_key(request.partition_key)
    assert dg.validate_run_config(job, request.run_config)
    monkeypatch.delenv("FLOPBASE_LIVE", raising=False)
    assert not SnapshotStoreResource().is_live()
    monkeypatch.setenv("FLOPBASE_LIVE", "1")
    assert SnapshotStoreResource().is_live()


def test_a_year_change_requests_the_new_year():
    for day, year in (
        (datetime(2026, 12, 31, 4, tzinfo=UTC), "2026"),
        (datetime(2027, 1, 1, 4, tzinfo=UTC), "2027"),
    ):
        context = dg.build_schedule_context(scheduled_execution_time=day)
        assert automation.refresh_prices_daily(context).partition_key == year


def test_trend_assets_must_be_refreshed_within_eight_days(defs):
    graph = defs.resolve_asset_graph()
    for key in TREND_KEYS:
        policy = graph.get(key).freshness_policy
        assert policy.fail_window.to_timedelta() == timedelta(days=8)


def rows(as_of: date, trend_names: list[str]) -> pl.DataFrame:
    """Estimate rows (values from the 2026-11-23 build's notable-models fit) for a date, as
    the table stored them before issue 19, conformed to today's shape."""
    return conform(
        pl.DataFrame(
            [
                {
                    "metric": "training_compute_flop",
                    "subset": subset,
                    "window_start_on": date(2010, 5, 13),
                    "window_end_on": date(2026, 7, 15),
                    "n": 467,
                    "log10_slope_per_year": 0.6386,
                    "doubling_time_years": 0.4714,
                    "ci_low_years": 0.448,
                    "ci_high_years": 0.495,
                    "ci_level": 0.9,
                    "r2": 0.65,
                    "method": "ols",
                    "as_of": as_of,
                    "unit": "FLOP",
                    "points": "a notable model with a compute estimate, by publication date",
                    "resamples": 2000,
                    "seed": 0,
                }
                for subset in trend_names
            ]
        )
    )


def test_the_view_shows_each_trends_newest_estimate(warehouse_file):
    history = pl.concat(
        [
            rows(date(2026, 11, 16), ["notable 2010-01-01..", "dropped later"]),
            rows(date(2026, 11, 23), ["notable 2010-01-01.."]),
            # a fit as of a later upstream version's date is not a build's estimate
            rows(date(2026, 12, 1), ["notable 2010-01-01.."]).with_columns(
                basis=pl.lit("versions")
            ),
        ]
    )
    assert history["basis"].to_list() == ["build"] * 3 + ["versions"]  # stored before basis
    warehouse.publish(TREND_ESTIMATE, history, path=warehouse_file)
    warehouse.replace_view(TREND_LATEST, path=warehouse_file)
    latest = warehouse.query("SELECT * FROM analysis.trend_latest", path=warehouse_file)
    TREND_LATEST.pandera.validate(latest)
    assert latest.select("subset", "as_of").rows() == [
        ("dropped later", date(2026, 11, 16)),  # its newest estimate, however old
        ("notable 2010-01-01..", date(2026, 11, 23)),
    ]
    # an older row's significance and percent per year are derived from what it stored
    row = latest.row(1, named=True)
    assert row["is_significant"] and row["no_doubling_reason"] is None
    assert row["pct_per_year"] == pytest.approx(100 * (10**0.6386 - 1))
    warehouse.replace_view(TREND_VS_PUBLISHED, path=warehouse_file)
    published = warehouse.query("SELECT * FROM analysis.trend_vs_published", path=warehouse_file)
    assert published.height == 0  # the old rows carry no published counterpart


def test_the_fits_as_of_versions_come_from_the_history_or_are_skipped(warehouse_file):
    """A partial build without analysis.trend_history skips them with the reason; with it, its
    'versions' rows (not the hindsight cutoffs) as trend_estimate rows."""
    resource = WarehouseResource(path=str(warehouse_file))
    warehouse.publish(TREND_ESTIMATE, rows(date(2026, 11, 23), ["x"]), path=warehouse_file)
    none, skipped = trends.known_then(resource)
    assert none.height == 0 and "analysis.trend_history is not in the warehouse" in (
        skipped[0].reason
    )
    fits = pl.concat(
        rows(on, ["notable 2010-01-01.."]).with_columns(
            basis=pl.lit(basis), resamples=pl.lit(1000, pl.Int64), versions=pl.lit("v")
        )
        for on, basis in ((date(2013, 1, 1), "cutoff"), (date(2026, 3, 30), "versions"))
    )
    warehouse.publish(TREND_HISTORY, TREND_HISTORY.select(fits), path=warehouse_file)
    known, skipped = trends.known_then(resource)
    assert skipped == [] and known.columns == TREND_ESTIMATE.column_names
    assert known.select("basis", "as_of").rows() == [("versions", date(2026, 3, 30))]

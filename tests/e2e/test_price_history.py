"""The cloud price history as built from every bundled price source."""

import shutil

import dagster as dg
import polars as pl
import pytest

from pipelines.cloud_prices import LINK_GOAL, PRICE_SOURCES
from pipelines.definitions import defs
from tests.conftest import REPO
from tests.e2e.conftest import QUIET, build, failures, q


def test_every_quote_of_every_version_is_loaded_or_quarantined(db):
    names = [m.SOURCE.name for m in PRICE_SOURCES]
    ledger = q(
        db,
        "WITH landed AS (SELECT source, sha256, row_number FROM core.cloud_price UNION ALL "
        "SELECT source, sha256, row_number FROM core.hardware_price) "
        "SELECT s.source, s.version, s.rows_read, s.rows_loaded, s.rows_quarantined, "
        "(SELECT count(*) FROM landed l WHERE l.source = s.source AND l.sha256 = s.sha256) AS "
        "in_tables, (SELECT count(*) FROM meta.quarantine x WHERE x.source = s.source AND "
        "x.sha256 = s.sha256) AS in_quarantine FROM meta.snapshot s WHERE list_contains(?, "
        "s.source)",
        [names],
    )
    # Every stored version of every price source was read (PROVENANCE.md: 1 + 36 + 22 + 54
    # + 1 + 71 + 1 + 1 + 1 + 1 versions).
    assert ledger.height == 189
    assert ledger["rows_read"].null_count() == 0
    for row in ledger.iter_rows(named=True):
        assert row["rows_read"] == row["rows_loaded"] + row["rows_quarantined"], row
        assert (row["rows_loaded"], row["rows_quarantined"]) == (
            row["in_tables"],
            row["in_quarantine"],
        ), row
    per_source = dict(
        q(
            db,
            "SELECT source, sum(rows_read) FROM meta.snapshot WHERE list_contains(?, source) "
            "GROUP BY ALL",
            [names],
        ).iter_rows()
    )
    # Quotes per source (tests/sources/ state how each count follows from the upstream files).
    assert per_source == {
        "epoch_hardware_prices": 805,
        "fsdl_cloud_gpus": 8821,
        "fsdl_serverless_gpus": 565,
        "gcp_pricing": 127417,
        "gpu_price_tracker": 25956,
        "ec2instances_history": 4912,
        "ec2instances_2024": 1332,
        "aws_instance_pages": 1585,
        "aws_spot_history": 1965,
        "azure_dev_backup": 601,
    }


def test_aws_list_prices_appear_as_published(db):
    # AWS on-demand Linux prices in us-east-1 (aws.amazon.com/ec2/pricing/on-demand, and the
    # P3 launch post of 2017-10-25): p3.16xlarge 24.48 USD/h for 8 V100, p2.xlarge 0.90 USD/h
    # for one K80. Every source that lists them states the same number.
    rows = q(
        db,
        "SELECT instance_type, source, min(usd_per_hour) lo, max(usd_per_hour) hi, "
        "any_value(usd_per_accelerator_hour) per_gpu, any_value(hardware_id) hw "
        "FROM core.cloud_price WHERE provider = 'aws' AND region = 'us-east-1' AND "
        "pricing = 'on_demand' AND instance_type IN ('p3.16xlarge', 'p2.xlarge') "
        "AND observed_at >= '2017-11-01' GROUP BY ALL ORDER BY 1, 2",
    )
    assert rows.rows() == [
        # half a K80 board (analyses/cloud_instances.csv): 1.80 per board-hour
        ("p2.xlarge", "aws_instance_pages", 0.9, 0.9, 1.8, "nvidia-k80"),
        ("p2.xlarge", "ec2instances_2024", 0.9, 0.9, 1.8, "nvidia-k80"),
        ("p2.xlarge", "ec2instances_history", 0.9, 0.9, 1.8, "nvidia-k80"),
        ("p3.16xlarge", "aws_instance_pages", 24.48, 24.48, 3.06, "nvidia-v100-sxm2-16gb"),
        ("p3.16xlarge", "ec2instances_2024", 24.48, 24.48, 3.06, "nvidia-v100-sxm2-16gb"),
        ("p3.16xlarge", "ec2instances_history", 24.48, 24.48, 3.06, "nvidia-v100-sxm2-16gb"),
    ]
    # Upstream's first P3 version (2017-10-26) said 16 GPUs for p3.16xlarge; the instance
    # catalogue's 8 (aws.amazon.com/ec2/instance-types/p3) wins, so the price per GPU holds.
    first = q(
        db,
        "SELECT accelerators_per_instance, usd_per_accelerator_hour FROM core.cloud_price "
        "WHERE instance_type = 'p3.16xlarge' AND source = 'ec2instances_history' "
        "AND region = 'us-east-1' AND pricing = 'on_demand' "
        "ORDER BY observed_at, row_number LIMIT 1",  # one row: no tie left to the engine
    ).row(0)
    assert first == (8, 3.06)


def test_gcp_a3_on_demand_matches_the_published_list_price(db):
    # cloud.google.com/compute/vm-instance-pricing (A3 High, us-central1): a3-highgpu-8g at
    # 88.49 USD/h for 8 H100 80GB, i.e. 11.06 per GPU-hour.
    row = q(
        db,
        "SELECT usd_per_hour, usd_per_accelerator_hour, accelerators_per_instance, hardware_id "
        "FROM core.cloud_price WHERE source = 'gcp_pricing' AND instance_type = 'a3-highgpu-8g' "
        "AND region = 'us-central1' AND pricing = 'on_demand' ORDER BY observed_at DESC LIMIT 1",
    ).row(0)
    assert row[0] == pytest.approx(88.49, abs=0.01)
    assert row[1:] == (pytest.approx(11.06, abs=0.01), 8.0, "nvidia-h100-sxm5-80gb")


def test_observed_at_is_the_upstream_date_not_the_load_date(db):
    span = q(
        db,
        "SELECT source, min(observed_at)::DATE, max(observed_at)::DATE FROM core.cloud_price "
        "GROUP BY ALL ORDER BY 1",
    )
    dates = {s: (str(a), str(b)) for s, a, b in span.rows()}
    assert dates["ec2instances_history"][0] == "2013-09-27"  # first stored version
    assert dates["gpu_price_tracker"] == ("2025-10-19", "2025-11-16")  # tick timestamps
    assert dates["aws_spot_history"] == ("2022-05-31", "2022-05-31")
    purchase = q(db, "SELECT min(observed_on)::VARCHAR FROM core.hardware_price").item()
    assert purchase == "2010-11-09"  # Epoch's earliest price date (GeForce GTX 580)


def test_at_least_95_percent_of_cloud_prices_name_their_accelerator(db):
    share = q(db, "SELECT count(hardware_id) / count(*) FROM core.cloud_price").item()
    assert share >= LINK_GOAL
    # What stays unlinked is what no spec source lists (FPGA f1, first-generation Inferentia).
    unlinked = set(
        q(
            db,
            "SELECT DISTINCT split_part(instance_type, '.', 1) FROM core.cloud_price "
            "WHERE hardware_id IS NULL AND provider = 'aws'",
        ).to_series()
    )
    assert unlinked <= {"f1", "inf1", "dl2q"}, unlinked


def test_bad_quotes_are_quarantined_with_their_reason(db):
    reasons = dict(
        q(
            db,
            "SELECT source || ': ' || split_part(reason, ' ', 1) AS kind, count(*) "
            "FROM meta.quarantine WHERE target_table IN ('core.cloud_price', "
            "'core.hardware_price') GROUP BY ALL",
        ).iter_rows()
    )
    # The 2024 snapshot's spot averages that are exactly 10% of on-demand (PROVENANCE 5b).
    assert reasons["ec2instances_2024: spot_avg"] == 69
    assert reasons["ec2instances_2024: price"] == 10  # "0" / "0.000000": p4d and p5
    assert reasons["azure_dev_backup: Azure"] == 593
    assert reasons["aws_spot_history: product"] == 548 + 548 + 321  # RHEL, SUSE, Windows
    assert reasons["fsdl_cloud_gpus: duplicate"] == 140  # e.g. g4dn.4xlarge listed twice
    record = q(
        db,
        "SELECT record FROM meta.quarantine WHERE source = 'ec2instances_2024' AND reason LIKE "
        "'spot_avg%' ORDER BY row_number LIMIT 1",
    ).item()
    assert '"price_field":"spot_avg"' in record.replace(" ", "")


def test_the_change_view_collapses_repeated_prices(db):
    runs = q(
        db,
        "SELECT usd_per_hour, first_seen_at::DATE::VARCHAR, observations FROM "
        "core.cloud_price_change WHERE source = 'ec2instances_history' AND instance_type = "
        "'p2.xlarge' AND region = 'us-east-1' AND pricing = 'on_demand'",
    )
    # p2 launched 2016-09-29 at 0.90 USD/h and kept that price through 2017.
    assert runs.rows() == [(0.9, "2016-10-11", 27)]


def test_cloud_price_performance_is_dollars_per_pflop_day_at_peak(db):
    row = q(
        db,
        "SELECT usd_per_accelerator_hour, peak_flop_per_s, usd_per_pflop_day, utilisation "
        "FROM analysis.price_performance WHERE hardware_id = 'nvidia-h100-sxm5-80gb' AND "
        "precision = 'bf16' AND basis = 'cloud_on_demand' ORDER BY priced_on DESC LIMIT 1",
    ).row(0)
    price, peak, per_pflop_day, utilisation = row
    assert utilisation == 1.0
    assert peak == pytest.approx(989.4e12)
    assert per_pflop_day == pytest.approx(price * 24 / (peak / 1e15))
    bases = set(q(db, "SELECT DISTINCT basis FROM analysis.price_performance").to_series())
    assert bases == {
        "launch_price",
        "purchase",
        "cloud_on_demand",
        "cloud_spot",
        "cloud_reserved_1y",
        "cloud_reserved_3y",
        "cloud_marketplace",
    }


def test_purchase_rows_trace_to_an_observed_price_of_core_hardware_price(db):
    """The purchase basis: the H100 SXM5's cheapest observed price of 2025-03-03 in Epoch's
    hardware prices ($31,250) gives 989.4 TFLOP/s dense BF16 (NVIDIA's datasheet) / $31,250
    = 31.7 GFLOP/s per dollar, and names that quote; no purchase row rests on a price Epoch
    says it estimated."""
    row = q(
        db,
        "SELECT p.price_usd, p.flop_per_s_per_usd, h.price_usd AS quoted, h.observed_on "
        "FROM analysis.price_performance p JOIN core.hardware_price h "
        "USING (source, sha256, row_number) WHERE p.basis = 'purchase' AND p.precision = 'bf16' "
        "AND p.hardware_id = 'nvidia-h100-sxm5-80gb' AND p.priced_on = DATE '2025-03-03'",
    ).row(0, named=True)
    assert row["price_usd"] == row["quoted"] == 31_250.0
    assert row["flop_per_s_per_usd"] == pytest.approx(989.4e12 / 31_250)
    estimated = q(
        db,
        "SELECT count(*) AS n FROM analysis.price_performance p JOIN core.hardware_price h "
        "USING (source, sha256, row_number) WHERE p.basis = 'purchase' "
        "AND h.notes ILIKE '%estimat%'",
    )["n"][0]
    assert estimated == 0


def test_a_refresh_adds_its_version_and_leaves_history_alone(tmp_path, monkeypatch):
    """Build without the newest GCP version, then let it arrive (as a live fetch would) and
    materialise only its year: its quotes land, every other row stays as it was."""
    store = tmp_path / "snapshots"
    shutil.copytree(REPO / "data" / "snapshots", store)
    newest = sorted((store / "gcp_pricing").glob("2026-07-30-*"))[0]
    aside = tmp_path / newest.name
    shutil.move(newest, aside)
    path = tmp_path / "flopbase.duckdb"
    monkeypatch.setenv("FLOPBASE_DB", str(path))
    monkeypatch.setenv("FLOPBASE_SNAPSHOTS", str(store))
    # the price history and what it reads (chips, aliases, raw versions), not the rest
    prices = [dg.AssetKey(["core", "cloud_price"]), dg.AssetKey(["core", "hardware_price"])]
    needed = dg.AssetSelection.assets(*prices).upstream().required_multi_asset_neighbors()
    result = build(asset_selection=sorted(needed.resolve(defs.resolve_asset_graph())))
    assert result.success, failures(result)
    # Each version's year, row count and exact, order-free digests of its quotes and of their
    # judgement. Not a sum of prices: a DOUBLE sum depends on how DuckDB's threads split the
    # scan, so it differed in the last digit between two reads of the same rows on a loaded
    # machine (the flaky run).
    totals = (
        "SELECT source, sha256, year, count(*) n, "
        "sum(hash(*COLUMNS(* EXCLUDE (year, is_suspect, suspect_reason))))::VARCHAR quotes, "
        "sum(hash(is_suspect, suspect_reason))::VARCHAR judged FROM ("
        " SELECT c.*, year(s.retrieved_at) AS year FROM core.cloud_price c"
        " JOIN (SELECT DISTINCT source, sha256, retrieved_at FROM meta.snapshot) s"
        " USING (source, sha256)) GROUP BY ALL ORDER BY 1, 2"
    )
    before = q(path, totals)

    shutil.move(aside, newest)
    result = defs.resolve_job_def("build_all").execute_in_process(
        run_config=QUIET,
        asset_selection=[
            dg.AssetKey(["core", "cloud_price"]),
            dg.AssetKey(["core", "hardware_price"]),
        ],
        partition_key="2026",
    )
    assert result.success, failures(result)
    after = q(path, totals)
    added = after.join(before, on=["source", "sha256"], how="anti")
    assert added.select("source", "n").rows() == [("gcp_pricing", 3609)]
    kept = after.join(added, on=["source", "sha256"], how="anti")
    # every earlier quote stays; the reloaded year's quotes are judged again beside the new
    # version's (a quote far below the others of its month is suspect), the other years not
    assert kept.drop("judged").equals(before.drop("judged"))
    assert kept.filter(pl.col("year") != 2026).equals(before.filter(pl.col("year") != 2026))
    ledger = q(
        path,
        "SELECT rows_read, rows_loaded FROM meta.snapshot WHERE source = 'gcp_pricing' AND "
        "version = ?",
        [newest.name],
    )
    assert ledger.rows() == [(3609, 3609)]

    # Utilisation is run config of analysis/price_performance: at 40% a PFLOP/s-day costs 2.5x.
    config = {"ops": {"analysis__price_performance": {"config": {"utilisation": 0.4}}}}
    result = defs.resolve_job_def("build_all").execute_in_process(
        run_config={**QUIET, **config},
        asset_selection=[dg.AssetKey(["analysis", "price_performance"])],
    )
    assert result.success, failures(result)
    row = q(
        path,
        "SELECT usd_per_accelerator_hour * 24 / (peak_flop_per_s / 1e15) AS at_peak, "
        "usd_per_pflop_day, utilisation FROM analysis.price_performance WHERE basis = "
        "'cloud_on_demand' AND precision = 'bf16' AND hardware_id = 'nvidia-h100-sxm5-80gb' "
        "ORDER BY priced_on DESC LIMIT 1",
    ).row(0)
    assert row[1] == pytest.approx(row[0] / 0.4) and row[2] == 0.4

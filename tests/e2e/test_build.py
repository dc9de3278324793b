"""The whole graph, materialised into a temporary warehouse from the bundled snapshots."""

import json
import shutil
import subprocess
import sys

import dagster as dg
import polars as pl
import pytest

import warehouse
from sources import registry
from tests.conftest import REPO
from tests.e2e.conftest import build


def test_every_asset_materialises_and_every_check_passes(built):
    _, result = built
    materialised = {e.asset_key.to_user_string() for e in result.get_asset_materialization_events()}
    raw = {f"raw/{source.name}" for source in registry.SOURCES}
    assert materialised == raw | {
        "core/hardware_spec",
        "meta/hardware_merge",
        "core/hardware",
        "core/hardware_alias",
        "meta/unresolved_hardware",
        "analysis/price_performance",
        "core/cloud_price",
        "core/hardware_price",
        "core/cloud_price_change",
        "core/model_record",
        "core/model",
        "core/model_estimate",
        "core/model_compute_change",
        "core/dawnbench_entry",
        "core/dawnbench_curve",
        "analysis/dawnbench_progress",
        "analysis/dawnbench_frontier",
        "analysis/trend_estimate",
        "analysis/trend_latest",
        "analysis/trend_vs_published",
        "meta/price_quality",
        "analysis/overhang_estimate",
        "core/latest_cloud_price",
        "analysis/cheapest_pflop_day_by_month",
        "core/frontier_model",
        "analysis/trend_summary",
        "core/accelerator_spec_sheet",
        "meta/data_dictionary",
        "core/algorithmic_efficiency",
        "analysis/algorithmic_efficiency_trend",
        "analysis/effective_compute_trend",
        "analysis/cpu_gpu_spec_gap",
        "analysis/cpu_gpu_matched_run",
        "analysis/efficiency_summary",
        "core/mlperf_system",
        "core/mlperf_result",
        "analysis/mlperf_score",
        "analysis/mlperf_cost",
        "analysis/mlperf_frontier",
        "analysis/imagenet_series",
        "analysis/mlperf_benchmark_progress",
        "analysis/trend_history",
        "analysis/trend_backtest",
    }
    checks = {c.check_name: c for c in result.get_asset_check_evaluations()}
    errors = [c for c in checks.values() if c.severity == dg.AssetCheckSeverity.ERROR]
    assert all(c.passed for c in errors), [c.check_name for c in errors if not c.passed]
    # warnings list disagreements between sources and may not pass
    warnings = {n for n, c in checks.items() if c.severity == dg.AssetCheckSeverity.WARN}
    assert warnings == {
        "sources_agree",
        "agrees_with_owid_ai",
        "agrees_with_openai_ai_and_compute",
        "compute_matches_6nd",
        "compute_matches_hardware",
    }


def test_h100_dense_bf16_throughput_lands_in_si_units(built):
    path, _ = built
    row = warehouse.query(
        "SELECT bf16_flop_per_s, memory_bytes, tdp_w FROM core.hardware WHERE hardware_id = ?",
        ["nvidia-h100-sxm5-80gb"],
        path=path,
    ).row(0, named=True)
    # NVIDIA H100 datasheet: 1,979 TFLOPS BF16 with sparsity = 989.4 TFLOPS dense.
    assert row == {"bf16_flop_per_s": pytest.approx(989.4e12), "memory_bytes": 80e9, "tdp_w": 700}


def test_every_upstream_row_is_loaded_or_quarantined(built):
    path, _ = built
    ledger = warehouse.query(
        "SELECT rows_read, rows_loaded, rows_quarantined FROM meta.snapshot WHERE source = ?",
        ["epoch_hardware"],
        path=path,
    ).row(0, named=True)
    quarantined = warehouse.query(
        "SELECT count(*) n FROM meta.quarantine WHERE source = 'epoch_hardware'", path=path
    )["n"][0]
    loaded = warehouse.query(
        "SELECT count(DISTINCT row_number) n FROM core.hardware_spec WHERE source = 'epoch_hardware'",
        path=path,
    )["n"][0]
    assert ledger == {"rows_read": 169, "rows_loaded": loaded, "rows_quarantined": quarantined}
    assert loaded + quarantined == 169
    # The one quarantined record (record 132, file line 222): Epoch lists the P100 PCIe 16GB
    # twice, with and without NVIDIA's old 'Tesla' brand.
    reason = warehouse.query(
        "SELECT reason, record FROM meta.quarantine WHERE source = 'epoch_hardware'", path=path
    ).row(0, named=True)
    assert reason["reason"] == "duplicate key (hardware_id=nvidia-p100-pcie-16gb) of row 132"
    assert '"Hardware name":"NVIDIA P100 PCIe 16GB"' in reason["record"]


def test_tables_and_columns_carry_comments_and_the_dictionary_covers_them(built):
    path, _ = built
    missing = warehouse.query(
        "SELECT table_name, column_name FROM duckdb_columns() WHERE schema_name IN "
        "('meta', 'core', 'analysis') AND (comment IS NULL OR comment = '')",
        path=path,
    )
    assert missing.height == 0
    undocumented = warehouse.query(
        "SELECT c.schema_name || '.' || c.table_name AS t, c.column_name FROM duckdb_columns() c "
        "ANTI JOIN meta.data_dictionary d ON d.table_name = c.schema_name || '.' || c.table_name "
        "AND d.column_name = c.column_name WHERE c.schema_name IN ('meta', 'core', 'analysis')",
        path=path,
    )
    assert undocumented.height == 0
    unit = warehouse.query(
        "SELECT unit FROM meta.data_dictionary WHERE table_name = 'core.hardware' "
        "AND column_name = 'bf16_flop_per_s'",
        path=path,
    )["unit"][0]
    assert unit == "FLOP/s"


def test_materialisation_metadata_shows_rows_schema_and_preview(built):
    _, result = built
    events = {
        e.asset_key.to_user_string(): e.materialization.metadata
        for e in result.get_asset_materialization_events()
    }
    spec = events["core/hardware_spec"]
    assert "169 read, 168 loaded, 1 quarantined" in spec["epoch_hardware"].value
    assert (
        spec["rows_quarantined"].value
        == warehouse.query(
            "SELECT count(*) n FROM meta.quarantine WHERE target_table = 'core.hardware_spec'",
            path=built[0],
        )["n"][0]
    )
    hardware = events["core/hardware"]
    assert (
        hardware["dagster/row_count"].value
        == warehouse.query("SELECT count(*) n FROM core.hardware", path=built[0])["n"][0]
    )
    assert len(hardware["preview"].value.records) == 10
    assert events["analysis/price_performance"]["plot"].value.startswith("![")


def test_a_broken_upstream_file_fails_the_run_and_keeps_the_previous_table(
    built, tmp_path, monkeypatch
):
    # a copy of the session's warehouse: the run records the new version in meta.snapshot
    path = tmp_path / "flopbase.duckdb"
    shutil.copy(built[0], path)
    before = warehouse.query("SELECT count(*) n, sum(tdp_w) w FROM core.hardware", path=path)
    # A store whose newest Epoch version has a renamed column (fault injection).
    store = tmp_path / "snapshots"
    shutil.copytree(REPO / "data" / "snapshots", store)
    from sources.snapshots import SnapshotStore

    text = (
        REPO / "data/snapshots/epoch_hardware/2025-11-15-7d691b6ecc06/ml_hardware.csv"
    ).read_text()
    SnapshotStore(store).add(
        "epoch_hardware",
        {"ml_hardware.csv": text.replace("TDP (W)", "Thermal design power", 1).encode()},
        url="https://epoch.ai/data/ml_hardware.csv",
        licence="CC BY 4.0",
    )
    monkeypatch.setenv("FLOPBASE_DB", str(path))
    monkeypatch.setenv("FLOPBASE_SNAPSHOTS", str(store))
    result = build(raise_on_error=False)
    assert not result.success
    failure = next(e for e in result.all_events if e.is_step_failure)
    assert "TDP (W)" in failure.event_specific_data.error.to_string()
    after = warehouse.query("SELECT count(*) n, sum(tdp_w) w FROM core.hardware", path=path)
    assert after.equals(before)


def test_make_run_entry_point_rebuilds_idempotently_and_prints_the_summary(built, tmp_path):
    """`make run`'s command (`python -m pipelines.cli build`, a process of its own) over a copy
    of the session's warehouse: it succeeds, prints the summary, leaves every chip as it was and
    the ledger as long as it was (a rebuild over the same snapshots is idempotent), and
    publishes a release whose counts are the warehouse's."""
    path = tmp_path / "cli.duckdb"
    shutil.copy(built[0], path)
    before = warehouse.query("SELECT * FROM core.hardware ORDER BY hardware_id", path=path)
    ledger = warehouse.query("SELECT count(*) n FROM meta.snapshot", path=path)["n"][0]
    env = {
        "FLOPBASE_DB": str(path),
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "FLOPBASE_CACHE_DIR": "off",  # the repository's .cache/ is not the tests'
    }
    done = subprocess.run(
        [sys.executable, "-m", "pipelines.cli", "build"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "core.hardware" in done.stdout and "169" in done.stdout  # rows read
    assert "epoch_hardware" in done.stdout
    after = warehouse.query("SELECT * FROM core.hardware ORDER BY hardware_id", path=path)
    assert before.equals(after)
    assert warehouse.query("SELECT count(*) n FROM meta.snapshot", path=path)["n"][0] == ledger
    counts = warehouse.row_counts(path=path)
    assert isinstance(counts, pl.DataFrame)
    # and published a release beside the warehouse (warehouse/release.py), its counts the same
    latest = tmp_path / "releases" / "latest"
    manifest = json.loads((latest / "manifest.json").read_text())
    rows = {r["relation"]: r["rows"] for r in manifest["relations"]}
    assert rows["core.hardware"] == dict(counts.iter_rows())["core.hardware"] == before.height
    assert "released " in done.stdout

"""`refresh` on a copy of the session build: it rebuilds only what depends on a snapshot the
warehouse has not loaded, and the tables it lacks, and nothing when every newest snapshot is
loaded. (What needs no build: tests/pipelines/test_refresh.py.)"""

import shutil

import duckdb
import pytest

from pipelines.cli import definitions, main
from pipelines.refresh import (
    missing_tables,
    refresh,
    stale_sources,
)
from sources.snapshots import SnapshotStore

LEDGER = (
    "SELECT source, version, rows_read, rows_loaded, loaded_at FROM meta.snapshot ORDER BY 1, 2"
)


@pytest.fixture
def copy_of_built(built, tmp_path, monkeypatch):
    """A copy of the e2e warehouse, as FLOPBASE_DB: the refresh may write to it."""
    path = tmp_path / "flopbase.duckdb"
    shutil.copy(built[0], path)
    monkeypatch.setenv("FLOPBASE_DB", str(path))
    return path


def test_nothing_new_runs_nothing_and_rebuilds_no_table(copy_of_built):
    before = duckdb.connect(str(copy_of_built), read_only=True).sql(LEDGER).fetchall()
    outcome = refresh(definitions)
    assert outcome.stale == [] and outcome.rebuilt == [] and outcome.success
    after = duckdb.connect(str(copy_of_built), read_only=True).sql(LEDGER).fetchall()
    assert after == before  # loaded_at unchanged: no table was written


def test_an_unloaded_newest_version_rebuilds_its_dependents_only(copy_of_built):
    newest = SnapshotStore().latest("fsdl_cloud_gpus").version
    counts = "SELECT count(*) FROM core.cloud_price WHERE source = 'fsdl_cloud_gpus'"
    with duckdb.connect(str(copy_of_built)) as con:
        expected = con.execute(counts).fetchone()[0]
        # The state a live fetch leaves: the version is recorded but not yet loaded.
        con.execute(
            "UPDATE meta.snapshot SET rows_read = NULL, rows_loaded = NULL, "
            "rows_quarantined = NULL, loaded_at = NULL WHERE source = ? AND version = ?",
            ["fsdl_cloud_gpus", newest],
        )
    assert stale_sources(SnapshotStore()) == ["fsdl_cloud_gpus"]

    outcome = refresh(definitions)

    assert outcome.success, outcome.failed_steps
    assert outcome.stale == ["fsdl_cloud_gpus"]
    rebuilt = set(outcome.rebuilt)
    assert {"raw/fsdl_cloud_gpus", "core/cloud_price", "analysis/price_performance"} <= rebuilt
    assert "analysis/trend_estimate" in rebuilt  # the trends rest on the prices
    # Its spellings feed the aliases, so models are relinked; the specs rest on other sources.
    assert "core/model" in rebuilt
    assert not rebuilt & {"core/hardware", "core/hardware_spec", "raw/epoch_models"}
    with duckdb.connect(str(copy_of_built), read_only=True) as con:
        loaded = con.execute(
            "SELECT rows_read FROM meta.snapshot WHERE source = ? AND version = ?",
            ["fsdl_cloud_gpus", newest],
        ).fetchone()[0]
        assert loaded is not None and loaded > 0
        assert con.execute(counts).fetchone()[0] == expected  # the same rows as the full build
    assert stale_sources(SnapshotStore()) == []


DROPPED = ["analysis.trend_estimate", "analysis.overhang_estimate", "analysis.dawnbench_frontier"]


def test_missing_tables_are_named_by_summary_and_rebuilt_by_refresh(copy_of_built, capsys):
    """What a build killed near its end leaves: three analysis tables (and the views on
    them) absent while every snapshot is loaded."""
    with duckdb.connect(str(copy_of_built)) as con:
        expected = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in DROPPED}
        for table in DROPPED:
            con.execute(f"DROP TABLE {table} CASCADE")  # CASCADE: the views reading them
    assert stale_sources(SnapshotStore()) == []
    missing = missing_tables()
    assert set(DROPPED) <= set(missing)

    assert main(["summary"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert all(t in err for t in missing) and "make refresh" in err

    outcome = refresh(definitions)

    assert outcome.success, outcome.failed_steps
    assert outcome.stale == [] and outcome.missing == missing
    assert {"analysis/trend_estimate", "analysis/overhang_estimate"} <= set(outcome.rebuilt)
    assert not set(outcome.rebuilt) & {"core/hardware", "core/cloud_price", "core/model"}
    assert missing_tables() == []
    with duckdb.connect(str(copy_of_built), read_only=True) as con:
        for table, rows in expected.items():
            assert con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == rows, table
    assert main(["summary"]) == 0

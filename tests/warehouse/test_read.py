"""warehouse.read: `query` runs exactly one reading statement with bound parameters,
`read_table` reads a declared table's columns, `row_counts` counts every table of the warehouse
schemas and `missing_relations` names the tables and views a file lacks (all of them when there
is no file). Rows: meta.snapshot records of the bundled snapshot store (data/snapshots/)."""

from pathlib import Path

import pytest

import warehouse
from schemas import SNAPSHOT
from warehouse.read import missing_relations, query, read_table, row_counts
from warehouse.safe_query import QueryRefused


@pytest.fixture()
def recorded(db_path: Path, bundled_store) -> Path:
    """meta.snapshot holding every version of the bundled epoch_hardware and mlperf sources."""
    versions = [*bundled_store.versions("epoch_hardware"), *bundled_store.versions("mlperf")]
    records = [warehouse.SnapshotRecord.of(v) for v in versions]
    warehouse.record_snapshots(records, path=db_path)
    return db_path


def test_query_binds_parameters_and_runs_one_statement(recorded: Path, bundled_store) -> None:
    mlperf = query(
        "SELECT version FROM meta.snapshot WHERE source = ? ORDER BY 1", ["mlperf"], path=recorded
    )
    assert mlperf["version"].to_list() == [v.version for v in bundled_store.versions("mlperf")]
    with pytest.raises(QueryRefused, match="2 statements given"):
        query("SELECT 1; DROP TABLE meta.snapshot", path=recorded)
    with pytest.raises(QueryRefused, match="INSERT statements are refused"):
        query("INSERT INTO meta.snapshot (source) VALUES ('x')", path=recorded)


def test_read_table_reads_the_declared_columns(recorded: Path, bundled_store) -> None:
    latest = bundled_store.latest("epoch_hardware")
    frame = read_table(SNAPSHOT, ["source", "sha256"], path=recorded)
    assert frame.columns == ["source", "sha256"]
    assert ("epoch_hardware", latest.sha256) in frame.rows()
    assert read_table(SNAPSHOT, path=recorded).columns == SNAPSHOT.column_names


def test_row_counts_and_missing_relations(recorded: Path, bundled_store, tmp_path) -> None:
    expected = len(bundled_store.versions("epoch_hardware")) + len(bundled_store.versions("mlperf"))
    counts = dict(row_counts(path=recorded).iter_rows())
    assert counts == {"meta.quarantine": 0, "meta.run_failure": 0, "meta.snapshot": expected}
    assert missing_relations(["meta.snapshot", "core.hardware"], path=recorded) == ["core.hardware"]
    absent = tmp_path / "never_built.duckdb"
    assert missing_relations(["meta.snapshot"], path=absent) == ["meta.snapshot"]
    assert not absent.exists()  # asking does not create the file

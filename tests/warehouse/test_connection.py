"""Opening the warehouse: where it is, and clear errors for files it cannot use."""

import pytest

import warehouse
from warehouse.connection import DEFAULT_PATH


def test_path_defaults_to_the_project_data_folder(monkeypatch):
    monkeypatch.delenv("FLOPBASE_DB", raising=False)
    assert warehouse.warehouse_path() == DEFAULT_PATH
    assert DEFAULT_PATH.parts[-2:] == ("data", "flopbase.duckdb")


def test_flopbase_db_overrides_and_an_explicit_path_wins(monkeypatch, tmp_path):
    monkeypatch.setenv("FLOPBASE_DB", str(tmp_path / "env.duckdb"))
    assert warehouse.warehouse_path() == tmp_path / "env.duckdb"
    assert warehouse.warehouse_path(tmp_path / "x.duckdb") == tmp_path / "x.duckdb"


def test_a_file_that_is_not_duckdb_says_to_rebuild(tmp_path):
    path = tmp_path / "flopbase.duckdb"
    path.write_bytes(b"PK\x03\x04 this is a zip, not a warehouse" * 200)
    with pytest.raises(warehouse.WarehouseIncompatible, match="make run"), warehouse.connect(path):
        pass
    assert path.read_bytes().startswith(b"PK")  # never overwritten by the failed open


def test_reading_a_missing_warehouse_says_to_build_it(tmp_path):
    with pytest.raises(warehouse.WarehouseError, match="build it first"):
        warehouse.query("SELECT 1", path=tmp_path / "none.duckdb")
    assert not (tmp_path / "none.duckdb").exists()


def test_sessions_use_utc(tmp_path):
    with warehouse.connect(tmp_path / "tz.duckdb") as con:
        assert con.execute("SELECT current_setting('TimeZone')").fetchone()[0] == "UTC"

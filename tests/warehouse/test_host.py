"""Warehouse files attached to the process's one DuckDB instance (warehouse/host.py): the lock
is held while a connection is open and released when the last one closes, the file reads
under the name a direct open gives it, nested connections share one attachment, and a write
connection to a file open read-only here is refused."""

import subprocess
import sys

import duckdb
import pytest

from warehouse import host
from warehouse.connection import WarehouseError, connect


def opens_elsewhere(path) -> bool:
    """Whether another process can open `path` for writing right now."""
    script = f"import duckdb; duckdb.connect({str(path)!r}).close()"
    return subprocess.run([sys.executable, "-c", script], capture_output=True).returncode == 0


def test_the_lock_is_held_while_open_and_released_by_the_last_close(tmp_path):
    path = tmp_path / "flopbase.duckdb"
    with connect(path) as outer:
        outer.execute("CREATE TABLE main.t AS SELECT 1 AS x")
        with connect(path, read_only=True) as inner:  # shares the attachment
            assert inner.execute("SELECT x FROM main.t").fetchall() == [(1,)]
        assert not opens_elsewhere(path)  # the outer connection still holds it
    assert opens_elsewhere(path)
    assert not path.with_name(path.name + ".wal").exists()  # detaching checkpointed


def test_a_file_reads_under_the_name_a_direct_open_gives_it(tmp_path):
    path = tmp_path / "flopbase.duckdb"
    with connect(path) as con:
        con.execute("CREATE SCHEMA core")
        con.execute("CREATE TABLE core.t AS SELECT 2 AS x")
        con.execute("CREATE VIEW core.v AS SELECT x + 1 AS y FROM core.t")
        assert con.execute("SELECT current_database()").fetchone() == ("flopbase",)
    direct = duckdb.connect(str(path), read_only=True)
    assert direct.execute("SELECT y FROM core.v").fetchall() == [(3,)]
    direct.close()


def test_two_files_of_the_same_name_are_open_at_once(tmp_path):
    first, second = tmp_path / "a" / "w.duckdb", tmp_path / "b" / "w.duckdb"
    with connect(first) as a, connect(second) as b:
        a.execute("CREATE TABLE main.t AS SELECT 'a' AS f")
        b.execute("CREATE TABLE main.t AS SELECT 'b' AS f")
    for path, expected in ((first, "a"), (second, "b")):
        with connect(path, read_only=True) as con:
            assert con.execute("SELECT f FROM main.t").fetchall() == [(expected,)]


def test_a_write_connection_to_a_file_open_read_only_here_is_refused(tmp_path):
    path = tmp_path / "w.duckdb"
    with connect(path):
        pass
    with (
        connect(path, read_only=True),
        pytest.raises(WarehouseError, match="open read-only in this process"),
        connect(path),
    ):
        pass
    with connect(path) as con:  # and the file is usable again afterwards
        con.execute("CREATE TABLE main.t AS SELECT 1 AS x")
    assert not host._attached  # every connection given back


def test_any_file_name_opens(tmp_path):
    for name in ("bench-1.duckdb", "2026 release.duckdb", "memory.duckdb", 'a"b.duckdb'):
        with connect(tmp_path / name) as con:
            con.execute("CREATE TABLE main.t AS SELECT 1 AS x")
        with connect(tmp_path / name, read_only=True) as con:
            assert con.execute("SELECT x FROM main.t").fetchall() == [(1,)]

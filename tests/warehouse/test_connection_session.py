"""A warehouse session: the file opened once for a step's reads, writes and checks, held only
until the session ends (failed or not). Whether the file is open is asked of another process,
which DuckDB's lock lets in only while no connection of this process holds the file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import warehouse
from tests.warehouse._warehouse_testkit import SYNTHETIC, snapshot, synthetic
from warehouse.publish import in_transaction

OPEN_ELSEWHERE = "import sys, duckdb; duckdb.connect(sys.argv[1], read_only=True).close()"


def opens_elsewhere(path: Path) -> bool:
    """Another process can open the file: no connection of this process holds it."""
    return subprocess.run([sys.executable, "-c", OPEN_ELSEWHERE, str(path)]).returncode == 0


def rows(path: Path) -> int:
    return warehouse.query("SELECT count(*) AS n FROM core.synthetic_rows", path=path)["n"][0]


def test_a_session_holds_the_file_across_its_writes_and_reads(db_path: Path) -> None:
    warehouse.publish(SYNTHETIC, synthetic(5, 1), path=db_path)
    assert opens_elsewhere(db_path)  # one call at a time: the file is let go after each
    with warehouse.session(db_path):
        warehouse.publish(SYNTHETIC, synthetic(7, 2), load=_load(7), path=db_path)
        assert not opens_elsewhere(db_path)  # still open between two calls: never reopened
        assert rows(db_path) == 7  # a read sees the write, through the same open file
        assert warehouse.read_table(SYNTHETIC, ["version"], path=db_path)[
            "version"
        ].unique().to_list() == [2]
        with warehouse.connect(db_path, read_only=True) as con:
            assert con.execute("SELECT current_setting('TimeZone')").fetchone()[0] == "UTC"
        assert not opens_elsewhere(db_path)
    assert opens_elsewhere(db_path)
    assert rows(db_path) == 7


def test_a_failed_write_rolls_back_alone_and_a_failed_session_lets_go(db_path: Path) -> None:
    warehouse.publish(SYNTHETIC, synthetic(5, 1), path=db_path)
    with pytest.raises(RuntimeError, match="step failed"), warehouse.session(db_path):

        def half_written(con) -> None:
            con.execute("DELETE FROM core.synthetic_rows")
            raise ValueError("write failed")

        with pytest.raises(ValueError), warehouse.connect(db_path) as con:
            in_transaction(con, lambda: half_written(con))
        assert rows(db_path) == 5  # rolled back; the session goes on
        warehouse.publish(SYNTHETIC, synthetic(3, 2), load=_load(3), path=db_path)
        raise RuntimeError("step failed")
    assert opens_elsewhere(db_path)  # closed on the failure
    assert rows(db_path) == 3  # what was committed before the failure stays


def test_nested_sessions_share_the_outer_one(db_path: Path) -> None:
    with warehouse.session(db_path) as outer:
        with warehouse.session(db_path) as inner:
            assert inner is outer
        assert not opens_elsewhere(db_path)  # the inner one did not close the file
    assert opens_elsewhere(db_path)


def test_a_session_waits_for_the_lock_as_a_connection_does(db_path: Path, spawn) -> None:
    warehouse.publish(SYNTHETIC, synthetic(5, 1), path=db_path)
    holder = spawn(
        "import sys, time, duckdb\ncon = duckdb.connect(sys.argv[1], read_only=True)\n"
        "print('ready', flush=True)\ntime.sleep(120)\n",
        db_path,
        db=db_path,
    )
    holder.expect("ready")
    with (
        pytest.raises(warehouse.WarehouseLocked, match=f"locked by process {holder.pid} .*waited"),
        warehouse.session(db_path, lock_timeout_s=0.2),
    ):
        pass


def _load(n: int) -> warehouse.Load:
    return warehouse.Load(snapshot("session", "v1"), rows_read=n)

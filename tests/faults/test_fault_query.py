"""A hostile user at the query surface (`flopbase query`, `make query`): every statement that
could write, reach another file or run forever is refused with one line, and the warehouse
file is byte for byte what it was."""

from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path

import duckdb
import pytest

import warehouse
from pipelines.cli import main
from warehouse.safe_query import QueryRefused, safe_query

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture()
def small_warehouse(warehouse_file: Path) -> Path:
    with warehouse.connect() as con:
        con.execute("CREATE SCHEMA core")
        con.execute(
            "CREATE TABLE core.chip AS SELECT * FROM (VALUES ('nvidia-h100', 989.4e12), "
            "('nvidia-a100', 312e12)) AS t(hardware_id, bf16_flop_per_s)"
        )
    return warehouse_file


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def refused(sql: str, capsys, *args: str) -> str:
    """Run `flopbase query`; assert it refused (exit 2) with one line and no traceback."""
    assert main(["query", sql, *args]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "Traceback" not in captured.err
    assert captured.err.count("\n") == 1, captured.err
    return captured.err


def test_copy_onto_the_warehouse_file_is_refused(small_warehouse, capsys, tmp_path):
    before = digest(small_warehouse)
    err = refused(f"COPY (SELECT 42) TO '{small_warehouse}'", capsys)
    assert "COPY statements are refused" in err and "read-only" in err
    # the same target from inside a SELECT (DuckDB's query() table function) does not run
    # either, and nothing else is written next to it
    refused(f"SELECT * FROM query('COPY (SELECT 42) TO ''{small_warehouse}''')", capsys)
    assert digest(small_warehouse) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["flopbase.duckdb"]


def test_attach_of_another_database_is_refused(small_warehouse, capsys, tmp_path):
    other = tmp_path / "other.duckdb"
    with duckdb.connect(str(other)) as con:
        con.execute("CREATE TABLE precious AS SELECT 1 AS a")
    before = digest(other)
    err = refused(f"ATTACH '{other}' AS other", capsys)
    assert "ATTACH statements are refused" in err
    assert digest(other) == before


def test_a_second_statement_is_refused_and_nothing_runs(small_warehouse, capsys):
    before = digest(small_warehouse)
    err = refused("SELECT 1; DROP TABLE core.chip", capsys)
    assert "2 statements given; one is allowed" in err
    assert digest(small_warehouse) == before
    assert warehouse.query("SELECT count(*) FROM core.chip").item() == 2


@pytest.mark.parametrize(
    ("sql", "says"),
    [
        ("INSTALL httpfs", "INSTALL statements are refused"),
        ("LOAD httpfs", "LOAD statements are refused"),
        ("SET enable_external_access = true", "SET statements are refused"),
        ("RESET lock_configuration", "RESET statements are refused"),
        ("PRAGMA version", "PRAGMA statements are refused"),
        ("CALL pragma_version()", "CALL statements are refused"),
        ("CHECKPOINT", "CHECKPOINT statements are refused"),
        ("EXPORT DATABASE '/tmp/x'", "EXPORT statements are refused"),
        ("DETACH flopbase", "DETACH statements are refused"),
        ("USE memory", "USE statements are refused"),
        ("CREATE TABLE core.x AS SELECT 1", "CREATE statements are refused"),
        ("DELETE FROM core.chip", "read-only"),
        ("UPDATE EXTENSIONS", "UPDATE statements are refused"),  # a kind Python can't name
        ("EXPLAIN ANALYZE COPY (SELECT 1) TO '/tmp/x'", "EXPLAIN is allowed of a SELECT only"),
        ("SELECT * FROM read_csv('/etc/passwd')", "not other files"),
        ("SELECT * FROM read_text('/etc/hostname')", "not other files"),
        ("SELECT * FROM glob('/etc/*')", "not other files"),
        ("", "no SQL given"),
        ("   ", "no SQL given"),
        ("-- just a comment", "no SQL statement found"),
        ("SELEC 1", "does not parse"),
    ],
)
def test_every_non_reading_statement_is_refused_in_one_line(small_warehouse, capsys, sql, says):
    before = digest(small_warehouse)
    assert says in refused(sql, capsys)
    assert digest(small_warehouse) == before


def test_reads_still_work(small_warehouse, capsys):
    for sql in [
        "WITH c AS (SELECT * FROM core.chip) SELECT count(*) FROM c",
        "FROM core.chip",
        "DESCRIBE core.chip",
        "SUMMARIZE core.chip",
        "SHOW TABLES",
        "EXPLAIN SELECT * FROM core.chip",
        "VALUES (1)",
        "SELECT current_setting('enable_external_access') AS ext",
    ]:
        assert main(["query", sql, "--csv"]) == 0, sql
    assert capsys.readouterr().out.endswith("ext\nfalse\n")  # the sandbox is on


def test_a_runaway_query_is_stopped_at_the_timeout(small_warehouse, capsys, monkeypatch):
    cross = "SELECT count(*) FROM range(1e12::BIGINT) a, range(1e12::BIGINT) b"
    err = refused(cross, capsys, "--timeout", "0.2")
    assert "stopped after the 0.2 s timeout" in err
    # the default comes from the environment; the read lock is released: a writer gets in
    monkeypatch.setenv("FLOPBASE_QUERY_TIMEOUT_S", "0.2")
    with pytest.raises(QueryRefused, match="timeout"):
        safe_query(cross)
    with warehouse.connect(lock_timeout_s=0) as con:
        con.execute("CREATE TABLE core.after AS SELECT 1 AS a")


def test_printing_stops_at_the_row_limit(small_warehouse, capsys):
    assert main(["query", "SELECT * FROM range(5000)", "--csv"]) == 0
    captured = capsys.readouterr()
    assert captured.out.count("\n") == 1 + 1000
    assert "showing the first 1,000 rows" in captured.err
    assert main(["query", "SELECT * FROM range(5000)", "--csv", "--max-rows", "0"]) == 0
    assert capsys.readouterr().out.count("\n") == 1 + 5000
    result = safe_query("SELECT * FROM range(10_000_000)", max_rows=10)
    assert result.truncated and result.frame.height == 10


def test_internal_reads_run_one_statement_too(small_warehouse):
    with pytest.raises(QueryRefused, match="2 statements"):
        warehouse.query("SELECT 1; DROP TABLE core.chip")
    assert warehouse.query("SELECT count(*) FROM core.chip").item() == 2


def test_make_query_without_sql_says_what_to_do(small_warehouse):
    env = {**os.environ, "FLOPBASE_DB": str(small_warehouse)}
    for args in (["SQL="], []):
        done = subprocess.run(
            ["make", "-s", "query", *args], cwd=REPO, env=env, capture_output=True, text=True
        )
        assert done.returncode == 2
        assert "no SQL given" in done.stderr and "Traceback" not in done.stderr
    quoted = 'SELECT hardware_id AS "the ""id""" FROM core.chip WHERE hardware_id = \'nvidia-a100\''
    done = subprocess.run(
        ["make", "-s", "query", f"SQL={quoted}"], cwd=REPO, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert 'the "id"' in done.stdout and "nvidia-a100" in done.stdout

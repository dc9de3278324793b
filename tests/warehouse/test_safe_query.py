"""warehouse.safe_query called directly (tests/faults/test_fault_query.py attacks it through
`flopbase query`): `read_statement` passes one reading statement, EXPLAIN of a SELECT only;
`safe_query` binds parameters, cuts the rows at `max_rows` and says so, and refuses a read of
another file from inside a SELECT. Data: two real GCP quotes (_cloud_price_testkit.py)."""

from pathlib import Path

import pytest

import warehouse
from schemas import CLOUD_PRICE
from tests.warehouse._cloud_price_testkit import QUOTES
from warehouse.safe_query import QueryRefused, read_statement, safe_query


@pytest.fixture()
def quotes_file(db_path: Path) -> Path:
    warehouse.publish(CLOUD_PRICE, QUOTES, path=db_path)
    return db_path


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT 1",
        "WITH t AS (SELECT 1 AS x) SELECT x FROM t",
        "FROM core.cloud_price",
        "VALUES (1), (2)",
        "DESCRIBE core.cloud_price",
        "EXPLAIN SELECT 1",
    ],
)
def test_reading_statements_pass(sql: str) -> None:
    assert read_statement(sql).query.strip() == sql


@pytest.mark.parametrize(
    ("sql", "says"),
    [
        ("", "no SQL given"),
        ("-- only a comment", "no SQL statement found"),
        ("SELECT 1; SELECT 2", "2 statements given"),
        ("SELEKT 1", "does not parse"),
        ("EXPLAIN DELETE FROM core.cloud_price", "EXPLAIN is allowed of a SELECT only"),
        ("PRAGMA version", "PRAGMA statements are refused"),
    ],
)
def test_other_statements_are_refused_saying_why(sql: str, says: str) -> None:
    with pytest.raises(QueryRefused, match=says):
        read_statement(sql)


def test_parameters_are_bound_and_rows_cut_at_the_limit(quotes_file: Path) -> None:
    found = safe_query(
        "SELECT usd_per_accelerator_hour FROM core.cloud_price WHERE hardware_text = ?",
        ["a100-80gb"],
        path=quotes_file,
    )
    assert (found.frame["usd_per_accelerator_hour"].to_list(), found.truncated) == (
        [5.027702],
        False,
    )
    cut = safe_query("FROM core.cloud_price ORDER BY observed_at", path=quotes_file, max_rows=1)
    assert (cut.frame.height, cut.truncated) == (1, True)
    assert cut.frame["usd_per_accelerator_hour"].to_list() == [4.03353]
    whole = safe_query("FROM core.cloud_price", path=quotes_file, max_rows=None)
    assert (whole.frame.height, whole.truncated) == (2, False)


def test_another_file_cannot_be_read_from_a_select(quotes_file: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.csv"
    other.write_text("a\n1\n")
    with pytest.raises(QueryRefused, match="reads the warehouse only"):
        safe_query("SELECT * FROM read_csv(?)", [str(other)], path=quotes_file)
    with pytest.raises(QueryRefused, match="does not exist"):
        safe_query("SELECT * FROM core.no_such_table", path=quotes_file)

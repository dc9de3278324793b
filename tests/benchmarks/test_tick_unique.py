"""benchmarks.tick_unique and the tick load into a core.cloud_price without its PRIMARY KEY:
the same rows, quarantine and ledger as with the key, and the uniqueness of (source, sha256,
row_number) verified by the loader (a repeated number, a number out of range or a leftover
row of the version refused). Real data: the bundled tracker version (tests/benchmarks/
conftest.py); the small tables of numbers and the time spellings are SYNTHETIC."""

from __future__ import annotations

from datetime import UTC, datetime

import duckdb
import pytest

from benchmarks.tick_load import load_ticks_csv
from benchmarks.tick_sql_checks import interval_checks_only
from benchmarks.tick_steps import Steps
from benchmarks.tick_unique import NumbersNotUnique, has_primary_key, verify_unique_numbers
from schemas import CLOUD_PRICE
from tests.benchmarks.test_tick_load import (
    faulty_rows,
    ledger,
    quarantine,
    table,
    with_aliases,
    write_ticks,
)
from warehouse.ddl import create_table

VERSION = "source = 's' AND sha256 = 'a'"


def without_key(con: duckdb.DuckDBPyConnection) -> None:
    """core.cloud_price as the benchmark creates it: the warehouse's DDL without the key."""
    con.execute("CREATE SCHEMA IF NOT EXISTS core")
    ddl = create_table(CLOUD_PRICE)
    con.execute(ddl[: ddl.index(",\n  PRIMARY KEY")] + "\n)")


def test_without_the_key_a_load_gives_what_it_gives_with_it(
    tmp_path, db_path, quotes, snap, aliases
) -> None:
    rows, expected_reasons = faulty_rows(quotes)
    tick_file = write_ticks(tmp_path / "faulty_ticks.csv", rows)
    keyed = tmp_path / "keyed.duckdb"
    for db in (keyed, db_path):
        with_aliases(db, aliases)
    with duckdb.connect(str(db_path)) as con:
        without_key(con)
        assert not has_primary_key(con)

    plain = load_ticks_csv(tick_file, snap, path=db_path)
    load_ticks_csv(tick_file, snap, path=keyed)

    with duckdb.connect(str(keyed)) as con:
        assert has_primary_key(con)
    assert table(db_path).equals(table(keyed))
    assert quarantine(db_path).equals(quarantine(keyed))
    assert ledger(db_path) == ledger(keyed) == [(snap.version, 210, 201, 9)]
    assert (plain.rows_read, plain.rows_loaded, plain.rows_quarantined) == (210, 201, 9)
    assert len(expected_reasons) == 9 and "unique" in plain.steps
    # a second load of the version replaces it: the check sees only the new rows
    load_ticks_csv(tick_file, snap, path=db_path)
    assert table(db_path).equals(table(keyed))
    numbers = table(db_path)["row_number"]
    assert numbers.n_unique() == numbers.len() == 201


def numbered(con: duckdb.DuckDBPyConnection, numbers: list[int], sha256: str = "a") -> None:
    """SYNTHETIC rows of version ('s', sha256) with the given row numbers."""
    for n in numbers:
        con.execute(
            "INSERT INTO core.cloud_price (observed_at, provider, pricing, source, sha256, "
            "row_number, record_number, price_field, is_suspect) VALUES "
            "(TIMESTAMPTZ '2030-01-01 00:00:00+00', 'p', 'marketplace', 's', ?, ?, ?, 'x', "
            "false)",
            [sha256, n, n],
        )


@pytest.fixture
def con():
    with duckdb.connect() as con:
        without_key(con)
        yield con


def test_distinct_numbers_pass_whatever_their_order(con) -> None:
    numbered(con, [3, 1, 2])
    numbered(con, [1, 2, 3], sha256="b")  # another version: the same numbers are its own
    steps = Steps(con)
    verify_unique_numbers(steps, VERSION, inserted=3, numbers=3)
    assert set(steps.seconds) == {"unique"}


@pytest.mark.parametrize(
    ("numbers", "inserted", "highest", "message"),
    [
        ([1, 2, 2], 3, 3, "2 distinct row numbers"),
        ([1, 2, 3], 2, 3, "3 rows of the version after inserting 2"),  # a leftover row
        ([1, 2, 5], 3, 3, "outside 1..3"),
        ([0, 1], 2, 2, "outside 1..2"),
        ([1], 0, 0, "1 rows of the version after inserting 0"),
    ],
)
def test_a_number_that_is_not_unique_is_refused(con, numbers, inserted, highest, message) -> None:
    numbered(con, numbers)
    with pytest.raises(NumbersNotUnique, match=message):
        verify_unique_numbers(Steps(con), VERSION, inserted=inserted, numbers=highest)


def test_number_checks_are_bounds() -> None:
    assert interval_checks_only(CLOUD_PRICE, ["row_number", "record_number"])
    assert not interval_checks_only(CLOUD_PRICE, ["pricing"])  # isin: not an interval


def test_times_need_an_offset(tmp_path, db_path, snap) -> None:
    """SYNTHETIC lines, one per way a time may end; a time without an offset is refused."""
    times = {
        "2030-01-01T10:00:00Z": datetime(2030, 1, 1, 10, tzinfo=UTC),
        "2030-01-01T10:00:00.5+00:00": datetime(2030, 1, 1, 10, 0, 0, 500000, tzinfo=UTC),
        "2030-01-01T10:00:00-0500": datetime(2030, 1, 1, 15, tzinfo=UTC),
        "2030-01-01T10:00:00+05": datetime(2030, 1, 1, 5, tzinfo=UTC),
        "2030-01-01T10:00:00": None,
        "2030-01-01": None,
    }
    rows = [[t, f"seller_{i}", "SYNTH_GPU", None, "1.5"] for i, t in enumerate(times)]
    load = load_ticks_csv(write_ticks(tmp_path / "times.csv", rows), snap, path=db_path)

    assert (load.rows_loaded, load.rows_quarantined) == (4, 2)
    loaded = table(db_path)
    assert loaded["observed_at"].to_list() == [w for w in times.values() if w]
    rejected = quarantine(db_path)
    assert rejected["row_number"].to_list() == [5, 6]
    assert rejected["reason"].to_list() == [
        "unreadable timestamp '2030-01-01T10:00:00'",
        "unreadable timestamp '2030-01-01'",
    ]

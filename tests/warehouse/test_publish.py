"""warehouse.publish: atomic replace, validation first, ledger rows in the same transaction."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandera.errors
import polars as pl
import pytest
from polars.testing import assert_frame_equal

import warehouse
from schemas import QUARANTINE, SNAPSHOT, Table
from schemas.columns.declare import column
from tests.warehouse._warehouse_testkit import snapshot, staging_tables
from warehouse import Load

ITEMS = Table(
    "core",
    "items",
    "Synthetic items for publish tests.",
    {
        "item_id": column(pl.String, "Item id.", nullable=False),
        "price": column(pl.Float64, "Price.", "USD"),
        "added_on": column(pl.Date, "Day added."),
    },
    key=("item_id",),
)

FIRST = pl.DataFrame(
    {"item_id": ["a", "b", "c"], "price": [1.5, None, 3.0], "added_on": [None, None, None]},
    schema=ITEMS.polars_schema,
)
SECOND = pl.DataFrame(
    {"item_id": ["x", "y"], "price": [10.0, 20.0], "added_on": [None, None]},
    schema=ITEMS.polars_schema,
)


def rejects(*rows: tuple[int, str, str | None]) -> pl.DataFrame:
    return pl.DataFrame(
        [{"row_number": n, "reason": reason, "record": record} for n, reason, record in rows],
        schema={"row_number": pl.Int64, "reason": pl.String, "record": pl.String},
    )


def ledger(path: Path) -> tuple[pl.DataFrame, pl.DataFrame]:
    snap = warehouse.query("SELECT * FROM meta.snapshot ORDER BY source, version", path=path)
    quarantine = warehouse.query(
        "SELECT * FROM meta.quarantine ORDER BY source, target_table, row_number", path=path
    )
    return snap, quarantine


def table_names(path: Path) -> list[str]:
    return warehouse.query(
        "SELECT schema_name || '.' || table_name AS t FROM duckdb_tables() ORDER BY 1", path=path
    )["t"].to_list()


# --- replace --------------------------------------------------------------------------------


def test_second_publish_replaces_the_first(db_path: Path) -> None:
    assert warehouse.publish(ITEMS, FIRST, path=db_path) == 3
    assert_frame_equal(warehouse.read_table(ITEMS, path=db_path).sort("item_id"), FIRST)
    assert warehouse.publish(ITEMS, SECOND, path=db_path) == 2
    assert_frame_equal(warehouse.read_table(ITEMS, path=db_path).sort("item_id"), SECOND)
    assert staging_tables(db_path) == []
    assert table_names(db_path) == [
        "core.items",
        "meta.quarantine",
        "meta.run_failure",
        "meta.snapshot",
    ]
    # The replacement carries the comments and the key again.
    comment = warehouse.query(
        "SELECT comment FROM duckdb_columns() WHERE table_name = 'items' AND column_name = 'price'",
        path=db_path,
    )
    assert comment.item() == "Price. [USD]"
    with warehouse.connect(db_path) as con, pytest.raises(duckdb.ConstraintException):
        con.execute("INSERT INTO core.items VALUES ('x', 1.0, NULL)")


# --- validation happens before the file is touched --------------------------------------------


BAD_FRAMES = {
    "null in a non-nullable column": SECOND.with_columns(item_id=pl.Series(["x", None])),
    "wrong dtype": SECOND.with_columns(pl.col("price").cast(pl.Float32)),
    "missing column": SECOND.drop("added_on"),
    "extra column": SECOND.with_columns(extra=pl.lit(1)),
    "columns out of order": SECOND.select("price", "item_id", "added_on"),
    "duplicate key": pl.concat([SECOND, SECOND.head(1)]),
}


@pytest.mark.parametrize("bad", BAD_FRAMES.values(), ids=BAD_FRAMES.keys())
def test_invalid_frame_raises_before_writing(db_path: Path, bad: pl.DataFrame) -> None:
    warehouse.publish(ITEMS, FIRST, path=db_path)
    before = db_path.read_bytes()
    with pytest.raises(pandera.errors.SchemaError):
        warehouse.publish(ITEMS, bad, path=db_path)
    assert db_path.read_bytes() == before
    assert_frame_equal(warehouse.read_table(ITEMS, path=db_path).sort("item_id"), FIRST)


def test_invalid_frame_does_not_even_create_the_file(db_path: Path) -> None:
    with pytest.raises(pandera.errors.SchemaError):
        warehouse.publish(ITEMS, BAD_FRAMES["wrong dtype"], path=db_path)
    assert not db_path.exists()


# --- a failure inside the transaction rolls everything back ----------------------------------


def _published_with_ledger(db_path: Path) -> tuple[pl.DataFrame, pl.DataFrame]:
    load = Load(
        snapshot=snapshot("items_src", "2024-05-06-aaaaaaaaaaaa"),
        rows_read=4,
        rejects=rejects((4, "price failed in_range", '{"item_id": "d", "price": -1}')),
    )
    warehouse.publish(ITEMS, FIRST, load=load, run_id="run-1", path=db_path)
    return ledger(db_path)


INSIDE_FAILURES = {
    # pandera does not look at `rejects`; DuckDB's NOT NULL on meta.quarantine.record does.
    "null quarantine record": rejects((3, "bad", None)),
    # Two rejects with the same row number violate meta.quarantine's primary key.
    "duplicate quarantine key": rejects((3, "bad", "{}"), (3, "worse", "{}")),
}


@pytest.mark.parametrize("bad_rejects", INSIDE_FAILURES.values(), ids=INSIDE_FAILURES.keys())
def test_failure_inside_transaction_rolls_back_table_and_ledger(
    db_path: Path, bad_rejects: pl.DataFrame
) -> None:
    snap_before, quarantine_before = _published_with_ledger(db_path)
    load = Load(
        snapshot=snapshot("items_src", "2024-06-01-bbbbbbbbbbbb", "b"),
        rows_read=SECOND.height + bad_rejects.height,
        rejects=bad_rejects,
    )
    with pytest.raises(duckdb.ConstraintException):
        warehouse.publish(ITEMS, SECOND, load=load, run_id="run-2", path=db_path)

    assert_frame_equal(warehouse.read_table(ITEMS, path=db_path).sort("item_id"), FIRST)
    snap_after, quarantine_after = ledger(db_path)
    assert_frame_equal(snap_after, snap_before)
    assert_frame_equal(quarantine_after, quarantine_before)
    assert staging_tables(db_path) == []


def test_a_nullable_key_is_refused_when_the_table_is_declared() -> None:
    """DuckDB's PRIMARY KEY would refuse a null key only inside the write: catch it earlier."""
    with pytest.raises(ValueError, match=r"key columns \['k'\] must be declared non-null"):
        Table(
            "core", "loose", "Key declared nullable.", {"k": column(pl.String, "Key.")}, key=("k",)
        )


def test_failure_inside_first_transaction_leaves_an_empty_file(db_path: Path) -> None:
    """The quarantine insert fails (a null record) inside the very first write: no tables."""
    load = Load(snapshot=snapshot("items_src", "v1"), rows_read=4, rejects=rejects((4, "x", None)))
    with pytest.raises(duckdb.ConstraintException, match="NOT NULL"):
        warehouse.publish(ITEMS, FIRST, load=load, path=db_path)
    assert table_names(db_path) == []  # not even the ledger tables or a staging table


# --- load accounting -------------------------------------------------------------------------


def test_load_that_loses_rows_raises_and_writes_nothing(db_path: Path) -> None:
    load = Load(snapshot=snapshot("items_src", "v1"), rows_read=5, rejects=rejects((4, "x", "{}")))
    with pytest.raises(ValueError, match="went missing") as err:
        warehouse.publish(ITEMS, FIRST, load=load, path=db_path)
    assert "5 records read from items_src but 3 loaded + 1 quarantined" in str(err.value)
    assert not db_path.exists()

    snap_before, quarantine_before = _published_with_ledger(db_path)
    too_few = Load(snapshot=snapshot("items_src", "v2"), rows_read=1)
    with pytest.raises(ValueError, match="went missing"):
        warehouse.publish(ITEMS, SECOND, load=too_few, path=db_path)
    assert_frame_equal(warehouse.read_table(ITEMS, path=db_path).sort("item_id"), FIRST)
    snap_after, quarantine_after = ledger(db_path)
    assert_frame_equal(snap_after, snap_before)
    assert_frame_equal(quarantine_after, quarantine_before)


def test_load_records_counts_and_quarantine(db_path: Path) -> None:
    snap = snapshot("items_src", "2024-05-06-aaaaaaaaaaaa")
    bad = rejects(
        (2, "price failed in_range (value -1)", '{"item_id": "q", "price": -1}'),
        (5, "duplicate key (item_id=a) of row 1", '{"item_id": "a"}'),
    )
    started = datetime.now(UTC)
    warehouse.publish(
        ITEMS, FIRST, load=Load(snap, rows_read=5, rejects=bad), run_id="run-1", path=db_path
    )
    finished = datetime.now(UTC)

    snap_rows, quarantine = ledger(db_path)
    assert snap_rows.schema == SNAPSHOT.polars_schema
    assert snap_rows.height == 1
    row = snap_rows.row(0, named=True)
    loaded_at = row.pop("loaded_at")
    assert started <= loaded_at <= finished
    assert row == {
        "source": "items_src",
        "version": "2024-05-06-aaaaaaaaaaaa",
        "url": "https://example.org/items_src/2024-05-06-aaaaaaaaaaaa.csv",
        "sha256": "a" * 64,
        "retrieved_at": datetime(2024, 5, 6, 7, 8, 9, 123456, tzinfo=UTC),
        "licence": "CC-BY-4.0",
        "rows_read": 5,
        "rows_loaded": 3,
        "rows_quarantined": 2,
        "run_id": "run-1",
    }
    assert quarantine.schema == QUARANTINE.polars_schema
    assert quarantine.rows() == [
        ("items_src", "a" * 64, 2, bad["record"][0], bad["reason"][0], "core.items", "run-1"),
        ("items_src", "a" * 64, 5, bad["record"][1], bad["reason"][1], "core.items", "run-1"),
    ]

    # Another source's rejects, for another table, must survive a reload of items_src.
    other = Load(snapshot("other_src", "v1", "c"), rows_read=3, rejects=rejects((9, "r", "{}")))
    other_table = Table("core", "other", "Other.", ITEMS.columns, key=("item_id",))
    warehouse.publish(other_table, SECOND, load=other, run_id="run-o", path=db_path)

    # Second load of the same source: a new version, one different reject.
    snap2 = snapshot("items_src", "2024-06-01-bbbbbbbbbbbb", "b")
    bad2 = rejects((1, "name failed not_nullable (value null)", '{"item_id": null}'))
    warehouse.publish(
        ITEMS, SECOND, load=Load(snap2, rows_read=3, rejects=bad2), run_id="run-2", path=db_path
    )
    snap_rows, quarantine = ledger(db_path)
    assert quarantine.rows() == [
        ("items_src", "b" * 64, 1, bad2["record"][0], bad2["reason"][0], "core.items", "run-2"),
        ("other_src", "c" * 64, 9, "{}", "r", "core.other", "run-o"),
    ]
    counts = snap_rows.select(
        "source", "version", "rows_read", "rows_loaded", "rows_quarantined", "run_id"
    )
    assert counts.rows() == [
        ("items_src", "2024-05-06-aaaaaaaaaaaa", 5, 3, 2, "run-1"),
        ("items_src", "2024-06-01-bbbbbbbbbbbb", 3, 2, 1, "run-2"),
        ("other_src", "v1", 3, 2, 1, "run-o"),
    ]

    # Reloading the same version again updates its counts in place, and its quarantine rows.
    warehouse.publish(ITEMS, SECOND, load=Load(snap2, rows_read=2), run_id="run-3", path=db_path)
    snap_rows, quarantine = ledger(db_path)
    assert quarantine["source"].to_list() == ["other_src"]
    again = snap_rows.filter(pl.col("version") == snap2.version).row(0, named=True)
    assert (again["rows_read"], again["rows_loaded"], again["rows_quarantined"]) == (2, 2, 0)
    assert again["run_id"] == "run-3"
    assert snap_rows.height == 3


def test_a_table_built_from_several_versions_of_a_source_keeps_every_versions_rejects(
    db_path: Path,
) -> None:
    first = Load(snapshot("items_src", "v1", "a"), rows_read=3, rejects=rejects((3, "r1", "{}")))
    second = Load(snapshot("items_src", "v2", "b"), rows_read=3, rejects=rejects((1, "r2", "{}")))
    frame = pl.concat([FIRST.head(2), SECOND])
    first = replace(first, rows_loaded=2)
    second = replace(second, rows_loaded=2)
    warehouse.publish(ITEMS, frame, loads=[first, second], path=db_path)
    _, quarantine = ledger(db_path)
    assert quarantine.select("sha256", "row_number", "reason").rows() == [
        ("b" * 64, 1, "r2"),
        ("a" * 64, 3, "r1"),
    ]


def test_load_without_run_id_records_null(db_path: Path) -> None:
    load = Load(snapshot("items_src", "v1"), rows_read=4, rejects=rejects((4, "r", "{}")))
    warehouse.publish(ITEMS, FIRST, load=load, path=db_path)
    snap_rows, quarantine = ledger(db_path)
    assert snap_rows["run_id"].to_list() == [None]
    assert quarantine["run_id"].to_list() == [None]


def test_record_snapshots_upserts_and_keeps_counts(db_path: Path) -> None:
    loaded = snapshot("items_src", "2024-05-06-aaaaaaaaaaaa")
    warehouse.publish(
        ITEMS,
        FIRST,
        load=Load(loaded, rows_read=4, rejects=rejects((4, "r", "{}"))),
        run_id="run-1",
        path=db_path,
    )
    loaded_at = ledger(db_path)[0]["loaded_at"].item()

    moved = replace(loaded, url="https://mirror.example.org/items.csv", licence="CC0-1.0")
    fresh = snapshot("items_src", "2024-07-01-cccccccccccc", "c")
    warehouse.record_snapshots([moved, fresh], path=db_path)
    warehouse.record_snapshots([fresh], path=db_path)  # idempotent

    rows = ledger(db_path)[0].rows(named=True)
    assert len(rows) == 2
    assert rows[0] == {
        **moved.__dict__,
        "rows_read": 4,
        "rows_loaded": 3,
        "rows_quarantined": 1,
        "loaded_at": loaded_at,
        "run_id": "run-1",
    }
    assert rows[1] == {
        **fresh.__dict__,
        "rows_read": None,
        "rows_loaded": None,
        "rows_quarantined": None,
        "loaded_at": None,
        "run_id": None,
    }
    # The quarantine rows of the load are untouched by recording snapshots.
    assert ledger(db_path)[1]["row_number"].to_list() == [4]


def test_record_snapshots_on_a_fresh_file_creates_the_ledger(db_path: Path) -> None:
    warehouse.record_snapshots([snapshot("s", "v")], path=db_path)
    assert table_names(db_path) == ["meta.quarantine", "meta.run_failure", "meta.snapshot"]
    assert ledger(db_path)[0].select("source", "version", "rows_read").rows() == [("s", "v", None)]

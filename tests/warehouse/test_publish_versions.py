"""warehouse.publish_versions: a version's rows are replaced, other versions' rows stay.

Synthetic rows (not hardware facts): two tables fed by the same snapshot versions, as the
cloud price history feeds core.cloud_price and core.hardware_price.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

import warehouse
from schemas import Table
from schemas.columns.declare import column
from schemas.table import shared
from tests.warehouse._warehouse_testkit import snapshot
from warehouse import Load


def versioned(name: str, extra: str) -> Table:
    return Table(
        "core",
        name,
        "Synthetic versioned rows for publish tests.",
        {
            **shared("source", "sha256", "row_number"),
            extra: column(pl.Float64, "Synthetic value.", "1"),
        },
        key=("source", "sha256", "row_number"),
    )


PRICES = versioned("synthetic_prices", "value")
PURCHASES = versioned("synthetic_purchases", "amount")
V1 = snapshot("demo", "2024-01-01-aaaaaaaaaaaa", "a")
V2 = snapshot("demo", "2024-02-01-bbbbbbbbbbbb", "b")


def rows(table: Table, snap, numbers: list[int], value: float) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "source": [snap.source] * len(numbers),
            "sha256": [snap.sha256] * len(numbers),
            "row_number": numbers,
            table.column_names[-1]: [value] * len(numbers),
        },
        schema=table.polars_schema,
    )


def rejects(numbers: list[int], target: str) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "row_number": numbers,
            "reason": ["synthetic reason"] * len(numbers),
            "record": ["{}"] * len(numbers),
            "target_table": [target] * len(numbers),
        },
        schema={
            "row_number": pl.Int64,
            "reason": pl.String,
            "record": pl.String,
            "target_table": pl.String,
        },
    )


def load(snap, read: int, loaded: int, rejected: pl.DataFrame) -> Load:
    return Load(snap, rows_read=read, rejects=rejected, rows_loaded=loaded)


def count(db: Path, sql: str) -> int:
    return warehouse.query(sql, path=db).item()


def test_a_version_is_replaced_and_the_others_stay(db_path: Path) -> None:
    for snap, value in ((V1, 1.0), (V2, 2.0)):
        warehouse.publish_versions(
            {PRICES: rows(PRICES, snap, [1, 2], value), PURCHASES: rows(PURCHASES, snap, [3], 9)},
            [load(snap, 4, 3, rejects([4], "core.synthetic_prices"))],
            path=db_path,
        )
    assert count(db_path, "SELECT count(*) FROM core.synthetic_prices") == 4
    # V2 again with fewer rows and another reject: only V2's rows and quarantine change.
    warehouse.publish_versions(
        {PRICES: rows(PRICES, V2, [1], 5.0), PURCHASES: rows(PURCHASES, V2, [], 0)},
        [load(V2, 4, 1, rejects([2, 3, 4], "core.synthetic_purchases"))],
        path=db_path,
    )
    by_version = warehouse.query(
        "SELECT sha256, count(*) AS n, sum(value) AS total FROM core.synthetic_prices "
        "GROUP BY ALL ORDER BY 1",
        path=db_path,
    )
    assert by_version.rows() == [(V1.sha256, 2, 2.0), (V2.sha256, 1, 5.0)]
    assert count(db_path, "SELECT count(*) FROM core.synthetic_purchases") == 1
    quarantine = warehouse.query(
        "SELECT sha256, row_number, target_table FROM meta.quarantine ORDER BY 1, 2", path=db_path
    )
    assert quarantine.rows() == [
        (V1.sha256, 4, "core.synthetic_prices"),
        (V2.sha256, 2, "core.synthetic_purchases"),
        (V2.sha256, 3, "core.synthetic_purchases"),
        (V2.sha256, 4, "core.synthetic_purchases"),
    ]
    ledger = warehouse.query(
        "SELECT version, rows_read, rows_loaded, rows_quarantined FROM meta.snapshot ORDER BY 1",
        path=db_path,
    )
    assert ledger.rows() == [(V1.version, 4, 3, 1), (V2.version, 4, 1, 3)]


def test_counts_that_do_not_add_up_are_refused_before_writing(db_path: Path) -> None:
    with pytest.raises(ValueError, match="rows went missing"):
        warehouse.publish_versions(
            {PRICES: rows(PRICES, V1, [1, 2], 1.0)},
            [load(V1, 5, 2, rejects([], "x"))],
            path=db_path,
        )
    assert not db_path.exists()


def test_rows_of_a_version_no_load_accounts_for_are_refused(db_path: Path) -> None:
    with pytest.raises(ValueError, match="no load accounts for"):
        warehouse.publish_versions(
            {PRICES: rows(PRICES, V2, [1], 1.0)},
            [load(V1, 1, 1, rejects([], "x"))],
            path=db_path,
        )


def test_an_older_table_shape_needs_a_rebuild(db_path: Path) -> None:
    warehouse.publish_versions(
        {PRICES: rows(PRICES, V1, [1], 1.0)}, [load(V1, 1, 1, rejects([], "x"))], path=db_path
    )
    wider = Table(
        "core",
        "synthetic_prices",
        "Synthetic, one more column.",
        {**PRICES.columns, "note": column(pl.String, "A new synthetic column.")},
        key=PRICES.key,
    )
    frame = rows(PRICES, V2, [1], 2.0).with_columns(note=pl.lit("n"))
    with pytest.raises(warehouse.TableOutdated, match="rebuild"):
        warehouse.publish_versions({wider: frame}, [load(V2, 1, 1, rejects([], "x"))], path=db_path)
    assert count(db_path, "SELECT count(*) FROM core.synthetic_prices") == 1
    warehouse.publish_versions(
        {wider: frame}, [load(V2, 1, 1, rejects([], "x"))], rebuild=True, path=db_path
    )
    assert warehouse.query(
        "SELECT sha256, note FROM core.synthetic_prices", path=db_path
    ).rows() == [(V2.sha256, "n")]

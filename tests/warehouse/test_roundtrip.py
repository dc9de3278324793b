"""Every dtype the schemas use goes into DuckDB and comes back to polars unchanged."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

import warehouse
from schemas import Table
from schemas.columns.declare import UTC_TIMESTAMP, column

INJECTION = "'); DROP TABLE x; --"

ROUNDTRIP = Table(
    "core",
    "roundtrip",
    "Round-trip test table: one column per dtype (it's synthetic).",
    {
        "id": column(pl.Int64, "Row id.", nullable=False),
        "text": column(pl.String, "Free text, quotes like 'these' included."),
        "day": column(pl.Date, "A calendar day."),
        "moment": column(UTC_TIMESTAMP, "An instant, in UTC."),
        "amount": column(pl.Float64, "A throughput.", "FLOP/s"),
        "big": column(pl.Int64, "A large count.", "B"),
        "flag": column(pl.Boolean, "A tri-state flag."),
    },
    key=("id",),
)

FRAME = pl.DataFrame(
    {
        "id": [1, 2, 3, 4, 5, 6, 7],
        "text": [
            "plain",
            "unicode: héllo wörld ✓ 日本語 🚀 e\u0301",
            INJECTION,
            'double "quotes" and \\backslash\\ and a\ttab\nnewline',
            "",
            None,
            "nul\x00byte",
        ],
        "day": [
            date(2024, 2, 29),
            date(1969, 12, 31),
            date(1, 1, 1),
            date(9999, 12, 31),
            date(1970, 1, 1),
            None,
            date(1900, 3, 1),
        ],
        "moment": [
            datetime(2024, 1, 2, 3, 4, 5, 678901, tzinfo=UTC),
            datetime(1969, 7, 20, 20, 17, 40, 123456, tzinfo=UTC),
            datetime(1969, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
            datetime(1900, 1, 1, 0, 0, 0, 1, tzinfo=UTC),
            datetime(1970, 1, 1, tzinfo=UTC),
            None,
            datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
        ],
        "amount": [1e300, 5e-324, 9.894e14, None, -0.0, math.inf, 1.7976931348623157e308],
        "big": [2**62, -(2**63), 2**63 - 1, 0, None, -1, 9_007_199_254_740_993],
        "flag": [True, False, None, True, None, False, True],
    },
    schema=ROUNDTRIP.polars_schema,
)


@pytest.fixture()
def published(db_path: Path) -> Path:
    assert warehouse.publish(ROUNDTRIP, FRAME, path=db_path) == FRAME.height
    return db_path


def test_read_table_returns_the_frame_exactly(published: Path) -> None:
    back = warehouse.read_table(ROUNDTRIP, path=published)
    assert back.schema == ROUNDTRIP.polars_schema
    assert_frame_equal(back.sort("id"), FRAME, check_exact=True)
    # Values that a lossy path (float text, epoch rounding toward zero) would change:
    row = back.filter(pl.col("id") == 3).row(0, named=True)
    assert row["moment"] == datetime(1969, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)
    assert row["big"] == 2**63 - 1
    assert back.filter(pl.col("id") == 2)["amount"].item() == 5e-324
    assert back.filter(pl.col("id") == 7)["big"].item() == 9_007_199_254_740_993


def test_query_with_parameters_returns_the_same_rows(published: Path) -> None:
    back = warehouse.query("SELECT * FROM core.roundtrip ORDER BY id", path=published)
    assert_frame_equal(back, FRAME, check_exact=True)

    hit = warehouse.query(
        "SELECT id, text FROM core.roundtrip WHERE text = ?", [INJECTION], path=published
    )
    assert hit.rows() == [(3, INJECTION)]
    nulls = warehouse.query(
        "SELECT id FROM core.roundtrip WHERE flag IS NULL ORDER BY id", path=published
    )
    assert nulls["id"].to_list() == [3, 5]
    # The injection string is data: no table x appeared, none disappeared.
    tables = warehouse.query(
        "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'core'", path=published
    )
    assert tables["table_name"].to_list() == ["roundtrip"]


def test_duckdb_column_types(published: Path) -> None:
    types = warehouse.query(
        "SELECT column_name, data_type, is_nullable FROM duckdb_columns() "
        "WHERE schema_name = 'core' AND table_name = 'roundtrip' ORDER BY column_index",
        path=published,
    )
    assert types.rows() == [
        ("id", "BIGINT", False),
        ("text", "VARCHAR", True),
        ("day", "DATE", True),
        ("moment", "TIMESTAMP WITH TIME ZONE", True),
        ("amount", "DOUBLE", True),
        ("big", "BIGINT", True),
        ("flag", "BOOLEAN", True),
    ]
    key = warehouse.query(
        "SELECT constraint_column_names FROM duckdb_constraints() "
        "WHERE table_name = 'roundtrip' AND constraint_type = 'PRIMARY KEY'",
        path=published,
    )
    assert key.rows() == [(["id"],)]


def test_comments_come_from_the_schema_with_units(published: Path) -> None:
    table_comment = warehouse.query(
        "SELECT comment FROM duckdb_tables() WHERE schema_name = 'core' "
        "AND table_name = 'roundtrip'",
        path=published,
    )
    assert table_comment.item() == "Round-trip test table: one column per dtype (it's synthetic)."
    comments = warehouse.query(
        "SELECT column_name, comment FROM duckdb_columns() "
        "WHERE schema_name = 'core' AND table_name = 'roundtrip' ORDER BY column_index",
        path=published,
    )
    assert dict(comments.rows()) == {
        "id": "Row id.",
        "text": "Free text, quotes like 'these' included.",
        "day": "A calendar day.",
        "moment": "An instant, in UTC.",
        "amount": "A throughput. [FLOP/s]",
        "big": "A large count. [B]",
        "flag": "A tri-state flag.",
    }


def test_empty_frame_roundtrip(db_path: Path) -> None:
    assert warehouse.publish(ROUNDTRIP, ROUNDTRIP.empty(), path=db_path) == 0
    back = warehouse.read_table(ROUNDTRIP, path=db_path)
    assert_frame_equal(back, ROUNDTRIP.empty())
    assert back.schema == ROUNDTRIP.polars_schema


def test_nan_survives(db_path: Path) -> None:
    frame = FRAME.with_columns(amount=pl.Series([math.nan, -math.inf] + [1.0] * 5))
    warehouse.publish(ROUNDTRIP, frame, path=db_path)
    amounts = warehouse.read_table(ROUNDTRIP, path=db_path).sort("id")["amount"]
    assert math.isnan(amounts[0])
    assert amounts[1] == -math.inf
    assert_frame_equal(warehouse.read_table(ROUNDTRIP, path=db_path).sort("id"), frame)

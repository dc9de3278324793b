"""schemas/columns/declare.py: a declared column keeps its dtype, description, unit (read back
by `unit_of`), nullability and value checks, so every table that picks it validates alike."""

import polars as pl

from schemas.columns.declare import UTC_TIMESTAMP, column, in_range, unit_of
from tests.schemas._schemas_testkit import failures


def test_a_column_carries_its_unit_description_and_nullability():
    declared = column(pl.Float64, "Thermal design power of one accelerator.", "W")
    assert unit_of(declared) == "W"
    assert declared.description == "Thermal design power of one accelerator."
    assert declared.dtype.type == pl.Float64
    assert declared.nullable  # nullable unless declared otherwise
    assert unit_of(column(pl.String, "A name.", nullable=False)) is None
    assert not column(pl.String, "A name.", nullable=False).nullable


def test_in_range_rejects_values_outside_the_bounds():
    declared = {"tdp_w": column(pl.Float64, "Power.", "W", checks=in_range(1, 1e5))}
    # Fault injection: 700 W is an H100 SXM's TDP; 0.7 is the same in kW, 0 a placeholder.
    frame = pl.DataFrame({"tdp_w": [700.0, 0.7, 0.0, None]})
    assert failures(declared, frame) == [
        ("tdp_w", "in_range(1, 100000.0)", "0.0"),
        ("tdp_w", "in_range(1, 100000.0)", "0.7"),
    ]


def test_a_non_null_column_rejects_nulls():
    declared = {"name": column(pl.String, "Name of the product.", nullable=False)}
    frame = pl.DataFrame({"name": ["NVIDIA H100 SXM5 80GB", None]})  # fault: a missing name
    assert failures(declared, frame) == [("name", "not_nullable", None)]


def test_utc_timestamps_reject_naive_ones():
    declared = {"retrieved_at": column(UTC_TIMESTAMP, "When it was retrieved.")}
    assert pl.Datetime("us", "UTC") == UTC_TIMESTAMP
    naive = pl.DataFrame({"retrieved_at": ["2025-11-23 10:00"]}).with_columns(
        pl.col("retrieved_at").str.to_datetime("%Y-%m-%d %H:%M", time_unit="us")
    )  # fault: no time zone
    expected = "dtype('Datetime(time_unit='us', time_zone='UTC')')"
    assert [f[:2] for f in failures(declared, naive)] == [("retrieved_at", expected)]

"""schemas/table.py: how a table is declared (`Table`, `shared`, `optional`) and the pandera
schema it builds: exact columns in order, dtypes, nullability, checks and a unique key."""

import polars as pl
import pytest

from schemas.columns import COLUMNS
from schemas.table import Table, optional, shared
from schemas.validation import schema_failures


def test_optional_relaxes_nulls_only():
    relaxed = optional("hardware_id")["hardware_id"]
    assert relaxed.nullable and not COLUMNS["hardware_id"].nullable
    assert relaxed.description == COLUMNS["hardware_id"].description


def test_a_key_must_name_non_null_columns():
    with pytest.raises(ValueError, match=r"key columns \['model_id'\] are not columns"):
        Table("core", "probe", "Fault: key not among the columns.", shared("name"), ("model_id",))
    with pytest.raises(ValueError, match=r"key columns \['vendor'\] must be declared non-null"):
        Table("core", "probe", "Fault: a nullable key.", shared("vendor", "name"), ("vendor",))


def test_the_pandera_schema_is_exact_and_the_key_unique():
    table = Table("core", "probe", "Chips by id.", shared("hardware_id", "name"), ("hardware_id",))
    rows = pl.DataFrame(
        {
            "hardware_id": ["nvidia-h100-sxm5-80gb", "google-tpu-v4"],
            "name": ["NVIDIA H100 SXM5 80GB", "Google TPU v4"],
        }
    )
    assert schema_failures(table, rows) is None
    # Fault injection: a repeated key, reordered columns, an extra column.
    repeated = pl.concat([rows, rows.head(1)])
    cases = schema_failures(table, repeated)
    assert cases.select("check", "index").rows() == [
        ("multiple_fields_uniqueness", 0),
        ("multiple_fields_uniqueness", 2),
    ]
    assert schema_failures(table, rows.select("name", "hardware_id"))["check"].to_list() == [
        "column_ordered"
    ]
    extra = rows.with_columns(vendor=pl.lit("NVIDIA"))
    assert schema_failures(table, extra)["check"].to_list() == ["column_in_schema"]


def test_select_empty_and_unit_follow_the_declaration():
    table = Table("core", "probe", "Chips.", shared("hardware_id", "tdp_w", "name"))
    assert table.qualified_name == "core.probe" and table.key == ()
    assert table.column_names == ["hardware_id", "tdp_w", "name"]
    assert table.empty().schema == pl.Schema(
        {"hardware_id": pl.String, "tdp_w": pl.Float64, "name": pl.String}
    )
    shuffled = pl.DataFrame({"name": ["X"], "extra": [1], "tdp_w": [300.0], "hardware_id": ["x"]})
    assert table.select(shuffled).columns == table.column_names
    assert (table.unit("tdp_w"), table.unit("name")) == ("W", None)


def test_shared_picks_the_declared_objects_in_the_order_asked():
    picked = shared("source", "hardware_id")
    assert list(picked) == ["source", "hardware_id"]
    assert picked["hardware_id"] is COLUMNS["hardware_id"]

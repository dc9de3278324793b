"""schemas/models.py: core.model keeps the warehouse contract's columns and key, the fields a
record gives are the same columns in core.model_record and core.model, and
core.model_estimate accepts every estimate of the bundled Our World in Data version and
rejects an unknown quantity and a non-positive value."""

import polars as pl
import pytest

from schemas.models import (
    MODEL,
    MODEL_COMPUTE_CHANGE,
    MODEL_ESTIMATE,
    MODEL_FIELDS,
    MODEL_RECORD,
    TOGETHER,
)
from schemas.validation import split_valid
from sources import registry


@pytest.fixture(scope="module")
def estimates(bundled_store) -> pl.DataFrame:
    """Our World in Data's estimates, no model linked yet (model_id is optional)."""
    snapshot = bundled_store.latest("owid_ai")
    return registry.parsed(snapshot).estimates.with_columns(
        model_id=pl.lit(None, pl.String),
        source=pl.lit(snapshot.source),
        sha256=pl.lit(snapshot.sha256),
    )


def test_contract_columns_and_keys():
    contract = ["model_id", "name", "organization", "published_on", "domain", "parameters"]
    contract += ["training_compute_flop", "training_dataset_size", "training_time_s"]
    contract += ["hardware_id", "hardware_quantity", "training_cost_usd", "is_notable"]
    contract += ["is_frontier"]
    assert [n for n in contract if n not in MODEL.columns] == []
    assert MODEL.key == ("model_id",)
    assert MODEL_RECORD.key == MODEL_ESTIMATE.key == ("source", "sha256", "row_number")
    assert MODEL_COMPUTE_CHANGE.key == ()
    assert MODEL.unit("training_compute_flop") == "FLOP"


def test_record_fields_are_one_declaration_in_both_tables():
    for name in MODEL_FIELDS:
        record, model = MODEL_RECORD.columns[name], MODEL.columns[name]
        if name == "hardware_id":  # each table relaxes its own copy: a chip may resolve to none
            assert record.nullable and model.nullable
            assert record.description == model.description
        else:
            assert record is model, name
    together = [n for first, rest in TOGETHER.items() for n in (first, *rest)]
    assert set(together) <= set(MODEL_FIELDS)


def test_every_real_estimate_loads(estimates):
    valid, rejects = split_valid(estimates, MODEL_ESTIMATE)
    assert rejects.height == 0 and valid.height == estimates.height > 1000
    (check,) = MODEL_ESTIMATE.columns["quantity"].checks
    assert set(valid["quantity"]) <= set(check.statistics["allowed_values"])


def test_an_unknown_quantity_and_a_zero_value_are_rejected(estimates):
    # Fault injection: a quantity core.model has no column for, and a value of 0.
    broken = estimates.head(2).with_columns(
        quantity=pl.Series(["training_compute_petaflop", "parameters"]),
        value=pl.Series([1.0, 0.0]),
    )
    _, rejects = split_valid(broken, MODEL_ESTIMATE)
    first, second = broken["row_number"].to_list()
    allowed = ["training_compute_flop", "parameters", "training_dataset_size", "training_cost_usd"]
    assert rejects.rows() == [
        (first, f"quantity failed isin({allowed}) (value training_compute_petaflop)"),
        (second, "value failed greater_than(0) (value 0.0)"),
    ]

"""schemas/columns/models.py: the model columns accept every record of the bundled Epoch AI
models version and the ids made from their names, and reject a utilisation given in percent, a
non-positive compute or a date outside their range; compute, time and cost declare units."""

import polars as pl
import pytest

from analyses.models import model_ids
from schemas.columns.declare import unit_of
from schemas.columns.models import MODEL_COLUMNS
from sources import registry
from tests.schemas._schemas_testkit import failures


@pytest.fixture(scope="module")
def records(bundled_store) -> pl.DataFrame:
    return registry.parsed(bundled_store.latest("epoch_models")).model_records


def test_real_model_records_pass(records):
    assert records.height > 4000
    assert len([c for c in records.columns if c in MODEL_COLUMNS]) > 25
    assert failures(MODEL_COLUMNS, records) == []
    ids = pl.DataFrame({"model_id": model_ids(records["name"])})
    assert failures(MODEL_COLUMNS, ids) == []


def test_out_of_range_values_are_rejected(records):
    row = records.filter(pl.col("training_compute_flop").is_not_null()).head(1)
    # Fault injection: MFU as a percentage, compute of 0, a date typed a century early.
    broken = row.with_columns(
        model_flop_utilisation=pl.lit(45.0),
        training_compute_flop=pl.lit(0.0),
        published_on=pl.date(1920, 5, 1),
    )
    assert [c[:2] for c in failures(MODEL_COLUMNS, broken)] == [
        ("model_flop_utilisation", "less_than_or_equal_to(1)"),
        ("published_on", "in_range(1940-01-01, 2035-12-31)"),
        ("training_compute_flop", "greater_than(0)"),
    ]


def test_compute_time_cost_and_power_declare_units():
    units = {n: unit_of(c) for n, c in MODEL_COLUMNS.items() if unit_of(c)}
    assert {n for n, u in units.items() if u == "FLOP"} == {
        "training_compute_flop",
        "training_compute_low_flop",
        "training_compute_high_flop",
        "finetune_compute_flop",
    }
    assert units["training_time_s"] == "s" and units["training_power_draw_w"] == "W"
    assert {n for n, u in units.items() if u == "USD"} == {
        "training_cost_usd",
        "training_cost_cloud_usd",
        "training_cost_upfront_usd",
        "hardware_acquisition_cost_usd",
    }

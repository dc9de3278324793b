"""schemas/columns/dawnbench.py: the DAWNBench columns accept every readable entry and every
curve row of the bundled snapshot, and reject what their checks guard against (a percentage
where a fraction belongs, an entry id outside the three tasks); times and costs declare units."""

import polars as pl
import pytest

from schemas.columns.dawnbench import DAWNBENCH_COLUMNS
from schemas.columns.declare import unit_of
from sources import registry
from tests.schemas._schemas_testkit import failures


@pytest.fixture(scope="module")
def parsed(bundled_store):
    return registry.parsed(bundled_store.latest("dawnbench"))


def test_real_entries_and_curves_pass(parsed):
    entries = parsed.entries.filter(pl.col("parse_error").is_null())
    assert entries.height > 100 and parsed.curves.height > 1000
    assert {"entry_id", "submitted_on", "target_metric"} <= set(entries.columns)
    assert {"epoch", "elapsed_s", "top5_accuracy"} <= set(parsed.curves.columns)
    assert failures(DAWNBENCH_COLUMNS, entries) == []
    assert failures(DAWNBENCH_COLUMNS, parsed.curves) == []


def test_percentages_and_foreign_tasks_are_rejected(parsed):
    row = parsed.curves.filter(pl.col("top5_accuracy").is_not_null()).head(1)
    # Fault injection: accuracy as upstream's percent, an entry of a task DAWNBench lacks.
    broken = row.with_columns(
        top5_accuracy=pl.col("top5_accuracy") * 100, entry_id=pl.lit("MNIST/train/lenet")
    )
    cases = failures(DAWNBENCH_COLUMNS, broken)
    assert [c[:2] for c in cases] == [
        (
            "entry_id",
            "str_matches('^(CIFAR10|ImageNet|SQuAD)/(train|inference)/[\\w.+-]+$')",
        ),
        ("top5_accuracy", "in_range(0, 1)"),
    ]
    assert cases[0][2] == "MNIST/train/lenet"


def test_times_and_costs_declare_their_units():
    units = {n: unit_of(c) for n, c in DAWNBENCH_COLUMNS.items() if unit_of(c)}
    assert units == {
        "list_usd_per_hour": "USD/h",
        "time_to_target_s": "s",
        "cost_usd": "USD",
        "latency_s": "s",
        "cost_per_10k_inferences_usd": "USD",
        "elapsed_s": "s",
    }

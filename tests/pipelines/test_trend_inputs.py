"""The trend inputs as the warehouse holds them (pipelines/trend_inputs.py), on a warehouse of
the declared tables, empty (no rows are needed to say which inputs are made or skipped): none
is skipped when every table is there; without the DAWNBench or MLPerf cost tables, or with a
DAWNBench table lacking columns (a fault: an older shape), those inputs are skipped with the
reason; `columns_of` reads a table's columns, none for a missing one. (The inputs' values are
tested in tests/analyses/test_trend_inputs_*.py.)"""

import warehouse
from pipelines.trend_inputs import columns_of, gather_inputs
from schemas import HARDWARE
from tests.pipelines.conftest import declared_tables

OPTIONAL = {"core.dawnbench_entry", "analysis.mlperf_cost", "analysis.imagenet_series"}
DAWNBENCH_SKIPPED = (
    "core.dawnbench_entry is not in the warehouse (materialise the DAWNBench assets)"
)


def test_nothing_is_skipped_when_every_table_is_there(tmp_path):
    inputs, skipped, note = gather_inputs(declared_tables(tmp_path / "all.duckdb"))
    assert skipped == []
    # the series of the model and hardware tables are made (empty); DAWNBench's and MLPerf's are
    # one per task or benchmark, so none without rows
    assert {"training_compute_flop", "fp32_flop_per_s_per_usd"} <= {i.metric for i in inputs}
    assert note["cloud_price_series"].value.startswith("0 of 0 accelerator x pricing series")


def test_the_optional_tables_absent_their_inputs_are_skipped_with_the_reason(tmp_path):
    resource = declared_tables(tmp_path / "partial.duckdb", leave_out=OPTIONAL)
    inputs, skipped, _ = gather_inputs(resource)
    assert [(s.subset, s.reason) for s in skipped] == [
        ("dawnbench", DAWNBENCH_SKIPPED),
        ("mlperf_cost", "analysis.mlperf_cost is not in the warehouse (materialise mlperf_cost)"),
        (
            "imagenet_series",
            "analysis.imagenet_series is not in the warehouse (materialise mlperf_cost)",
        ),
    ]
    metrics = {i.metric for i in inputs}
    assert "training_compute_flop" in metrics
    assert not metrics & {"time_to_target_s", "cost_to_train_usd", "time_to_train_s"}


def test_a_dawnbench_table_lacking_columns_is_skipped_naming_them(tmp_path):
    resource = declared_tables(tmp_path / "old.duckdb")
    with warehouse.connect(resource.location()) as con:
        # the fault: core.dawnbench_entry in a shape without its cost column
        con.execute("ALTER TABLE core.dawnbench_entry DROP COLUMN cost_usd")
    _, skipped, _ = gather_inputs(resource)
    (dawnbench,) = [s for s in skipped if s.subset == "dawnbench"]
    assert dawnbench.reason == "core.dawnbench_entry lacks the columns ['cost_usd']"


def test_columns_of_a_table_and_of_a_missing_one(tmp_path):
    resource = declared_tables(tmp_path / "some.duckdb", leave_out=OPTIONAL)
    assert columns_of(resource, HARDWARE.schema, HARDWARE.name) == HARDWARE.column_names
    assert columns_of(resource, "core", "dawnbench_entry") == []

"""What a run records in the Dagster instance: a table's metadata once, on its materialisation
(not copied into the step's output event), and one warning per load's rejects."""

import logging

import dagster as dg
import polars as pl

from pipelines.ingest import MAX_LOGGED_REJECTS, log_rejects
from pipelines.resources import SnapshotStoreResource, WarehouseResource
from pipelines.tables import publish_table, table_asset
from schemas import DATA_DICTIONARY
from warehouse import data_dictionary


@table_asset(DATA_DICTIONARY, deps=[], group="test")
def dictionary(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    return publish_table(context, warehouse, DATA_DICTIONARY, data_dictionary([DATA_DICTIONARY]))


def test_a_tables_metadata_is_on_its_materialisation_only(tmp_path):
    warehouse = WarehouseResource(path=str(tmp_path / "flopbase.duckdb"))
    result = dg.materialize(
        [dictionary], resources={"warehouse": warehouse, "snapshots": SnapshotStoreResource()}
    )
    (materialization,) = result.get_asset_materialization_events()
    metadata = materialization.materialization.metadata
    assert metadata["dagster/row_count"].value == len(DATA_DICTIONARY.columns)
    assert metadata["preview"].value.records  # what the UI shows, there
    (output,) = [
        e.event_specific_data
        for e in result.all_events
        if e.event_type_value == "STEP_OUTPUT"
        and e.event_specific_data.step_output_handle.output_name == "result"
    ]
    assert output.metadata == {}


@dg.asset
def rejecting(context: dg.AssetExecutionContext) -> None:
    reasons = [f"row {i}: price_usd_per_hour must be > 0" for i in range(MAX_LOGGED_REJECTS + 5)]
    log_rejects(context, "price quotes", pl.DataFrame({"reason": reasons}))
    log_rejects(context, "price quotes", pl.DataFrame({"reason": []}, schema={"reason": str}))


def test_the_rejects_of_a_load_are_one_warning_with_the_first_reasons():
    with dg.DagsterInstance.ephemeral() as instance:
        result = dg.materialize([rejecting], instance=instance)
        logs = instance.all_logs(result.run_id)
    (warning,) = [e for e in logs if e.level == logging.WARNING]
    lines = warning.user_message.splitlines()
    assert lines[0] == "quarantined 25 price quotes (each in meta.quarantine):"
    assert lines[1:3] == [
        "- row 0: price_usd_per_hour must be > 0",
        "- row 1: price_usd_per_hour must be > 0",
    ]
    assert len(lines) == 1 + MAX_LOGGED_REJECTS + 1
    assert lines[-1] == "- and 5 more"

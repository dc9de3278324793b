"""What a run records in the Dagster instance: a table's metadata once, on its materialisation
(not copied into the step's output event). (The one warning per load's rejects:
tests/pipelines/test_ingest.py.)"""

import dagster as dg

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

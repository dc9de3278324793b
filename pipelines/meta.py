"""Warehouse-wide assets: the data dictionary, generated from the schemas."""

import dagster as dg

from pipelines.metadata import definition_metadata, materialization_metadata
from pipelines.resources import WarehouseResource
from schemas import DATA_DICTIONARY, TABLES
from warehouse import data_dictionary

GROUP = "meta"


@dg.asset(
    key=["meta", "data_dictionary"],
    group_name=GROUP,
    kinds={"duckdb", "polars"},
    owners=["team:flopbase"],
    description=DATA_DICTIONARY.description,
    metadata=definition_metadata(DATA_DICTIONARY),
)
def meta_data_dictionary(warehouse: WarehouseResource) -> dg.MaterializeResult:
    """Every column of every table with its type, unit and meaning, from the schemas."""
    frame = data_dictionary(TABLES)
    warehouse.publish(DATA_DICTIONARY, frame)
    return dg.MaterializeResult(metadata=materialization_metadata(DATA_DICTIONARY, frame))


assets = [meta_data_dictionary]

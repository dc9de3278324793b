"""Warehouse-wide assets: the data dictionary, generated from the schemas."""

import dagster as dg

from pipelines.resources import WarehouseResource
from pipelines.tables import publish_table, table_asset
from schemas import DATA_DICTIONARY, TABLES
from warehouse import data_dictionary

GROUP = "meta"


@table_asset(DATA_DICTIONARY, deps=[], group=GROUP)
def meta_data_dictionary(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource
) -> dg.MaterializeResult:
    """Every column of every table with its type, unit and meaning, from the schemas."""
    return publish_table(context, warehouse, DATA_DICTIONARY, data_dictionary(TABLES))


assets = [meta_data_dictionary]

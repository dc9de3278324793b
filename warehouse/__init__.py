"""The DuckDB warehouse: connections, atomic writes, ledger, generated DDL and dictionary."""

from warehouse.connection import (
    WarehouseError,
    WarehouseIncompatible,
    WarehouseLocked,
    connect,
    session,
    warehouse_path,
)
from warehouse.dictionary import data_dictionary
from warehouse.handle import Warehouse
from warehouse.publish import (
    Load,
    SnapshotRecord,
    TableOutdated,
    publish,
    publish_versions,
    record_snapshots,
)
from warehouse.read import query, read_table, row_counts
from warehouse.reads import named_read
from warehouse.views import replace_view

__all__ = [
    "Load",
    "SnapshotRecord",
    "WarehouseError",
    "WarehouseIncompatible",
    "WarehouseLocked",
    "connect",
    "data_dictionary",
    "named_read",
    "TableOutdated",
    "Warehouse",
    "publish",
    "publish_versions",
    "query",
    "read_table",
    "record_snapshots",
    "replace_view",
    "row_counts",
    "session",
    "warehouse_path",
]

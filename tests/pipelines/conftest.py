"""Shared by the tests of pipelines/: warehouses (a small one of one table, and one of every
declared table, empty) and the bundled versions of two sources as the report reads them."""

import polars as pl
import pytest

import warehouse
from pipelines.resources import WarehouseResource
from schemas import TABLES
from schemas.views import VIEWS
from warehouse.ddl import create_table


@pytest.fixture()
def small_warehouse(warehouse_file):
    """A warehouse ($FLOPBASE_DB) of one table, core.chip (two chips' dense BF16 peak and
    release date), as a first build killed after one table leaves it."""
    with warehouse.connect() as con:
        con.execute("CREATE SCHEMA core")
        con.execute(
            "CREATE TABLE core.chip AS SELECT * FROM (VALUES ('nvidia-h100', 989.4e12, "
            "DATE '2022-09-20'), ('nvidia-a100', 312e12, DATE '2020-05-14')) "
            "AS t(hardware_id, bf16_flop_per_s, released_on)"
        )
    return warehouse_file


def declared_tables(path, leave_out=frozenset()) -> WarehouseResource:
    """A warehouse at `path` of every declared table but `leave_out`, empty, with the views
    (none reads those the tests leave out)."""
    views = {v.qualified_name for v in VIEWS}
    with warehouse.connect(path) as con:
        for schema in {t.schema for t in TABLES}:
            con.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
        for table in TABLES:
            if table.qualified_name not in views | set(leave_out):
                con.execute(create_table(table))
    for view in VIEWS:
        warehouse.replace_view(view, path=path)
    return WarehouseResource(path=str(path))


@pytest.fixture(scope="module")
def empty_warehouse(tmp_path_factory):
    """The path of a warehouse of every declared table and view, empty (read only)."""
    path = tmp_path_factory.mktemp("declared") / "empty.duckdb"
    declared_tables(path)
    return path


@pytest.fixture(scope="module")
def report_versions(bundled_store) -> pl.DataFrame:
    """The bundled versions of two sources, as report_loaded_versions reads them."""
    rows = [
        (v.source, v.version, v.retrieved_at, v.sha256)
        for name in ("dawnbench", "fsdl_cloud_gpus")
        for v in bundled_store.versions(name)
    ]
    return pl.DataFrame(
        rows,
        schema={
            "source": pl.String,
            "version": pl.String,
            "retrieved_at": pl.Datetime("us", "UTC"),
            "sha256": pl.String,
        },
        orient="row",
    )

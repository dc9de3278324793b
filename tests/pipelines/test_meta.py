"""The data dictionary asset (pipelines/meta.py): `meta/data_dictionary`, upstream of nothing,
in the `meta` group and the warehouse pool with its blocking schema check; materialised into a
fresh warehouse it holds a row for every column of every declared table."""

import dagster as dg

import warehouse
from pipelines import meta
from pipelines.resources import WarehouseResource
from schemas import DATA_DICTIONARY, TABLES
from tests.pipelines._assets_testkit import checks, deps, groups, pools, schema_checks


def test_the_data_dictionary_asset_is_declared_from_its_schema():
    assert deps(meta.assets) == {"meta/data_dictionary": set()}
    assert groups(meta.assets) == {"meta"}
    assert pools(meta.assets) == {"warehouse"}
    assert checks(meta.assets) == schema_checks(DATA_DICTIONARY)


def test_materialised_it_describes_every_column_of_every_table(tmp_path):
    path = tmp_path / "flopbase.duckdb"
    result = dg.materialize(meta.assets, resources={"warehouse": WarehouseResource(path=str(path))})
    assert result.success
    (check,) = result.get_asset_check_evaluations()
    assert check.passed
    rows = warehouse.query(
        "SELECT count(*) AS n FROM meta.data_dictionary WHERE table_name = ?",
        ["core.hardware"],
        path=path,
    )
    hardware = next(t for t in TABLES if t.qualified_name == "core.hardware")
    assert rows["n"][0] == len(hardware.column_names)
    total = warehouse.query("SELECT count(*) AS n FROM meta.data_dictionary", path=path)
    assert total["n"][0] == sum(len(t.column_names) for t in TABLES)

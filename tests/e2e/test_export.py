"""`flopbase export` on a fresh build: Parquet and CSV of every core and analysis table and
view with the warehouse's rows, the dictionary and ledger, and a README of every source's
licence and citation."""

import polars as pl
import pytest

import warehouse
from pipelines.cli import main, source_infos
from schemas import HARDWARE
from schemas.views import LATEST_CLOUD_PRICE


@pytest.fixture(scope="module")
def exported(built, tmp_path_factory):
    path = built[0]
    target = tmp_path_factory.mktemp("export") / "out"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("FLOPBASE_DB", str(path))
        assert main(["export", "--dir", str(target)]) == 0
    return path, target


def relations(db) -> dict[str, int]:
    """{schema.name: rows} of every table and view of core and analysis in the warehouse."""
    names = warehouse.query(
        "SELECT schema_name || '.' || table_name AS name FROM duckdb_tables() "
        "WHERE schema_name IN ('core', 'analysis') UNION ALL "
        "SELECT schema_name || '.' || view_name FROM duckdb_views() "
        "WHERE NOT internal AND schema_name IN ('core', 'analysis')",
        path=db,
    )["name"]
    return {n: warehouse.query(f"SELECT count(*) AS n FROM {n}", path=db)["n"][0] for n in names}


def test_every_core_and_analysis_relation_is_exported_with_its_rows(exported):
    db, out = exported
    expected = relations(db)
    assert {"core.cloud_price", "core.latest_cloud_price", "analysis.trend_summary"} <= set(
        expected
    )
    parquet = {p.stem: p for p in (out / "parquet").glob("*.parquet")}
    csv = {p.stem: p for p in (out / "csv").glob("*.csv")}
    wanted = set(expected) | {"meta.data_dictionary", "meta.snapshot"}
    assert set(parquet) == wanted
    assert set(csv) == wanted
    for name, rows in expected.items():
        assert pl.scan_parquet(parquet[name]).select(pl.len()).collect().item() == rows, name
        assert pl.scan_csv(csv[name], infer_schema=False).select(pl.len()).collect().item() == (
            rows
        ), name


def test_exported_files_keep_columns_types_and_values(exported):
    db, out = exported
    stored = warehouse.query("SELECT * FROM core.latest_cloud_price", path=db)
    from_parquet = pl.read_parquet(out / "parquet" / "core.latest_cloud_price.parquet")
    assert from_parquet.schema == stored.schema  # dtypes survive, timestamps in UTC
    columns = stored.columns
    assert from_parquet.sort(columns, nulls_last=True).equals(stored.sort(columns, nulls_last=True))
    header = (out / "csv" / "core.hardware.csv").open().readline().strip().split(",")
    assert header == HARDWARE.column_names
    dictionary = pl.read_parquet(out / "parquet" / "meta.data_dictionary.parquet")
    listed = dictionary.filter(table_name="core.latest_cloud_price")["column_name"]
    assert listed.to_list() == LATEST_CLOUD_PRICE.column_names


def test_readme_names_every_source_with_licence_citation_and_versions(exported):
    db, out = exported
    readme = (out / "README.md").read_text()
    infos = source_infos()
    stored = warehouse.query("SELECT DISTINCT source FROM meta.snapshot", path=db)["source"]
    assert {s.name for s in infos} >= set(stored)  # every loaded source declares its terms
    for info in infos:
        [line] = [row for row in readme.splitlines() if f"(`{info.name}`)" in row]
        assert " ".join(info.licence.split()) in line
        assert " ".join(info.citation.split())[:60] in line
    counts = warehouse.query(
        "SELECT count(*) AS n FROM meta.snapshot WHERE source = 'fsdl_cloud_gpus'", path=db
    )["n"][0]
    [fsdl] = [row for row in readme.splitlines() if "(`fsdl_cloud_gpus`)" in row]
    assert f"| {counts}: " in fsdl
    assert "| `core.cloud_price` | table |" in readme

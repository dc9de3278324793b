"""warehouse.reads: every query the pipelines make is a named read of warehouse/reads.sql that
runs against the declared tables, every named read is used, and no pipeline writes its own."""

from __future__ import annotations

import ast
import re

import pytest

import warehouse
from schemas import CLOUD_PRICE, TABLES
from schemas.views import VIEWS
from tests.conftest import REPO
from warehouse.as_of import install_macros
from warehouse.ddl import create_table
from warehouse.reads import _reads, named_read, read_sql

PIPELINES = sorted(REPO.glob("pipelines/*.py"))
# SQL a module generates from the schema declarations rather than writes (the ledger checks
# over every declared table): reviewed, and the only SQL text allowed in pipelines/.
GENERATED = {"pipelines/checks.py"}
SQL = re.compile(r"\b(SELECT|INSERT|DELETE|UPDATE)\b[\s\S]*\b(FROM|INTO|SET)\b")


def _strings_in_pipelines() -> tuple[set[str], set[str]]:
    """Every string constant in pipelines/, and those passed to `named(...)` /
    `named_read(...)` (which must each name a read)."""
    strings, called = set(), set()
    for path in PIPELINES:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                strings.add(node.value)
            if isinstance(node, ast.Call) and node.args:
                name = getattr(node.func, "attr", getattr(node.func, "id", ""))
                if name in {"named", "named_read"} and isinstance(node.args[0], ast.Constant):
                    called.add(node.args[0].value)
    return strings, called


@pytest.fixture(scope="module")
def empty_warehouse(tmp_path_factory):
    """Every declared table, empty, every view over them and the as-of macros."""
    path = tmp_path_factory.mktemp("reads") / "empty.duckdb"
    views = {v.qualified_name for v in VIEWS}
    with warehouse.connect(path) as con:
        for schema in {t.schema for t in TABLES}:
            con.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
        for table in TABLES:
            if table.qualified_name not in views:
                con.execute(create_table(table))
    for view in VIEWS:
        warehouse.replace_view(view, path=path)
    install_macros(path)  # the point-in-time macros some reads call
    return path


PARAMS = {  # a value of the right type for each read's bound parameters
    "hardware_aliases_of_sources": [["epoch_hardware"]],
    "hardware_aliases_in_context": ["hardware"],
    "cloud_price_on_demand_instances": [["p3.2xlarge"]],
    "model_estimates_of_source": ["owid_ai"],
    "columns_of": ["core", "cloud_price"],
    "model_trend_fields_as_of": ["2024-06-01"],
    "model_version_labels_as_of": ["2024-06-01"],
    "cloud_price_version_labels_as_of": ["2024-06-01"],
    "report_trends_of_metric": ["training_compute_flop"],
    "report_cheapest_pflop_day_by_month": ["bf16", "on_demand"],
}


@pytest.mark.parametrize("name", sorted(_reads()))
def test_each_named_read_runs_on_the_declared_tables(name, empty_warehouse) -> None:
    frame = named_read(name, PARAMS.get(name, []), path=empty_warehouse)
    assert frame.width >= 1
    if name == "columns_of":  # the columns of core.cloud_price, in order
        assert frame["column_name"].to_list() == CLOUD_PRICE.column_names
    else:  # nothing, or an aggregate's one row of zeros
        assert frame.height <= 1


def test_every_named_read_is_used_and_every_use_is_named() -> None:
    strings, called = _strings_in_pipelines()
    assert called and called <= set(_reads()), called - set(_reads())
    assert set(_reads()) <= strings, f"reads nothing uses: {set(_reads()) - strings}"
    with pytest.raises(KeyError, match="has no read 'no_such_read'"):
        read_sql("no_such_read")


def test_no_pipeline_module_writes_sql_of_its_own() -> None:
    written = []
    for path in PIPELINES:
        file = str(path.relative_to(REPO))
        if file in GENERATED:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Constant) and SQL.search(str(node.value)):
                written.append(f"{file}:{node.lineno}: {node.value[:60]!r}")
    assert not written, "SQL written in pipelines/ (name it in warehouse/reads.sql):\n" + (
        "\n".join(written)
    )

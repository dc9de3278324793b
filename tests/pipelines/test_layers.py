"""pipelines/ is at most three floors deep (docs/ARCHITECTURE.md, issue #20), read from the
source (every import, at the top of a module or inside a function): building blocks import no
pipelines module; asset modules, the automation and the report's parts import blocks only;
`definitions` (the assets and automation) and `report` (its parts) assemble; the entry points
import those and blocks. So the longest chain of imports is four modules:
entry point -> definitions -> asset module -> building block."""

import ast
import functools

import pytest

from tests.conftest import REPO

PIPELINES = REPO / "pipelines"
MAX_CHAIN = 4  # modules, three imports
BLOCKS = {
    "checks",
    "event_log",
    "fit_store",
    "ingest",
    "partitions",
    "plots",
    "progress",
    "raw",
    "read_commands",
    "refresh",
    "report_html",
    "resources",
    "runs",
    "sensors",
    "summary",
    "tables",
    "trend_inputs",
}
ASSETS = {
    "cloud_prices",
    "dawnbench",
    "efficiency",
    "gpu_specs",
    "hardware_aliases",
    "history",
    "meta",
    "mlperf",
    "mlperf_cost",
    "models",
    "overhang",
    "price_performance",
    "snapshots",
    "trends",
    "views",
}
WIRING = {"automation", "definitions"}
REPORT = {"report", "report_sections", "report_trends"}  # the page of `flopbase report`
ENTRY_POINTS = {"cli", "serve"}
KINDS = [BLOCKS, ASSETS, WIRING, REPORT, ENTRY_POINTS]


@functools.cache
def pipelines_imports(module: str) -> frozenset[str]:
    """The pipelines modules `module` imports anywhere in its source."""
    tree = ast.parse((PIPELINES / f"{module}.py").read_text())
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "pipelines":
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("pipelines."):
            found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found |= {a.name.split(".")[1] for a in node.names if a.name.startswith("pipelines.")}
    return frozenset(found)


def modules() -> set[str]:
    return {p.stem for p in PIPELINES.glob("*.py")} - {"__init__"}


@functools.cache
def longest_chain(module: str) -> tuple[str, ...]:
    """The longest chain of imports from `module`, itself first (a cycle would recurse forever:
    Python refuses most of them anyway)."""
    chains = [(module, *longest_chain(m)) for m in sorted(pipelines_imports(module))]
    return max(chains, key=len, default=(module,))


def test_every_module_is_of_one_kind():
    assert set().union(*KINDS) == modules()
    assert sum(len(k) for k in KINDS) == len(modules())  # no module in two kinds


def test_the_longest_chain_of_imports_is_four_modules():
    chain = max((longest_chain(m) for m in sorted(modules())), key=len)
    assert len(chain) <= MAX_CHAIN, " -> ".join(chain)


@pytest.mark.parametrize("module", sorted(BLOCKS))
def test_a_building_block_imports_no_pipelines_module(module):
    assert pipelines_imports(module) == set()


@pytest.mark.parametrize("module", sorted(ASSETS | {"automation"}))
def test_an_asset_module_and_the_automation_import_building_blocks_only(module):
    """An asset module names an upstream asset by its key, never by importing its module."""
    assert pipelines_imports(module) <= BLOCKS


def test_the_definitions_import_the_assets_the_automation_and_blocks():
    assert pipelines_imports("definitions") - BLOCKS == ASSETS | {"automation"}


def test_the_report_parts_import_blocks_and_the_report_assembles_them():
    assert pipelines_imports("report_sections") <= BLOCKS
    assert pipelines_imports("report_trends") <= BLOCKS
    assert pipelines_imports("report") <= BLOCKS | {"report_sections", "report_trends"}


@pytest.mark.parametrize("module", sorted(ENTRY_POINTS))
def test_an_entry_point_imports_the_definitions_the_report_and_blocks(module):
    assert pipelines_imports(module) <= BLOCKS | {"definitions", "report"}


def test_only_the_definitions_import_asset_modules():
    assert {m for m in modules() if pipelines_imports(m) & ASSETS} == {"definitions"}

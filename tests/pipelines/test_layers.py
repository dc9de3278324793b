"""The three kinds of module inside pipelines/ (docs/ARCHITECTURE.md) and which may import
which, read from the source (every import, at the top of a module or inside a function):
building blocks import building blocks only, asset modules import building blocks only (they
name an upstream asset by its key, never by importing its module), and only the wiring and
the entry points import asset modules."""

import ast

import pytest

from tests.conftest import REPO

PIPELINES = REPO / "pipelines"
BLOCKS = {
    "checks",
    "event_log",
    "failures",
    "fit_store",
    "ingest",
    "metadata",
    "partitions",
    "plots",
    "progress",
    "resources",
    "runs",
    "sensors",
    "snapshots",
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
    "trends",
    "views",
}
WIRING = {"automation", "definitions", "serve_automation"}
ENTRY_POINTS = {
    "cli",
    "execute",
    "refresh",
    "report",
    "report_html",
    "report_sections",
    "report_trends",
    "serve",
}


def pipelines_imports(module: str) -> set[str]:
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
    return found


def test_every_module_is_of_one_kind():
    modules = {p.stem for p in PIPELINES.glob("*.py")} - {"__init__"}
    kinds = [BLOCKS, ASSETS, WIRING, ENTRY_POINTS]
    assert set().union(*kinds) == modules
    assert sum(len(k) for k in kinds) == len(modules)  # no module in two kinds


@pytest.mark.parametrize("module", sorted(BLOCKS))
def test_a_building_block_imports_building_blocks_only(module):
    assert pipelines_imports(module) <= BLOCKS


@pytest.mark.parametrize("module", sorted(ASSETS))
def test_an_asset_module_imports_building_blocks_only(module):
    assert pipelines_imports(module) <= BLOCKS


@pytest.mark.parametrize("module", sorted(WIRING))
def test_the_wiring_imports_no_entry_point(module):
    assert not pipelines_imports(module) & ENTRY_POINTS


def test_only_the_definitions_import_asset_modules():
    importers = {
        m for m in BLOCKS | ASSETS | WIRING | ENTRY_POINTS if pipelines_imports(m) & ASSETS
    }
    assert importers == {"definitions"}

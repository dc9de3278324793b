"""The Definitions load, and the asset graph is snapshotted so graph changes show in review.

Regenerate the snapshot after an intended change with:
    UPDATE_GRAPH_SNAPSHOT=1 .venv/bin/pytest tests/pipelines/test_definitions.py
"""

import json
import os
from pathlib import Path

import dagster as dg

from pipelines.definitions import defs
from schemas import TABLES

SNAPSHOT = Path(__file__).with_name("asset_graph.json")


def asset_graph() -> dict:
    graph = defs.resolve_asset_graph()
    nodes = {}
    for key in sorted(graph.get_all_asset_keys(), key=lambda k: k.to_user_string()):
        node = graph.get(key)
        nodes[key.to_user_string()] = {
            "group": node.group_name,
            "deps": sorted(p.to_user_string() for p in node.parent_keys),
            "kinds": sorted(node.kinds),
            "checks": sorted(c.name for c in node.check_keys),
        }
    return nodes


def test_definitions_load_and_validate():
    dg.Definitions.validate_loadable(defs)
    assert defs.resolve_job_def("build_all") is not None


def test_asset_graph_matches_the_reviewed_snapshot():
    current = asset_graph()
    if os.environ.get("UPDATE_GRAPH_SNAPSHOT"):
        SNAPSHOT.write_text(json.dumps(current, indent=2) + "\n")
    assert current == json.loads(SNAPSHOT.read_text())


def test_every_table_asset_has_a_schema_check_description_and_column_schema():
    graph = defs.resolve_asset_graph()
    keys = {k.to_user_string() for k in graph.get_all_asset_keys()}
    for table in TABLES:
        key = f"{table.schema}/{table.name}"
        if key not in keys:
            continue  # ledger tables are written by every load, not by one asset
        node = graph.get(dg.AssetKey([table.schema, table.name]))
        assert "matches_schema" in {c.name for c in node.check_keys}, key
        columns = node.metadata["dagster/column_schema"].columns
        assert [c.name for c in columns] == table.column_names
        assert all(c.description for c in columns)
        assert node.metadata["dagster/table_name"] == table.qualified_name
        assert node.description == table.description


# report disagreements between sources, never block
WARNING_CHECKS = {
    "sources_agree",
    "agrees_with_owid_ai",
    "agrees_with_openai_ai_and_compute",
    "compute_matches_6nd",
    "compute_matches_hardware",
}


def test_every_check_blocks_except_the_warnings():
    graph = defs.resolve_asset_graph()
    names = set()
    for key in graph.asset_check_keys:
        if key.asset_key.path[0] == "raw":
            continue  # a raw asset's manifest check reports: the readers refuse the file
        names.add(key.name)
        assert graph.get_check_spec(key).blocking == (key.name not in WARNING_CHECKS), key
    assert names >= WARNING_CHECKS


def test_checks_run_in_the_step_that_writes_their_table():
    """One step per asset, none per check: every check is declared on its asset (check_specs)."""
    assert not defs.asset_checks
    job = defs.resolve_job_def("build_all")
    assets = {a.node_def.name for a in defs.assets}
    assert set(job.graph.node_dict) <= assets
    # + raw/algorithmic_efficiency, its tables, raw/mlperf, its tables, trend_history,
    # mlperf_cost, effective_compute_trend, efficiency_summary, mlperf_benchmark_progress
    assert len(job.graph.node_dict) == len(assets) == 52

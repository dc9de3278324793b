"""What the UI shows of every asset before anything runs: description, group, kinds, owner,
and the column schema of every warehouse table and view (with a description per column).
What a materialisation carries (row count, preview) is checked on a real build in
tests/e2e/test_browser.py."""

import dagster as dg
import pytest

from pipelines.definitions import defs

GRAPH = defs.resolve_asset_graph()
KEYS = sorted(GRAPH.get_all_asset_keys(), key=lambda k: k.to_user_string())
TABLE_KEYS = [k for k in KEYS if k.path[0] != "raw"]
RAW_KEYS = [k for k in KEYS if k.path[0] == "raw"]


def test_there_are_raw_and_table_assets():
    assert len(RAW_KEYS) >= 18 and len(TABLE_KEYS) >= 19
    assert {"raw/epoch_hardware", "core/hardware", "meta/data_dictionary"} <= {
        k.to_user_string() for k in KEYS
    }


@pytest.mark.parametrize("key", KEYS, ids=lambda k: k.to_user_string())
def test_every_asset_has_description_group_kinds_and_owner(key):
    node = GRAPH.get(key)
    assert node.description and len(node.description) > 20
    assert node.group_name and node.group_name != "default"
    assert node.owners == ["team:flopbase"]
    assert "duckdb" in node.kinds


@pytest.mark.parametrize("key", TABLE_KEYS, ids=lambda k: k.to_user_string())
def test_tables_and_views_are_duckdb_polars_with_a_described_column_schema(key):
    node = GRAPH.get(key)
    assert node.kinds == {"duckdb", "polars"}
    schema = node.metadata["dagster/column_schema"]
    assert isinstance(schema, dg.TableSchema) and schema.columns
    undescribed = [c.name for c in schema.columns if not c.description]
    assert undescribed == []
    assert node.metadata["dagster/table_name"] == ".".join(key.path)


@pytest.mark.parametrize("key", RAW_KEYS, ids=lambda k: k.to_user_string())
def test_raw_assets_name_their_upstream(key):
    node = GRAPH.get(key)
    assert node.kinds == {"file", "duckdb"}
    assert node.metadata["url"].url.startswith("https://")
    assert node.metadata["licence"] and node.metadata["cadence"]


def test_every_table_asset_has_a_blocking_schema_check():
    checked = {
        c.asset_key
        for c in GRAPH.asset_check_keys
        if c.name == "matches_schema" and GRAPH.get_check_spec(c).blocking
    }
    assert set(TABLE_KEYS) - checked == set()

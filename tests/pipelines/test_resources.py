"""The Dagster resources (pipelines/resources.py): the warehouse resource writes and reads the
file its `path` (or $FLOPBASE_DB) names; the snapshot store resource gives the newest stored
version offline, fetches only when live, through its own fetcher with a client bound by its
HTTP fields. (That the warehouse resource offers every method of `warehouse.Warehouse`:
tests/warehouse/test_handle.py.)"""

from pathlib import Path

import pytest

from pipelines.resources import SnapshotStoreResource, WarehouseResource
from schemas import DATA_DICTIONARY
from sources import registry
from sources.source import FetchOutcome
from tests.conftest import REPO
from warehouse import data_dictionary

BUNDLED = str(REPO / "data" / "snapshots")
DAWNBENCH = registry.BY_NAME["dawnbench"].SOURCE


def test_the_warehouse_is_its_path_else_flopbase_db(warehouse_file, tmp_path):
    assert WarehouseResource().location() == str(warehouse_file)
    other = tmp_path / "other.duckdb"
    assert WarehouseResource(path=str(other)).location() == str(other)


def test_the_warehouse_resource_publishes_and_reads_its_file(tmp_path):
    path = tmp_path / "own.duckdb"
    resource = WarehouseResource(path=str(path))
    rows = data_dictionary([DATA_DICTIONARY])
    assert resource.publish(DATA_DICTIONARY, rows) == rows.height
    assert path.exists()
    read = resource.read(DATA_DICTIONARY, ("table_name", "column_name"))
    assert read.columns == ["table_name", "column_name"]
    assert sorted(read["column_name"].to_list()) == sorted(DATA_DICTIONARY.column_names)
    counted = resource.query(
        "SELECT count(*) AS n FROM meta.data_dictionary WHERE column_name = ?", ["unit"]
    )
    assert counted["n"].to_list() == [1]


def test_offline_the_newest_stored_version_unchanged(bundled_store, monkeypatch):
    monkeypatch.delenv("FLOPBASE_LIVE", raising=False)
    resource = SnapshotStoreResource(root=BUNDLED)
    assert not resource.is_live()
    assert resource.store().sources() == bundled_store.sources()
    outcome = resource.current(DAWNBENCH)
    assert outcome.changed is False
    assert outcome.snapshot.version == bundled_store.latest("dawnbench").version


def test_live_fetches_through_the_sources_fetcher_with_the_resources_policy(
    bundled_store, monkeypatch
):
    monkeypatch.delenv("FLOPBASE_LIVE", raising=False)
    resource = SnapshotStoreResource(
        root=BUNDLED, live=True, mirror="http://127.0.0.1:9/mirror", max_retries=0, deadline_s=5
    )
    assert resource.is_live()
    seen = {}

    def fetcher(store, client):  # a source's own fetch, as the registry passes one
        seen.update(root=store.root, policy=client.policy)
        return FetchOutcome(store.latest("dawnbench"), changed=True)

    outcome = resource.current(DAWNBENCH, fetcher)
    assert outcome.changed is True
    assert Path(seen["root"]) == Path(BUNDLED)
    policy = seen["policy"]
    assert (policy.max_retries, policy.deadline_s) == (0, 5)
    assert policy.mirror == "http://127.0.0.1:9/mirror"


def test_an_empty_mirror_field_leaves_it_to_the_setting():
    assert SnapshotStoreResource().http_policy().mirror is None


@pytest.mark.parametrize("value, live", [("1", True), ("0", False), ("", False)])
def test_flopbase_live_turns_live_mode_on(monkeypatch, value, live):
    monkeypatch.setenv("FLOPBASE_LIVE", value)
    assert SnapshotStoreResource().is_live() is live

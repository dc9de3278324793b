"""The raw snapshot assets (pipelines/snapshots.py): one `raw/<source>` per registered source
in the group of its first role and the warehouse pool, each with its non-blocking
`matches_manifest` check; the check and the UI's preview of real stored versions; and
`raw/dawnbench` materialised from a copy of its snapshot with a stored file edited in place (a
fault): the asset records the version in meta.snapshot, its check fails naming the file."""

import shutil

import dagster as dg
import pytest

import warehouse
from pipelines import snapshots
from pipelines.raw import group_of
from pipelines.resources import SnapshotStoreResource, WarehouseResource
from sources import registry
from sources.snapshots import SnapshotStore, tampered
from tests.conftest import REPO
from tests.pipelines._assets_testkit import checks, pools


def test_a_raw_asset_per_registered_source_with_its_non_blocking_manifest_check():
    assert list(snapshots.RAW_ASSETS) == [s.name for s in registry.SOURCES]
    for source in registry.SOURCES:
        asset = snapshots.RAW_ASSETS[source.name]
        assert asset.key == dg.AssetKey(["raw", source.name])
        assert set(asset.group_names_by_key.values()) == {group_of(source)}
    assert pools(snapshots.assets) == {"warehouse"}
    assert checks(snapshots.assets) == {
        f"raw/{s.name}:matches_manifest": False for s in registry.SOURCES
    }


def test_stored_versions_match_their_manifest(bundled_store):
    versions = bundled_store.versions("fsdl_serverless_gpus")
    result = snapshots.manifest_check("fsdl_serverless_gpus", versions, [])
    files = sum(len(v.files) for v in versions)
    assert result.passed
    assert result.description == (
        f"all {files} stored files of {len(versions)} versions match their manifest"
    )
    assert result.metadata["files_checked"].value == files


def test_the_preview_lists_the_versions_newest_first(bundled_store):
    versions = bundled_store.versions("fsdl_cloud_gpus")
    frame = snapshots.version_frame(versions)
    assert frame.height == len(versions)
    assert frame["version"].to_list() == sorted((v.version for v in versions), reverse=True)
    assert frame["sha256"].str.len_chars().unique().to_list() == [12]


@pytest.fixture()
def edited_store(tmp_path):
    """A copy of the bundled dawnbench snapshot, one stored file edited in place (the fault)."""
    store = tmp_path / "snapshots"
    shutil.copytree(REPO / "data" / "snapshots" / "dawnbench", store / "dawnbench")
    edited = sorted((store / "dawnbench").glob("*/ImageNet/**/*.json"))[0]
    edited.write_text(edited.read_text() + " ")
    return store, edited


def test_an_edited_file_fails_the_check_not_the_asset(edited_store, tmp_path):
    store, edited = edited_store
    db = tmp_path / "flopbase.duckdb"
    result = dg.materialize(
        [snapshots.RAW_ASSETS["dawnbench"]],
        resources={
            "snapshots": SnapshotStoreResource(root=str(store)),
            "warehouse": WarehouseResource(path=str(db)),
        },
    )
    assert result.success
    (check,) = result.get_asset_check_evaluations()
    assert not check.passed
    (listed,) = check.metadata["not_matching"].value
    assert listed["file"] == str(edited)
    assert listed["recorded_sha256"] != listed["actual_sha256"]
    (version,) = store.joinpath("dawnbench").glob("20*")
    recorded = warehouse.query(
        "SELECT version FROM meta.snapshot WHERE source = ?", ["dawnbench"], path=db
    )
    assert recorded["version"].to_list() == [version.name]


def test_the_failed_check_names_the_edited_files(edited_store):
    store, edited = edited_store
    versions = SnapshotStore(store).versions("dawnbench")
    errors = [e for v in versions for e in tampered(v)]
    result = snapshots.manifest_check("dawnbench", versions, errors)
    assert not result.passed
    assert result.description.startswith("1 of ")
    assert edited.name in result.description
    assert result.description.endswith("the steps reading dawnbench refuse them")

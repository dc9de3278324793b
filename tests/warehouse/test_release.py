"""warehouse.release on a small warehouse file (_cloud_price_testkit.py: two real GCP quotes,
every bundled gcp_pricing version in meta.snapshot): a release's id is its UTC time, its
manifest lists each relation's rows with the file's hash and every stored snapshot version, a
release is immutable, `releases` skips unfinished folders, and `open_release` names the ones
there when asked for another. (tests/e2e/test_release.py releases a full build.)"""

import json
from datetime import UTC, datetime, timedelta, timezone

import pytest

from tests.warehouse._cloud_price_testkit import quotes_warehouse
from warehouse.release import (
    ReleaseError,
    open_release,
    publish,
    release_id,
    releases,
    sha256_of,
)

AT = datetime(2026, 12, 4, 16, 15, 23, tzinfo=UTC)


@pytest.fixture(scope="module")
def quotes_file(tmp_path_factory, bundled_store):
    return quotes_warehouse(tmp_path_factory.mktemp("release") / "quotes.duckdb", bundled_store)


def test_release_ids_are_utc_times() -> None:
    assert release_id(AT) == "2026-12-04T161523Z"
    assert release_id(AT.astimezone(timezone(timedelta(hours=-5)))) == "2026-12-04T161523Z"


def test_a_release_lists_its_rows_files_and_snapshot_versions(
    quotes_file, bundled_store, tmp_path
) -> None:
    release = publish([], path=quotes_file, root=tmp_path, keep=5, at=AT)
    assert release.id == "2026-12-04T161523Z"
    assert release.path == tmp_path / "release=2026-12-04T161523Z"
    manifest = release.manifest()
    assert manifest["release"] == release.id
    assert manifest["warehouse"]["sha256"] == sha256_of(release.db)
    files = {r["relation"]: r for r in manifest["relations"]}
    assert files["core.cloud_price"]["rows"] == 2
    assert files["core.latest_cloud_price"]["rows"] == 1
    cloud = release.path / files["core.cloud_price"]["file"]
    assert files["core.cloud_price"]["sha256"] == sha256_of(cloud)
    stored = bundled_store.versions("gcp_pricing")
    assert [s["version"] for s in manifest["snapshots"]] == [v.version for v in stored]
    assert json.loads((release.path / "manifest.json").read_text()) == manifest
    with pytest.raises(ReleaseError, match="releases are immutable"):
        publish([], path=quotes_file, root=tmp_path, at=AT)


def test_unfinished_folders_are_not_releases_and_unknown_names_list_the_known(
    quotes_file, tmp_path
) -> None:
    with pytest.raises(ReleaseError, match="no release in"):
        open_release(root=tmp_path)
    publish([], path=quotes_file, root=tmp_path, keep=5, at=AT)
    (tmp_path / "release=2026-12-05T000000Z").mkdir()  # no manifest: not finished
    assert [r.id for r in releases(tmp_path)] == ["2026-12-04T161523Z"]
    assert open_release("2026-12-04", root=tmp_path).id == "2026-12-04T161523Z"
    with pytest.raises(
        ReleaseError, match=r"no release '2026-12-05' .*releases: 2026-12-04T161523Z"
    ):
        open_release("2026-12-05", root=tmp_path)

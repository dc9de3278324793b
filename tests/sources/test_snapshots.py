"""The snapshot store: immutable versions, content-addressed, never stored twice; a bundled
version's date is its upstream's (what meta.snapshot and the as-of macros use), not the copy's."""

import hashlib
import json
import stat
from datetime import UTC, datetime

import pytest

from sources.snapshots import (
    SnapshotError,
    SnapshotStore,
    SnapshotTampered,
    content_sha256,
    verify,
)
from tests.conftest import REPO

WHEN = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)


def test_bundled_epoch_snapshot_matches_its_manifest(bundled_store):
    snapshot = bundled_store.latest("epoch_hardware")
    assert snapshot.version == "2025-11-15-7d691b6ecc06"
    assert snapshot.sha256 == "7d691b6ecc061d36c7d1f5322508b6b1c85edb3f21def1b1ca0410c9c1c77ea9"
    assert snapshot.licence == "CC BY 4.0"
    assert snapshot.url == "https://epoch.ai/data/ml_hardware.csv"
    verify(snapshot)  # the landed file was not edited


def test_every_bundled_snapshot_has_provenance_and_an_intact_file(bundled_store):
    sources = [p for p in bundled_store.root.iterdir() if p.is_dir()]
    assert sources, "no bundled sources"
    for folder in sources:
        assert (folder / "PROVENANCE.md").is_file(), folder
        versions = bundled_store.versions(folder.name)
        assert versions, folder
        for snapshot in versions:
            verify(snapshot)
            assert snapshot.version == f"{snapshot.retrieved_at:%Y-%m-%d}-{snapshot.sha256[:12]}"


def test_retrieved_at_is_the_upstream_commit_date():
    """Every bundled manifest that records its upstream commit date agrees with `retrieved_at`."""
    checked = 0
    for manifest in sorted((REPO / "data" / "snapshots").glob("*/*/snapshot.json")):
        data = json.loads(manifest.read_text())
        stated = data.get("committer_date") or data.get("upstream_commit_date")
        if stated is None:
            continue
        retrieved = datetime.fromisoformat(data["retrieved_at"])
        if len(stated) > 10 and stated[10] == "T":  # a timestamp: the same instant
            assert datetime.fromisoformat(stated) == retrieved, manifest
        else:  # "YYYY-MM-DD (day only; ...)": that day
            assert stated[:10] == retrieved.date().isoformat(), manifest
        checked += 1
    assert checked >= 60


def test_add_writes_a_read_only_version_with_its_manifest(tmp_path):
    store = SnapshotStore(tmp_path)
    content = b"x,y\n1,2\n"
    snapshot, created = store.add(
        "demo",
        {"a.csv": content},
        url="http://127.0.0.1/a.csv",
        licence="CC0",
        retrieved_at=WHEN,
        etag='"v1"',
    )
    assert created
    assert snapshot.version == f"2026-11-01-{content_sha256({'a.csv': content})[:12]}"
    assert snapshot.path().read_bytes() == content
    assert not snapshot.path().stat().st_mode & stat.S_IWUSR
    manifest = json.loads((snapshot.directory / "snapshot.json").read_text())
    assert manifest["etag"] == '"v1"' and manifest["licence"] == "CC0"
    assert store.latest("demo") == snapshot


def test_identical_content_is_not_stored_twice(tmp_path):
    store = SnapshotStore(tmp_path)
    first, _ = store.add("demo", {"a.csv": b"1"}, url="u", licence="l", retrieved_at=WHEN)
    again, created = store.add(
        "demo", {"a.csv": b"1"}, url="u", licence="l", retrieved_at=datetime(2027, 1, 1, tzinfo=UTC)
    )
    assert not created and again == first
    assert len(store.versions("demo")) == 1


def test_new_content_is_a_new_version_and_latest_follows_time(tmp_path):
    store = SnapshotStore(tmp_path)
    store.add("demo", {"a.csv": b"1"}, url="u", licence="l", retrieved_at=WHEN)
    newer, created = store.add(
        "demo",
        {"a.csv": b"2"},
        url="u",
        licence="l",
        retrieved_at=datetime(2026, 12, 1, tzinfo=UTC),
    )
    assert created
    assert [v.version[:10] for v in store.versions("demo")] == ["2026-11-01", "2026-12-01"]
    assert store.latest("demo") == newer


def test_a_multi_file_version_hashes_its_listing(tmp_path):
    files = {"b.json": b"{}", "a.tsv": b"x\t1\n"}
    snapshot, _ = SnapshotStore(tmp_path).add(
        "demo", files, url="u", licence="l", retrieved_at=WHEN
    )
    assert snapshot.sha256 == content_sha256(dict(reversed(files.items())))
    with pytest.raises(SnapshotError, match="name one"):
        snapshot.path()
    assert snapshot.path("a.tsv").read_bytes() == b"x\t1\n"


@pytest.mark.parametrize(
    "name",
    ["../evil.csv", "/etc/passwd", "snapshot.json", "a/../../evil.csv", ".hidden", "a b.csv"],
)
def test_upstream_file_names_are_never_used_as_paths(tmp_path, name):
    with pytest.raises(SnapshotError, match="not a plain file name"):
        SnapshotStore(tmp_path).add("demo", {name: b"1"}, url="u", licence="l")
    assert not (tmp_path.parent / "evil.csv").exists()


def test_empty_content_is_refused(tmp_path):
    with pytest.raises(SnapshotError, match="empty"):
        SnapshotStore(tmp_path).add("demo", {"a.csv": b""}, url="u", licence="l")


def test_an_edited_snapshot_is_detected(tmp_path):
    snapshot, _ = SnapshotStore(tmp_path).add("demo", {"a.csv": b"1"}, url="u", licence="l")
    snapshot.path().chmod(0o644)
    snapshot.path().write_bytes(b"2")
    with pytest.raises(SnapshotError, match="changed after it landed"):
        verify(snapshot)


def test_no_snapshot_is_a_clear_error(tmp_path):
    with pytest.raises(SnapshotError, match="no snapshot of 'nothing'"):
        SnapshotStore(tmp_path).latest("nothing")


def test_nested_names_and_extra_provenance_are_kept(tmp_path):
    files = {"ImageNet/train/entry.json": b"{}", "ImageNet/train/entry.tsv": b"epoch\n1\n"}
    snapshot, _ = SnapshotStore(tmp_path).add(
        "demo", files, url="u", licence="l", retrieved_at=WHEN, extra={"obtained_via": "git"}
    )
    assert snapshot.path("ImageNet/train/entry.tsv").read_bytes() == b"epoch\n1\n"
    manifest = json.loads((snapshot.directory / "snapshot.json").read_text())
    assert manifest["obtained_via"] == "git"
    verify(snapshot)


def test_a_file_edited_in_place_is_refused_before_any_parser_reads_it(tmp_path):
    snapshot, _ = SnapshotStore(tmp_path).add("demo", {"a.csv": b"x\n1\n"}, url="u", licence="l")
    recorded = snapshot.sha256
    assert snapshot.path().read_bytes() == b"x\n1\n"  # checked, and remembered as checked
    target = snapshot.directory / "a.csv"
    target.chmod(0o644)
    target.write_bytes(b"x\n2\n")  # same size: only the hash tells
    with pytest.raises(SnapshotTampered) as refused:
        snapshot.path()
    actual = hashlib.sha256(b"x\n2\n").hexdigest()
    assert str(target) in str(refused.value)
    assert actual in str(refused.value) and recorded in str(refused.value)
    target.unlink()
    with pytest.raises(SnapshotTampered, match=f"a.csv is missing .*{recorded}"):
        snapshot.path()

"""The parse cache's disk tier (sources/parse_store.py): a parse read back equals the fresh
one, frame for frame and dtype for dtype; another code digest misses; a damaged entry is
parsed again; "off" writes nothing; the manifest check still comes before a stored parse."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from schemas.settings import CACHE_DIR
from sources import parse_store, registry
from sources.interface import ModuleSource
from sources.parse_store import ParseStore
from sources.registry import ParseCache
from sources.snapshots import SnapshotStore, SnapshotTampered

SOURCES = ("gcp_pricing", "mlperf", "epoch_models", "aws_instance_pages", "dawnbench")


def assert_same(read: registry.Parsed, fresh: registry.Parsed) -> None:
    assert (read.source, read.sha256) == (fresh.source, fresh.sha256)
    assert read.frames().keys() == fresh.frames().keys()
    for name, frame in fresh.frames().items():
        assert read.frames()[name].schema == frame.schema, name
        assert read.frames()[name].equals(frame), name


@pytest.mark.parametrize("name", SOURCES)
def test_a_parse_read_back_equals_the_fresh_parse(name, bundled_store, tmp_path):
    snapshot = bundled_store.latest(name)
    source = registry.BY_NAME[name]
    fresh = source.parse(snapshot)
    store = ParseStore(tmp_path)
    assert store.load(snapshot) is None
    store.save(fresh, snapshot)
    assert_same(store.load(snapshot), fresh)


def test_a_second_process_reads_every_version_back_instead_of_parsing(bundled_store, tmp_path):
    versions = bundled_store.versions("gcp_pricing")
    source = registry.BY_NAME["gcp_pricing"]
    first = ParseCache(disk=lambda: ParseStore(tmp_path))
    fresh = [first.get(source, v) for v in versions]
    assert sum(first.parses.values()) == len(versions) > 50 and first.disk_hits == 0

    second = ParseCache(disk=lambda: ParseStore(tmp_path))  # as a new process would start
    read = [second.get(source, v) for v in versions]
    assert not second.parses and second.disk_hits == len(versions)
    for one, other in zip(read, fresh, strict=True):
        assert_same(one, other)
    assert second.get(source, versions[0]) is read[0] and second.hits == 1  # then from memory


def test_another_code_digest_misses_and_drops_the_old_entries(bundled_store, tmp_path):
    snapshot = bundled_store.latest("epoch_chips")
    parsed = registry.BY_NAME["epoch_chips"].parse(snapshot)
    old = ParseStore(tmp_path, code="a" * 64)
    old.save(parsed, snapshot)
    assert old.load(snapshot) is not None

    new = ParseStore(tmp_path, code="b" * 64)
    assert new.load(snapshot) is None
    new.save(parsed, snapshot)
    assert not old.entry(snapshot).exists()  # the old code's entries can never be read again
    assert [p.name for p in tmp_path.iterdir()] == ["b" * 32]


@pytest.mark.parametrize("edited", ["sources/mentions.py", "schemas/columns/shared.py"])
def test_any_change_to_the_code_under_sources_or_schemas_changes_the_digest(edited, tmp_path):
    for folder in parse_store.CODE:
        shutil.copytree(parse_store.ROOT / folder, tmp_path / folder)
    assert parse_store.code_digest(tmp_path) == parse_store.code_digest()  # same code
    with (tmp_path / edited).open("a") as handle:
        handle.write("# even a comment\n")
    parse_store.code_digest.cache_clear()
    assert parse_store.code_digest(tmp_path) != parse_store.code_digest()


def test_a_truncated_entry_is_removed_and_the_version_parsed_again(bundled_store, tmp_path):
    snapshot = bundled_store.latest("gpu_price_tracker")
    source = registry.BY_NAME["gpu_price_tracker"]
    store = ParseStore(tmp_path)
    store.save(source.parse(snapshot), snapshot)
    entry = store.entry(snapshot)
    entry.write_bytes(entry.read_bytes()[: entry.stat().st_size // 2])  # a killed copy, say

    assert store.load(snapshot) is None and not entry.exists()
    cache = ParseCache(disk=lambda: store)
    parsed = cache.get(source, snapshot)
    assert cache.parses[("gpu_price_tracker", snapshot.sha256)] == 1 and cache.disk_hits == 0
    assert_same(store.load(snapshot), parsed)  # written again, whole


def test_a_damaged_entry_is_parsed_again(bundled_store, tmp_path):
    snapshot = bundled_store.latest("epoch_chips")
    store = ParseStore(tmp_path)
    store.save(registry.BY_NAME["epoch_chips"].parse(snapshot), snapshot)
    entry = store.entry(snapshot)
    data = bytearray(entry.read_bytes())
    data[len(data) // 3] ^= 0xFF  # one flipped byte inside a frame: the zip's CRC catches it
    entry.write_bytes(bytes(data))
    assert store.load(snapshot) is None and not entry.exists()


def test_off_writes_nothing(bundled_store, tmp_path, monkeypatch):
    monkeypatch.setenv("FLOPBASE_CACHE_DIR", "off")
    assert parse_store.configured() is None
    default = Path(CACHE_DIR.default)
    before = sorted(default.rglob("*")) if default.is_dir() else None
    cache = ParseCache(disk=parse_store.configured)
    cache.get(registry.BY_NAME["epoch_chips"], bundled_store.latest("epoch_chips"))
    assert cache.parses and cache.disk_hits == 0
    assert (sorted(default.rglob("*")) if default.is_dir() else None) == before

    monkeypatch.setenv("FLOPBASE_CACHE_DIR", str(tmp_path / "parses"))
    assert parse_store.configured().root == tmp_path / "parses"


def test_a_folder_that_cannot_be_written_only_costs_the_parse(bundled_store, tmp_path):
    snapshot = bundled_store.latest("epoch_chips")
    (tmp_path / "a file").write_text("not a folder")
    cache = ParseCache(disk=lambda: ParseStore(tmp_path / "a file"))
    assert cache.get(registry.BY_NAME["epoch_chips"], snapshot).raw is not None
    assert cache.parses[("epoch_chips", snapshot.sha256)] == 1
    assert (tmp_path / "a file").read_text() == "not a folder"


def test_no_half_entry_is_left_behind(bundled_store, tmp_path):
    snapshot = bundled_store.latest("epoch_chips")
    store = ParseStore(tmp_path)
    store.save(registry.BY_NAME["epoch_chips"].parse(snapshot), snapshot)
    assert [p.name for p in store.entry(snapshot).parent.iterdir()] == [store.entry(snapshot).name]


def test_a_tampered_file_is_refused_before_its_stored_parse_is_used(
    bundled_store, tmp_path, monkeypatch
):
    shutil.copytree(bundled_store.root / "epoch_hardware", tmp_path / "store" / "epoch_hardware")
    snapshot = SnapshotStore(tmp_path / "store").latest("epoch_hardware")
    monkeypatch.setenv("FLOPBASE_CACHE_DIR", str(tmp_path / "parses"))
    registry.CACHE.clear()
    fresh = registry.parsed(snapshot)
    registry.CACHE.clear()  # a new process: only the disk tier holds the parse
    assert_same(registry.parsed(snapshot), fresh)
    assert registry.CACHE.disk_hits == 1 and not registry.CACHE.parses

    registry.CACHE.clear()
    target = snapshot.path()
    target.chmod(0o644)
    target.write_bytes(target.read_bytes() + b"\n")
    with pytest.raises(SnapshotTampered, match="changed after it landed"):
        registry.parsed(snapshot)
    assert registry.CACHE.disk_hits == 0
    registry.CACHE.clear()


def test_a_reader_other_than_the_registered_one_is_not_stored(bundled_store, tmp_path):
    snapshot = bundled_store.latest("epoch_chips")
    registered = registry.BY_NAME["epoch_chips"]
    own = ModuleSource(registered.module, registered.roles, registered.reader)
    cache = ParseCache(disk=lambda: ParseStore(tmp_path))
    cache.get(own, snapshot)
    assert cache.parses[("epoch_chips", snapshot.sha256)] == 1
    assert not any(p.is_file() for p in tmp_path.rglob("*"))

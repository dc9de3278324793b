"""One source interface: every registered source satisfies `Source`, parses its newest
bundled version into the frames its roles promise, gives the spellings its module always
gave, and is parsed once per process (a file edited in place is still refused)."""

import importlib
import pkgutil
import shutil

import polars as pl
import pytest

import sources
from sources import mentions, registry
from sources.registry import CACHE, ParseCache, Parsed, Source
from sources.snapshots import SnapshotStore, SnapshotTampered

# What each role promises in a `Parsed`.
FRAMES = {
    registry.SPEC: ("raw", "spec_records"),
    registry.PRICE: ("quotes",),
    registry.MENTION: ("mentions",),
    registry.MODEL: ("raw", "model_records"),
    registry.ESTIMATE: ("raw", "estimates"),
    registry.DAWNBENCH: ("raw", "entries", "curves"),
    registry.EFFICIENCY: ("raw", "entries"),
    registry.MLPERF: ("raw", "entries"),
}
NAMES = [s.name for s in registry.SOURCES]


def test_every_source_module_is_registered_once():
    declaring = {
        info.name
        for info in pkgutil.iter_modules(sources.__path__)
        if hasattr(importlib.import_module(f"sources.{info.name}"), "SOURCE")
    }
    assert sorted(NAMES) == sorted(declaring)
    assert len(set(NAMES)) == len(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_a_registered_source_satisfies_the_protocol_and_parses_its_newest_version(
    name, bundled_store
):
    source = registry.BY_NAME[name]
    assert isinstance(source, Source)
    assert source.SOURCE.name == name and source.roles
    snapshot = bundled_store.latest(name)
    parsed = source.parse(snapshot)
    assert isinstance(parsed, Parsed)
    assert (parsed.source, parsed.sha256) == (name, snapshot.sha256)
    promised = {frame for role in source.roles for frame in FRAMES[role]}
    frames = parsed.frames()
    assert promised <= set(frames), f"{name} lacks {promised - set(frames)}"
    for frame_name, frame in frames.items():
        assert isinstance(frame, pl.DataFrame) and frame.height > 0, (name, frame_name)
    if parsed.mentions is not None:
        assert set(mentions.RECORD_SCHEMA) <= set(parsed.mentions.columns)


@pytest.mark.parametrize("source", registry.with_role(registry.MENTION), ids=lambda s: s.name)
def test_mentions_of_the_parses_are_the_modules_own_hardware_mentions(source, bundled_store):
    versions = bundled_store.versions(source.name)
    records = [source.parse(v).mentions for v in versions]
    folded = mentions.mentions(pl.concat(records, how="diagonal_relaxed"))
    assert folded.equals(source.module.hardware_mentions(versions))


def test_roles_are_read_from_the_registry():
    assert [s.name for s in registry.with_role(registry.SPEC)] == [
        "epoch_hardware",
        "epoch_chips",
        "techpowerup",
        "wikipedia_gpus",
    ]
    assert len(registry.with_role(registry.PRICE)) == 10
    assert len(registry.with_role(registry.MENTION)) == 10
    with pytest.raises(ValueError, match="unknown role"):
        registry.with_role("prices")


def test_a_version_is_parsed_once_and_a_tampered_file_is_refused_before_reuse(
    tmp_path, bundled_store
):
    shutil.copytree(bundled_store.root / "epoch_hardware", tmp_path / "epoch_hardware")
    store = SnapshotStore(tmp_path)
    snapshot = store.latest("epoch_hardware")
    cache = ParseCache()
    source = registry.BY_NAME["epoch_hardware"]
    first = cache.get(source, snapshot)
    assert cache.get(source, snapshot) is first
    assert cache.parses[("epoch_hardware", snapshot.sha256)] == 1 and cache.hits == 1

    CACHE.clear()
    assert registry.parsed(snapshot) is registry.parsed(snapshot)
    assert CACHE.parses == {("epoch_hardware", snapshot.sha256): 1}
    target = snapshot.path()  # the version's one file
    target.chmod(0o644)
    target.write_bytes(target.read_bytes() + b"\n")
    with pytest.raises(SnapshotTampered, match="changed after it landed"):
        registry.parsed(snapshot)  # the earlier parse is not handed out for an edited file
    CACHE.clear()


def test_the_cache_drops_the_least_recently_used_beyond_its_bound(bundled_store):
    chips = bundled_store.latest("epoch_chips")
    hardware = bundled_store.latest("epoch_hardware")
    one = registry.BY_NAME["epoch_chips"].parse(chips).estimated_size()
    cache = ParseCache(max_bytes=one + 1)
    cache.get(registry.BY_NAME["epoch_chips"], chips)
    cache.get(registry.BY_NAME["epoch_hardware"], hardware)
    assert len(cache) == 1  # the first parse went to make room for the second
    cache.get(registry.BY_NAME["epoch_chips"], chips)  # dropped, so parsed again
    assert cache.parses[("epoch_chips", chips.sha256)] == 2

"""Each stored version is parsed once per build: the hardware alias step and the price history
read the same parses (sources.registry.CACHE), counted by its statistics during a run of both
on a slice of the store."""

from __future__ import annotations

import shutil

import dagster as dg

from pipelines.partitions import every_partition
from sources import registry
from sources.snapshots import SnapshotStore
from tests.faults._faults_kit import BUNDLED, failure_text, raw_key, run

# every price source (the price history's checks ask for each), six of which also name chips
SOURCES = tuple(s.name for s in registry.with_role(registry.PRICE))
SELECTION = [
    dg.AssetKey(["core", "hardware_alias"]),
    dg.AssetKey(["meta", "unresolved_hardware"]),
    dg.AssetKey(["core", "cloud_price"]),
    dg.AssetKey(["core", "hardware_price"]),
]


def test_the_alias_step_and_the_price_history_share_one_parse_per_version(slice_copy):
    store, db = slice_copy
    for name in SOURCES:
        shutil.copytree(BUNDLED / name, store / name)
    versions = [v for name in SOURCES for v in SnapshotStore(store).versions(name)]
    shared = [v for v in versions if registry.MENTION in registry.BY_NAME[v.source].roles]
    assert len(versions) > 150 and len(shared) > 80

    registry.CACHE.clear()
    result = run(
        [raw_key(s) for s in SOURCES] + SELECTION, store=store, db=db, tags=every_partition()
    )

    assert result.success, failure_text(result)
    parses = registry.CACHE.parses
    assert set(parses) == {(v.source, v.sha256) for v in versions}
    assert set(parses.values()) == {1}  # every version parsed exactly once
    assert registry.CACHE.hits >= len(shared)  # the price step reused the alias step's parses
    registry.CACHE.clear()

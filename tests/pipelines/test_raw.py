"""Adding a source is one registry entry: the raw assets and the steps' dependencies on them
are generated from `sources.registry.SOURCES`, not from lists in pipelines/."""

import dagster as dg

from pipelines.definitions import defs
from pipelines.raw import GROUPS, group_of
from pipelines.snapshots import RAW_ASSETS
from sources import registry


def raw(name: str) -> dg.AssetKey:
    return dg.AssetKey(["raw", name])


def test_the_raw_assets_are_the_registry():
    graph = defs.resolve_asset_graph()
    keys = {k for k in graph.get_all_asset_keys() if k.path[0] == "raw"}
    assert keys == {raw(s.name) for s in registry.SOURCES}
    assert set(RAW_ASSETS) == {s.name for s in registry.SOURCES}
    for source in registry.SOURCES:
        assert graph.get(raw(source.name)).group_name == group_of(source)
    assert set(GROUPS) | {registry.MENTION} == set(registry.ROLES)


def test_each_step_depends_on_the_raw_assets_of_its_role():
    graph = defs.resolve_asset_graph()
    readers = {
        registry.SPEC: ["core", "hardware_spec"],
        registry.MENTION: ["core", "hardware_alias"],
        registry.PRICE: ["core", "cloud_price"],
        registry.MODEL: ["core", "model_record"],
        registry.ESTIMATE: ["core", "model_estimate"],
        registry.DAWNBENCH: ["core", "dawnbench_entry"],
        registry.EFFICIENCY: ["core", "algorithmic_efficiency"],
    }
    for role, reader in readers.items():
        parents = {k for k in graph.get(dg.AssetKey(reader)).parent_keys if k.path[0] == "raw"}
        assert parents == {raw(s.name) for s in registry.with_role(role)}, role

"""The keys and groups of the raw snapshot assets (`raw/<source>`, one per registered source;
the assets themselves are in pipelines/snapshots.py): what the steps reading a role depend on
and the jobs select, named without importing the module that makes the assets."""

import dagster as dg

from sources import registry

RAW = "raw"  # the key prefix of every raw asset
# A raw asset's group: that of its source's first role (a mention source has another role).
GROUPS = {
    registry.SPEC: "gpu_specs",
    registry.PRICE: "cloud_prices",
    registry.MODEL: "training_compute",
    registry.ESTIMATE: "training_compute",
    registry.DAWNBENCH: "dawnbench",
    registry.EFFICIENCY: "efficiency",
    registry.MLPERF: "mlperf",
}


def group_of(source: registry.ModuleSource) -> str:
    return GROUPS[source.roles[0]]


def raw_key(name: str) -> dg.AssetKey:
    return dg.AssetKey([RAW, name])


def raw_keys(role: str) -> list[dg.AssetKey]:
    """The raw asset keys of the sources playing `role`, in registry order."""
    return [raw_key(s.name) for s in registry.with_role(role)]


def group_keys(group: str) -> list[dg.AssetKey]:
    """The raw asset keys of `group`, in registry order."""
    return [raw_key(s.name) for s in registry.SOURCES if group_of(s) == group]

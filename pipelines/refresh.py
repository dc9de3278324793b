"""Refresh: fetch the sources (when live), then rebuild only what depends on a source whose
newest snapshot the warehouse has not loaded yet, and every declared table or view the file
lacks (a first build killed halfway, a table dropped by hand) with what depends on it. A
publish is one transaction, so a table is whole or absent: absent is what to look for.
Nothing new or missing: no run, no table rebuilt, and not even the Definitions loaded (a
no-op refresh takes a fraction of a second): the caller passes a function that loads them.

A refresh follows data, not code: after a change of code, `flopbase build` rebuilds all."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import warehouse
from schemas import SNAPSHOT, TABLES
from schemas.settings import LIVE, SNAPSHOT_STORE
from sources import registry
from sources.snapshots import SnapshotStore
from warehouse.read import missing_relations

if TYPE_CHECKING:  # Dagster is imported only when something is to be run
    import dagster as dg

RAW = "raw"
# Runs `build_all` over a selection of assets with run tags (the CLI's adds progress lines).
Execute = Callable[[list["dg.AssetKey"], dict[str, str]], "dg.ExecuteInProcessResult"]
# The project's Definitions, loaded when first asked for (`pipelines.cli.definitions`).
Load = Callable[[], "dg.Definitions"]


@dataclass(frozen=True)
class RefreshOutcome:
    fetched: bool  # a live fetch ran first
    stale: list[str]  # sources whose newest stored version was not loaded
    rebuilt: list[str] = field(default_factory=list)  # asset keys materialised, "schema/name"
    missing: list[str] = field(default_factory=list)  # declared tables the file lacked
    success: bool = True
    failed_steps: list[str] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)  # failed step -> its error, one line
    written: list[str] = field(default_factory=list)  # assets this run materialised


def raw_keys(defs: dg.Definitions) -> list[dg.AssetKey]:
    """Every `raw/<source>` asset of the Definitions."""
    graph = defs.resolve_asset_graph()
    return sorted(k for k in graph.get_all_asset_keys() if k.path[0] == RAW)


def stale_sources(store: SnapshotStore, path: str | None = None) -> list[str]:
    """Sources whose newest stored version has no load in `meta.snapshot` (every source in a
    warehouse that has never been built). Every stored source is a `raw/<source>` asset."""
    names = store.sources()
    if missing_relations([SNAPSHOT.qualified_name], path=path):
        return names  # no warehouse (or no ledger) yet: everything is new
    loaded = warehouse.named_read("loaded_versions", path=path)
    done = set(zip(loaded["source"].to_list(), loaded["version"].to_list(), strict=True))
    return [name for name in names if (name, store.latest(name).version) not in done]


def missing_tables(path: str | None = None) -> list[str]:
    """Tables and views the schemas declare (each one an asset's, or a ledger every load
    writes) that the warehouse file lacks; none when there is no file at all (a first build
    is `build`'s job, and every source is stale then anyway)."""
    if not warehouse.warehouse_path(path).exists():
        return []
    return missing_relations([t.qualified_name for t in TABLES], path=path)


def partition_range(keys: list[str]) -> dict[str, str]:
    """Run tags selecting the partitions from the first of `keys` to the last."""
    return {
        "dagster/asset_partition_range_start": keys[0],
        "dagster/asset_partition_range_end": keys[-1],
    }


def price_partitions(
    store: SnapshotStore, stale: list[str], partitions: dg.PartitionsDefinition
) -> dict[str, str]:
    """Run tags selecting the price-history `partitions` to reload: the years of the stale
    price sources' newest versions (as the `refresh_prices` job does); every year when a
    stale source is not a price source, since chips and aliases can change any year's rows."""
    if not stale or not set(stale) <= {m.name for m in registry.with_role(registry.PRICE)}:
        return partition_range(partitions.get_partition_keys())
    return partition_range(
        sorted(
            partitions.get_partition_key_for_timestamp(store.latest(s).retrieved_at.timestamp())
            for s in stale
        )
    )


def quietly(load: Load) -> Execute:
    """Run `build_all` of the Definitions `load` gives, warnings and errors logged only."""

    def execute(keys: list[dg.AssetKey], tags: dict[str, str]) -> dg.ExecuteInProcessResult:
        return (
            load()
            .resolve_job_def("build_all")
            .execute_in_process(
                run_config={"loggers": {"console": {"config": {"log_level": "WARNING"}}}},
                asset_selection=keys,
                raise_on_error=False,
                tags=tags,
            )
        )

    return execute


def refresh(load: Load, live: bool = False, execute: Execute | None = None) -> RefreshOutcome:
    """Fetch every source when `live` (conditional GETs: an unchanged upstream stores
    nothing), then materialise the assets downstream of the stale sources, in one run of
    `execute` (by default `quietly`)."""
    execute = execute or quietly(load)
    if live:
        LIVE.set("1")
        fetch = execute(raw_keys(load()), {})
        if not fetch.success:
            errors, written = run_report(fetch)
            return RefreshOutcome(
                True, [], success=False, failed_steps=list(errors), errors=errors, written=written
            )
    store = SnapshotStore(SNAPSHOT_STORE.text())
    stale = stale_sources(store)
    missing = missing_tables()
    if not stale and not missing:
        return RefreshOutcome(live, [])
    import dagster as dg

    graph = load().resolve_asset_graph()
    assets = {".".join(k.path): k for k in graph.get_all_asset_keys() if k.path[0] != RAW}
    roots = [dg.AssetKey([RAW, s]) for s in stale] + [assets[n] for n in missing if n in assets]
    # a multi-asset (core/cloud_price + core/hardware_price) runs whole or not at all
    selection = dg.AssetSelection.assets(*roots).downstream().required_multi_asset_neighbors()
    keys = sorted(selection.resolve(graph))
    tags = {}
    partitioned = [graph.get(k).partitions_def for k in keys if graph.get(k).is_partitioned]
    if partitioned:
        # a missing price table is every year of it; else the stale versions' years
        rebuilt_whole = any(graph.get(assets[n]).is_partitioned for n in missing if n in assets)
        tags = (
            partition_range(partitioned[0].get_partition_keys())
            if rebuilt_whole
            else price_partitions(store, stale, partitioned[0])
        )
    result = execute(keys, tags)
    errors, written = run_report(result)
    return RefreshOutcome(
        live,
        stale,
        rebuilt=[k.to_user_string() for k in keys],
        missing=missing,
        success=result.success,
        failed_steps=list(errors),
        errors=errors,
        written=written,
    )


def run_report(result) -> tuple[dict[str, str], list[str]]:
    """({failed step: its error in one line}, [assets the run materialised]) of a finished
    run: what a failure message must say instead of "nothing changed"."""
    errors: dict[str, str] = {}
    written: set[str] = set()
    for event in result.all_events:
        if event.is_step_failure:
            error = event.event_specific_data.error if event.event_specific_data else None
            while error is not None and error.cause is not None:  # Dagster's wrapper -> ours
                error = error.cause
            text = error.message if error is not None else event.message or ""
            lines = [line.strip() for line in text.splitlines() if line.strip()]
            errors[event.step_key] = lines[0] if lines else "no error message"
        elif event.is_step_materialization:
            written.add(event.event_specific_data.materialization.asset_key.to_user_string())
    return errors, sorted(written)

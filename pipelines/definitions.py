"""The one Dagster `Definitions`: every asset (with its checks, declared beside it and
evaluated in its step: pipelines/checks.py), resource, job, schedule and sensor of flopbase."""

import dagster as dg

from pipelines import (
    automation,
    cloud_prices,
    dawnbench,
    efficiency,
    gpu_specs,
    hardware_aliases,
    history,
    meta,
    mlperf,
    mlperf_cost,
    models,
    overhang,
    price_performance,
    snapshots,
    trends,
    views,
)
from pipelines.resources import SnapshotStoreResource, WarehouseResource

# DuckDB takes one writer at a time and steps are short: running them in one process is
# faster on small machines than a process per step (see docs/ARCHITECTURE.md).
EXECUTOR = dg.in_process_executor

defs = dg.Definitions(
    # with the automation the daemon runs (conditions, source freshness): pipelines/automation.py
    assets=automation.automated(
        [
            *snapshots.assets,
            *gpu_specs.assets,
            *hardware_aliases.assets,
            *cloud_prices.assets,
            *price_performance.assets,
            *models.assets,
            *dawnbench.assets,
            *efficiency.assets,
            *mlperf.assets,
            *mlperf_cost.assets,
            *trends.assets,
            *history.assets,
            *overhang.assets,
            *views.assets,
            *meta.assets,
        ]
    ),
    jobs=automation.jobs,
    schedules=automation.schedules,
    sensors=automation.sensors,
    resources={"warehouse": WarehouseResource(), "snapshots": SnapshotStoreResource()},
    executor=EXECUTOR,
)

"""The one Dagster `Definitions`: every asset, check, resource and job of flopbase."""

import dagster as dg

from pipelines import (
    cloud_prices,
    dawnbench,
    gpu_specs,
    hardware_aliases,
    meta,
    models,
    overhang,
    price_performance,
    sensors,
    trends,
    views,
)
from pipelines.checks import rows_accounted_for, schema_check
from pipelines.resources import SnapshotStoreResource, WarehouseResource
from schemas import (
    CLOUD_PRICE,
    CLOUD_PRICE_CHANGE,
    DATA_DICTIONARY,
    HARDWARE,
    HARDWARE_ALIAS,
    HARDWARE_MERGE,
    HARDWARE_PRICE,
    HARDWARE_SPEC,
    MODEL,
    MODEL_COMPUTE_CHANGE,
    MODEL_ESTIMATE,
    MODEL_RECORD,
    OVERHANG_ESTIMATE,
    PRICE_PERFORMANCE,
    UNRESOLVED_HARDWARE,
)

# DuckDB takes one writer at a time and steps are short: running them in one process is
# faster on small machines than a process per step (see docs/ARCHITECTURE.md).
EXECUTOR = dg.in_process_executor

build_all = dg.define_asset_job(
    "build_all",
    selection=dg.AssetSelection.all(),
    description="Build the whole warehouse from the snapshot store (offline unless live); run "
    "it over every partition to rebuild the price history (`flopbase build` does).",
)

defs = dg.Definitions(
    assets=[
        *gpu_specs.assets,
        *hardware_aliases.assets,
        *cloud_prices.assets,
        *price_performance.assets,
        *models.assets,
        *dawnbench.assets,
        *trends.assets,
        *overhang.assets,
        *views.assets,
        *meta.assets,
    ],
    asset_checks=[
        *(
            schema_check(t)
            for t in (
                HARDWARE_SPEC,
                HARDWARE_MERGE,
                HARDWARE,
                HARDWARE_ALIAS,
                UNRESOLVED_HARDWARE,
                PRICE_PERFORMANCE,
                CLOUD_PRICE,
                HARDWARE_PRICE,
                CLOUD_PRICE_CHANGE,
                MODEL_RECORD,
                MODEL,
                MODEL_ESTIMATE,
                MODEL_COMPUTE_CHANGE,
                OVERHANG_ESTIMATE,
                DATA_DICTIONARY,
            )
        ),
        *(rows_accounted_for(HARDWARE_SPEC, name) for name in gpu_specs.SPEC_SOURCES),
        *gpu_specs.checks,
        *cloud_prices.checks,
        *models.checks,
        *dawnbench.checks,
        *trends.checks,
        *views.checks,
    ],
    jobs=[build_all, *trends.jobs],
    schedules=trends.schedules,
    sensors=[*trends.sensors, *sensors.sensors],
    resources={"warehouse": WarehouseResource(), "snapshots": SnapshotStoreResource()},
    executor=EXECUTOR,
)

"""MLPerf Training: every system description and run of v0.5-v5.1, and the official-style
score of every system and benchmark."""

import dagster as dg
import polars as pl

from analyses.hardware_resolver import link
from analyses.mlperf_scores import scores
from pipelines.checks import rows_accounted_for
from pipelines.ingest import validate_records
from pipelines.raw import raw_key
from pipelines.resources import SnapshotStoreResource, WarehouseResource
from pipelines.tables import publish_table, tables_asset
from schemas.mlperf import MLPERF_RESULT, MLPERF_SCORE, MLPERF_SYSTEM
from sources import mlperf, mlperf_conform, registry

GROUP = "mlperf"
RAW = raw_key(mlperf.SOURCE.name)
TABLES = (MLPERF_SYSTEM, MLPERF_RESULT, MLPERF_SCORE)


@tables_asset(
    TABLES,
    [RAW, dg.AssetKey(["core", "hardware_alias"])],
    group=GROUP,
    rules=[rows_accounted_for(MLPERF_RESULT, mlperf.SOURCE.name)],
)
def mlperf_results(
    context: dg.AssetExecutionContext,
    snapshots: SnapshotStoreResource,
    warehouse: WarehouseResource,
):
    """Every system of the latest MLPerf version with its chip resolved, every run (logs
    missing upstream of us quarantined with the reason), and each system and benchmark's
    olympic-mean score."""
    snapshot = snapshots.store().latest(mlperf.SOURCE.name)
    parsed = registry.parsed(snapshot)
    aliases = (
        warehouse.named("hardware_aliases_in_context", [mlperf.CONTEXT])
        .filter(pl.col("source") == mlperf.SOURCE.name)
        .select("alias", "hardware_id")
    )
    trace = {"source": pl.lit(snapshot.source), "sha256": pl.lit(snapshot.sha256)}
    systems = link(
        mlperf_conform.to_systems(parsed.entries), aliases, spelling="accelerator_spelling"
    ).with_columns(**trace)
    results = mlperf_conform.to_results(parsed.raw, systems).with_columns(
        parse_error=pl.col("not_loaded")
    )
    valid, load = validate_records(context, MLPERF_RESULT, snapshot, parsed.raw, results)
    missing = results.filter(pl.col("not_loaded").is_not_null()).select("system_id", "benchmark")
    summary = {
        "runs_loaded": valid.height,
        "logs_missing_upstream": missing.height,
        "systems_with_hardware_id": systems["hardware_id"].is_not_null().sum(),
    }
    yield publish_table(
        context, warehouse, MLPERF_SYSTEM, MLPERF_SYSTEM.select(systems).sort("system_id")
    )
    yield publish_table(
        context, warehouse, MLPERF_RESULT, valid.sort("result_id"), [load], extra=summary
    )
    yield publish_table(
        context,
        warehouse,
        MLPERF_SCORE,
        MLPERF_SCORE.select(scores(valid, missing)).sort("system_id", "benchmark"),
    )


assets = [mlperf_results]

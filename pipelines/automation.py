"""Every job, schedule and sensor of flopbase, in one place: what runs, when, and what
watches the runs. The work itself is in the assets; the watching in pipelines/sensors.py
(failure reports) and pipelines/runs.py (runs whose process is gone)."""

import dagster as dg

from pipelines.partitions import PARTITIONS
from pipelines.runs import mark_dead_runs
from pipelines.sensors import FAILURE_LOG, record_failure
from pipelines.serve_automation import fetch_sources, fetch_sources_daily, keep_current
from pipelines.snapshots import raw_keys
from pipelines.tables import asset_key
from schemas.trends import TREND_ESTIMATE, TREND_LATEST, TREND_VS_PUBLISHED
from sources import registry

build_all = dg.define_asset_job(
    "build_all",
    selection=dg.AssetSelection.all(),
    description="Build the whole warehouse from the snapshot store (offline unless live); run "
    "it over every partition to rebuild the price history (`flopbase build` does).",
)

refresh_trends = dg.define_asset_job(
    "refresh_trends",
    selection=dg.AssetSelection.assets(
        *(asset_key(t) for t in (TREND_ESTIMATE, TREND_LATEST, TREND_VS_PUBLISHED))
    ),
    description="Refit every trend from the warehouse as it stands and append the estimates.",
)

refresh_trends_weekly = dg.ScheduleDefinition(
    name="refresh_trends_weekly",
    job=refresh_trends,
    cron_schedule="0 6 * * 1",  # Mondays 06:00 UTC
    execution_timezone="UTC",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Weekly trend estimates: each run adds a dated set to analysis.trend_estimate.",
)

refresh_prices = dg.define_asset_job(
    "refresh_prices",
    selection=dg.AssetSelection.assets(
        *raw_keys(registry.PRICE),
        dg.AssetKey(["core", "cloud_price"]),
        dg.AssetKey(["core", "hardware_price"]),
        dg.AssetKey(["analysis", "price_performance"]),
    ),
    description="Fetch every price source (live when its run config says so) into the current "
    "year's partition of the price history, then recompute price-performance.",
)


@dg.schedule(
    job=refresh_prices,
    cron_schedule="0 4 * * *",  # daily 04:00 UTC
    execution_timezone="UTC",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Daily refresh of the price sources into the current year's partition. It "
    "fetches upstream only where live fetching is switched on (FLOPBASE_LIVE=1 or the snapshots "
    "resource's `live`); otherwise it reloads the newest stored versions (docs/ARCHITECTURE.md).",
)
def refresh_prices_daily(context: dg.ScheduleEvaluationContext) -> dg.RunRequest:
    """One run per day for the year partition the scheduled time falls in; live is opt-in."""
    scheduled = context.scheduled_execution_time
    return dg.RunRequest(
        run_key=f"refresh_prices_{scheduled.date().isoformat()}",
        partition_key=PARTITIONS.get_partition_key_for_timestamp(scheduled.timestamp()),
    )


@dg.run_failure_sensor(
    name="report_run_failure",
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Reports each failed run: which job, which assets' steps failed with the first "
    f"line of their error, and the run's page in the UI; appended to $DAGSTER_HOME/{FAILURE_LOG}.",
)
def report_run_failure(context: dg.RunFailureSensorContext) -> None:
    record_failure(context)


@dg.sensor(
    name="mark_dead_runs_failed",
    default_status=dg.DefaultSensorStatus.RUNNING,
    minimum_interval_seconds=60,
    description="Marks failed each started run whose process is gone (killed from the shell), "
    "so the UI does not show it running forever.",
)
def mark_dead_runs_failed(context: dg.SensorEvaluationContext) -> dg.SkipReason:
    marked = mark_dead_runs(context.instance)
    for run_id in marked:
        context.log.warning(f"run {run_id}: its process is gone; marked failed")
    return dg.SkipReason(f"{len(marked)} dead runs marked failed" if marked else "none dead")


jobs = [build_all, refresh_trends, refresh_prices, fetch_sources]
schedules = [refresh_trends_weekly, refresh_prices_daily, fetch_sources_daily]
# freshness is a policy on the trend assets: no sensor of its own
sensors = [report_run_failure, mark_dead_runs_failed, keep_current]

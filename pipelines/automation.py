"""Every job, schedule and sensor of flopbase, in one place: what runs, when, and what
watches the runs. The work itself is in the assets; the watching in pipelines/sensors.py
(failure reports) and pipelines/runs.py (runs whose process is gone).

What a team can leave alone under `make serve` (the daemon evaluates it; `flopbase
build` runs every asset itself and ignores it):

- `fetch_sources`: every source's raw asset on a daily schedule, each step retried with
  jittered exponential backoff (a flaky upstream is asked again 30 s, ~1 min and ~2 min later,
  spread so retries of many sources do not arrive together);
- declarative automation: a table or analysis is materialised when an upstream it reads was
  updated (`AutomationCondition.eager()`: not while an upstream is missing or in progress),
  instead of a hand-built refresh job per chain. Left to their schedules: the price history
  partitions (`refresh_prices_daily`), the dated trend fits (`refresh_trends_weekly`, trends
  and history groups) and views (SQL over tables, current by construction);
- freshness policies on the sources: a raw asset not materialised for a day warns and for two
  days fails in the UI, which is then where stale data shows.
"""

from collections.abc import Iterable, Sequence
from datetime import timedelta

import dagster as dg

from pipelines.partitions import PARTITIONS
from pipelines.raw import RAW, raw_keys
from pipelines.runs import mark_dead_runs
from pipelines.sensors import FAILURE_LOG, record_failure
from pipelines.tables import asset_key
from schemas.trends import TREND_ESTIMATE, TREND_LATEST, TREND_VS_PUBLISHED
from sources import registry

LEFT_TO_SCHEDULES = {"trends", "history", "views"}  # groups with a schedule or no data of their own
FETCH_RETRY = dg.RetryPolicy(
    max_retries=3, delay=30, backoff=dg.Backoff.EXPONENTIAL, jitter=dg.Jitter.PLUS_MINUS
)
SOURCE_FRESHNESS = dg.FreshnessPolicy.time_window(
    fail_window=timedelta(days=2), warn_window=timedelta(days=1)
)
KEEP_CURRENT = dg.AutomationCondition.eager()


def is_source(spec: dg.AssetSpec) -> bool:
    return spec.key.path[0] == RAW


def kept_current(spec: dg.AssetSpec) -> bool:
    """Whether an asset is materialised by the automation condition when its inputs change."""
    return (
        not is_source(spec)
        and spec.partitions_def is None
        and spec.group_name not in LEFT_TO_SCHEDULES
    )


def _policies(spec: dg.AssetSpec) -> dg.AssetSpec:
    if is_source(spec):
        return dg.apply_freshness_policy(spec, SOURCE_FRESHNESS, overwrite_existing=False)
    if kept_current(spec) and spec.automation_condition is None:
        return spec.replace_attributes(automation_condition=KEEP_CURRENT)
    return spec


def automated(assets: Iterable) -> Sequence:
    """The assets with the automation above attached (their computation is unchanged)."""
    return dg.map_asset_specs(_policies, assets)


fetch_sources = dg.define_asset_job(
    "fetch_sources",
    selection=dg.AssetSelection.key_prefixes([RAW]),
    op_retry_policy=FETCH_RETRY,
    description="Fetch every source (live when live mode is on, else the newest stored version) "
    "and record its versions; what reads a changed source follows by its automation condition.",
)

fetch_sources_daily = dg.ScheduleDefinition(
    name="fetch_sources_daily",
    job=fetch_sources,
    cron_schedule="0 3 * * *",  # daily 03:00 UTC, before the price refresh at 04:00
    execution_timezone="UTC",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Daily fetch of every source, steps retried with jittered backoff.",
)

keep_current = dg.AutomationConditionSensorDefinition(
    "keep_current",
    target=dg.AssetSelection.all(),
    default_status=dg.DefaultSensorStatus.RUNNING,
    minimum_interval_seconds=60,
    description="Evaluates every asset's automation condition once a minute and launches the "
    "runs they ask for (tables and analyses whose inputs were updated).",
)


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

"""Automation a team can leave alone under `make serve` (the daemon evaluates it; `flopbase
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

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import timedelta

import dagster as dg

RAW = "raw"
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

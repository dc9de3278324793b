"""The automation `make serve`'s daemon runs (pipelines/automation.py): fetchers on a
schedule with jittered retries, tables and analyses kept current by their automation
condition, freshness policies on the sources; evaluated here with Dagster's own evaluator on
a real instance, as the daemon would on its ticks."""

from datetime import timedelta

import dagster as dg

from pipelines import automation
from pipelines.definitions import defs

GRAPH = defs.resolve_asset_graph()
KEYS = GRAPH.get_all_asset_keys()
ENTRY = dg.AssetKey(["core", "dawnbench_entry"])


def key(text: str) -> dg.AssetKey:
    return dg.AssetKey(text.split("/"))


def conditioned() -> set[dg.AssetKey]:
    return {k for k in KEYS if GRAPH.get(k).automation_condition is not None}


def test_fetchers_run_daily_with_jittered_retries():
    job = defs.resolve_job_def("fetch_sources")
    raw = {k for k in KEYS if k.path[0] == "raw"}
    assert job.asset_layer.selected_asset_keys == raw and len(raw) >= 20
    policy = automation.FETCH_RETRY
    assert (policy.max_retries, policy.delay, policy.jitter) == (3, 30, dg.Jitter.PLUS_MINUS)
    assert policy.backoff == dg.Backoff.EXPONENTIAL
    schedule = defs.resolve_schedule_def("fetch_sources_daily")
    assert schedule.cron_schedule == "0 3 * * *"
    assert schedule.default_status == dg.DefaultScheduleStatus.RUNNING
    sensor = defs.resolve_sensor_def("keep_current")
    assert sensor.default_status == dg.DefaultSensorStatus.RUNNING


def test_which_assets_follow_their_inputs_and_which_keep_their_schedule():
    kept = conditioned()
    assert {key("analysis/dawnbench_progress"), key("analysis/price_performance")} <= kept
    assert {key("core/hardware"), key("core/model"), ENTRY} <= kept
    # dated fits stay weekly; the price history's partitions stay with refresh_prices_daily
    assert not kept & {key("analysis/trend_estimate"), key("analysis/trend_latest")}
    assert not kept & {key("core/cloud_price"), key("core/hardware_price")}
    assert not any(k.path[0] == "raw" for k in kept)
    for raw in (k for k in KEYS if k.path[0] == "raw"):
        policy = GRAPH.get(raw).freshness_policy
        assert policy.fail_window.to_timedelta() == timedelta(days=2), raw


def test_an_updated_table_requests_what_reads_it_and_nothing_else(tmp_path):
    with dg.instance_for_test(temp_dir=str(tmp_path)) as instance:
        for asset_key in KEYS:  # a warehouse where everything has been built once
            partitions = GRAPH.get(asset_key).partitions_def
            for partition in partitions.get_partition_keys() if partitions else [None]:
                instance.report_runless_asset_event(
                    dg.AssetMaterialization(asset_key, partition=partition)
                )
        first = dg.evaluate_automation_conditions(defs=defs, instance=instance)
        quiet = dg.evaluate_automation_conditions(defs=defs, instance=instance, cursor=first.cursor)
        assert quiet.total_requested == 0  # nothing new: nothing to do
        instance.report_runless_asset_event(dg.AssetMaterialization(ENTRY))  # new entries
        after = dg.evaluate_automation_conditions(defs=defs, instance=instance, cursor=quiet.cursor)
    requested = {k for k in conditioned() if after.get_num_requested(k)}
    reached, frontier = set(), {ENTRY}  # conditioned assets reading the entries through others
    while frontier:
        frontier = {
            child
            for parent in frontier
            for child in GRAPH.get(parent).child_keys
            if child in conditioned() - reached - {key("core/dawnbench_curve")}
        }
        reached |= frontier
    assert key("analysis/dawnbench_progress") in requested
    assert key("analysis/overhang_estimate") in requested  # through dawnbench_progress
    assert ENTRY not in requested and key("core/hardware") not in requested
    assert key("analysis/trend_estimate") not in requested
    # everything kept current that reads the entries, directly or through assets kept current,
    # in one evaluation (what reads them through a weekly trend fit waits for that fit)
    assert requested == reached

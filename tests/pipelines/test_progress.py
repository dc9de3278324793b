"""`with_progress`: the line a build or refresh prints per finished step of a run (its count,
duration, rows and checks not passed), one per asset over every partition, and a failed step
said so; runs of small assets defined here, in this process."""

import re

import dagster as dg

from pipelines.progress import with_progress


@dg.asset(key=["core", "small"])
def small() -> dg.MaterializeResult:
    return dg.MaterializeResult(metadata={"dagster/row_count": 1234})


@dg.asset(key=["core", "downstream"], deps=[small])
def downstream() -> dg.MaterializeResult:
    return dg.MaterializeResult(metadata={"dagster/row_count": 5})


@dg.asset_check(asset=small, name="never_passes")
def never_passes() -> dg.AssetCheckResult:
    return dg.AssetCheckResult(passed=False, severity=dg.AssetCheckSeverity.WARN)


@dg.asset(key=["core", "broken"])
def broken() -> None:
    raise RuntimeError("upstream file is gone")


MONTHS = dg.StaticPartitionsDefinition(["2024-01", "2024-02", "2024-03"])


@dg.asset(
    key=["core", "monthly"],
    partitions_def=MONTHS,
    backfill_policy=dg.BackfillPolicy.single_run(),
)
def monthly() -> dg.MaterializeResult:
    return dg.MaterializeResult(metadata={"dagster/row_count": 42})


def run_with_progress(*assets, checks=(), tags=None):
    defs = dg.Definitions(
        assets=list(assets),
        asset_checks=list(checks),
        jobs=[dg.define_asset_job("all", selection=dg.AssetSelection.all())],
    )
    lines: list[str] = []
    job = with_progress(defs.resolve_job_def("all"), out=lines.append)
    result = job.execute_in_process(
        run_config={"loggers": {"console": {"config": {"log_level": "CRITICAL"}}, "progress": {}}},
        raise_on_error=False,
        tags=tags,
    )
    return result, lines


def test_a_line_per_finished_step_with_count_duration_rows_and_checks():
    result, lines = run_with_progress(small, downstream, checks=[never_passes])
    assert result.success
    assert len(lines) == 3  # two assets and the check's step
    assert [re.match(r"\[(\d)/3\]", line).group(1) for line in lines] == ["1", "2", "3"]
    [small_line] = [line for line in lines if "core/small" in line]
    assert re.search(r" ok  core__small  \d+\.\d s  core/small 1,234 rows$", small_line)
    [check_line] = [line for line in lines if "never_passes" in line]
    assert check_line.endswith("checks not passed: never_passes (warning)")
    assert any(line.endswith("core/downstream 5 rows") for line in lines)


def test_a_run_over_every_partition_is_one_entry_per_asset():
    every_month = {
        "dagster/asset_partition_range_start": "2024-01",
        "dagster/asset_partition_range_end": "2024-03",
    }
    result, lines = run_with_progress(monthly, tags=every_month)
    assert result.success
    assert lines == [lines[0]]
    assert lines[0].endswith("core/monthly 42 rows (3 partitions)")


def test_a_failed_step_says_so():
    result, lines = run_with_progress(broken)
    assert not result.success
    assert len(lines) == 1
    assert lines[0].startswith("[1/1]  FAILED  core__broken")

"""The `flopbase` command line: build progress lines, read-only queries, the sources an export
credits. (A full build and export run in tests/e2e.)"""

import json
import re

import dagster as dg
import pytest

import warehouse
from pipelines.cli import main, source_infos
from pipelines.progress import with_progress
from tests.conftest import REPO

# --- progress -------------------------------------------------------------------------------


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


# --- query ----------------------------------------------------------------------------------


@pytest.fixture()
def small_warehouse(warehouse_file):
    with warehouse.connect() as con:
        con.execute("CREATE SCHEMA core")
        con.execute(
            "CREATE TABLE core.chip AS SELECT * FROM (VALUES ('nvidia-h100', 989.4e12, "
            "DATE '2022-09-20'), ('nvidia-a100', 312e12, DATE '2020-05-14')) "
            "AS t(hardware_id, bf16_flop_per_s, released_on)"
        )
    return warehouse_file


def test_query_prints_csv_with_bound_parameters(small_warehouse, capsys):
    sql = "SELECT hardware_id, released_on FROM core.chip WHERE bf16_flop_per_s > ?"
    assert main(["query", sql, "-p", "5e14", "--csv"]) == 0
    assert capsys.readouterr().out == "hardware_id,released_on\nnvidia-h100,2022-09-20\n"


def test_query_prints_json_rows(small_warehouse, capsys):
    sql = "SELECT hardware_id, released_on FROM core.chip ORDER BY hardware_id"
    assert main(["query", sql, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == [
        {"hardware_id": "nvidia-a100", "released_on": "2020-05-14"},
        {"hardware_id": "nvidia-h100", "released_on": "2022-09-20"},
    ]


def test_query_prints_a_table_by_default(small_warehouse, capsys):
    assert main(["query", "SELECT count(*) AS chips FROM core.chip"]) == 0
    out = capsys.readouterr().out
    assert "chips" in out and "│ 2 " in out


def test_query_cannot_change_the_warehouse(small_warehouse, capsys):
    assert main(["query", "DELETE FROM core.chip"]) == 2
    assert "read-only" in capsys.readouterr().err
    assert warehouse.query("SELECT count(*) AS n FROM core.chip")["n"][0] == 2


def test_query_reports_bad_sql_without_a_traceback(small_warehouse, capsys):
    assert main(["query", "SELECT nonsense FROM core.chip"]) == 2
    assert "nonsense" in capsys.readouterr().err


def test_query_without_a_warehouse_says_to_build_first(warehouse_file, capsys):
    assert main(["query", "SELECT 1"]) == 2
    assert "build it first" in capsys.readouterr().err


# --- what an export credits ----------------------------------------------------------------


def test_every_bundled_source_declares_licence_and_citation():
    infos = {s.name: s for s in source_infos()}
    bundled = {p.name for p in (REPO / "data" / "snapshots").iterdir() if p.is_dir()}
    assert bundled <= set(infos)
    for info in infos.values():
        assert info.licence.strip() and info.citation.strip() and info.title.strip(), info.name


# --- summary of a warehouse a build left halfway ------------------------------------------


def test_summary_of_a_half_built_warehouse_names_what_is_missing(small_warehouse, capsys):
    """A first build killed after one table: no traceback, the missing tables and the fix."""
    assert main(["summary"]) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    assert "core.chip" in captured.out  # what is there is still listed
    assert "meta.snapshot" in captured.err and "core.hardware" in captured.err
    assert "make refresh" in captured.err and "make run" in captured.err


# --- what a failed run reports ------------------------------------------------------------


@dg.asset(key=["core", "independent"])
def independent() -> dg.MaterializeResult:
    return dg.MaterializeResult(metadata={"dagster/row_count": 7})


@dg.asset(key=["core", "after_broken"], deps=[broken])
def after_broken() -> None:
    pass


def test_a_failed_run_says_why_in_a_line_and_what_it_did_write(capsys):
    from pipelines.cli import _failed
    from pipelines.refresh import run_report

    result, _ = run_with_progress(small, independent, broken, after_broken)
    errors, written = run_report(result)
    assert errors == {"core__broken": "RuntimeError: upstream file is gone"}
    assert written == ["core/independent", "core/small"]
    assert _failed("build", 1.0, errors, written) == 1
    err = capsys.readouterr().err
    assert "  core__broken: RuntimeError: upstream file is gone" in err
    assert "Written by this run: 2 assets (core/independent, core/small)" in err
    assert "previous tables are unchanged" not in err  # what it said before, untruthfully

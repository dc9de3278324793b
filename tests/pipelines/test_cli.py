"""The `flopbase` command line: read-only queries, the sources an export credits, what a failed
run reports. (A full build and export run in tests/e2e; the progress lines a build prints in
tests/pipelines/test_progress.py.)"""

import json

import dagster as dg

import warehouse
from pipelines.cli import main, source_infos
from tests.conftest import REPO
from tests.pipelines.test_progress import broken, run_with_progress, small

# --- query ----------------------------------------------------------------------------------


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

"""`flopbase report` (pipelines/report.py) without a full build: the heading names the file,
its upstream versions and the trends' date, never today's; a report of a warehouse of every
declared table, empty, is written whole (every figure, each chart a PNG file beside the page)
and a second one replaces it leaving no staging folder; no warehouse, or one lacking what the
report reads, is refused before anything is written. (The page of the session build, in a
browser: tests/e2e/test_report.py.)"""

from datetime import date

import pytest

import warehouse
from pipelines import report

FIGURES, CHARTS, TABLES = 13, 6, 7  # on an empty warehouse: no trend charts


def test_the_heading_names_the_file_its_versions_and_the_trends_date(report_versions, tmp_path):
    text = report.heading(tmp_path / "flopbase.duckdb", report_versions, date(2026, 11, 23))
    assert text.startswith(
        f"Drawn from the warehouse flopbase.duckdb: {report_versions.height} upstream versions of 2 "
        "sources (newest retrieved 2025-04-22); trends estimated as of 2026-11-23."
    )
    assert "flopbase query" in text


@pytest.mark.filterwarnings("ignore:No artists with labels:UserWarning")  # charts of no rows
def test_a_report_of_an_empty_warehouse_is_written_whole_and_replaced(empty_warehouse, tmp_path):
    target = tmp_path / "report"
    written = report.write_report(target, empty_warehouse)
    assert written.index == target.resolve() / "index.html"
    assert (written.figures, written.charts, written.tables) == (FIGURES, CHARTS, TABLES + 1)
    assert len(list((target / "img").glob("*.png"))) == written.charts
    page = written.index.read_text()
    assert "0 upstream versions of 0 sources (newest retrieved never)" in page
    assert page.count("<figure id=") == written.figures
    (target / "img" / "stale.png").write_bytes(b"")  # left by an earlier report
    again = report.write_report(target, empty_warehouse)
    assert again == written
    assert not (target / "img" / "stale.png").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]  # no staging left


def test_no_warehouse_is_refused_before_anything_is_written(tmp_path):
    with pytest.raises(warehouse.WarehouseError, match="no warehouse at .*build it first"):
        report.write_report(tmp_path / "report", tmp_path / "missing.duckdb")
    assert list(tmp_path.iterdir()) == []


def test_a_warehouse_lacking_what_the_report_reads_is_refused(small_warehouse, tmp_path):
    with pytest.raises(warehouse.WarehouseError, match="lacks meta.snapshot, core.model_record"):
        report.write_report(tmp_path / "report", small_warehouse)
    assert not (tmp_path / "report").exists()

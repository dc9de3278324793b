"""Every declared table's and view's row count and every trend's fitted slope, as a full build gives them,
against the record in figures_unchanged.json: a refactor changes neither; a change of a
figure on purpose updates the record in the same commit (UPDATE_FIGURES=1 rewrites it).

Recorded from the build of 2026-12-04 (before the check, partition and source refactor of
issue #20, with the same counts after it)."""

import json
import os
from pathlib import Path

import pytest

import warehouse
from schemas import TABLES
from warehouse.ddl import qualified

RECORD = Path(__file__).with_name("figures_unchanged.json")


def figures(path) -> dict:
    counts = {
        t.qualified_name: warehouse.query(f"SELECT count(*) AS n FROM {qualified(t)}", path=path)[
            "n"
        ][0]
        for t in TABLES
    }
    trends = warehouse.query(
        "SELECT metric || ' [' || subset || ']' AS trend, n, "
        "round(log10_slope_per_year, 6) AS slope FROM analysis.trend_latest ORDER BY 1",
        path=path,
    )
    return {
        "row_counts": counts,
        "trend_slopes": {t: [n, s] for t, n, s in trends.iter_rows()},
    }


def test_row_counts_and_trend_slopes_are_as_recorded(built):
    path, _ = built
    found = figures(path)
    if os.environ.get("UPDATE_FIGURES"):
        RECORD.write_text(json.dumps(found, indent=1, sort_keys=True) + "\n")
    recorded = json.loads(RECORD.read_text())
    assert found["row_counts"] == recorded["row_counts"]
    assert found["trend_slopes"].keys() == recorded["trend_slopes"].keys()
    for trend, (n, slope) in recorded["trend_slopes"].items():
        assert found["trend_slopes"][trend][0] == n, trend
        assert found["trend_slopes"][trend][1] == pytest.approx(slope, abs=2e-6), trend

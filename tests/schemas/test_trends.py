"""schemas/trends.py: analysis.trend_estimate, its views trend_latest and trend_vs_published,
the methods and bases they accept: the warehouse contract's columns, keys, one declaration
shared by the table and its views, and the checks that keep infinite or thin fits out."""

import polars as pl

from analyses.trend_fit import METHODS
from schemas.trends import (
    ESTIMATE_BASES,
    TREND_ESTIMATE,
    TREND_KEY,
    TREND_LATEST,
    TREND_VS_PUBLISHED,
)
from schemas.trends import METHODS as SCHEMA_METHODS
from tests.schemas._schemas_testkit import failures


def test_methods_agree_with_the_engine():
    assert SCHEMA_METHODS == METHODS


def test_contract_columns_and_keys():
    contract = ["metric", "subset", "window_start_on", "window_end_on", "n"]
    contract += ["log10_slope_per_year", "doubling_time_years", "ci_low_years", "ci_high_years"]
    contract += ["ci_level", "r2", "method", "as_of"]
    assert [n for n in contract if n not in TREND_ESTIMATE.columns] == []
    assert TREND_ESTIMATE.key == (*TREND_KEY, "basis", "as_of")
    assert TREND_LATEST.key == TREND_VS_PUBLISHED.key == TREND_KEY
    (basis,) = TREND_ESTIMATE.columns["basis"].checks
    assert basis.statistics == {"allowed_values": list(ESTIMATE_BASES)}
    (method,) = TREND_ESTIMATE.columns["method"].checks
    assert method.statistics == {"allowed_values": list(SCHEMA_METHODS)}


def test_the_views_reuse_the_tables_declarations():
    assert TREND_LATEST.columns == TREND_ESTIMATE.columns
    for name, col in TREND_VS_PUBLISHED.columns.items():
        if name != "ours_over_published":  # the one column the view adds
            assert col is TREND_ESTIMATE.columns[name], name


def test_infinite_doubling_times_and_too_few_points_are_rejected():
    # Fault injection: a doubling time of an interval reaching zero slope, a fit on 2 points.
    frame = pl.DataFrame({"doubling_time_years": [float("inf")], "n": [2], "ci_level": [1.0]})
    assert [c[:2] for c in failures(TREND_ESTIMATE.columns, frame)] == [
        ("ci_level", "less_than(1)"),
        ("doubling_time_years", "in_range(-1000000.0, 1000000.0)"),
        ("n", "greater_than_or_equal_to(3)"),
    ]

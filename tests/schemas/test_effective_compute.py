"""schemas/effective_compute.py: analysis.effective_compute_trend is keyed by the hardware
series it combines, names the trend_latest metrics it reads, keeps both parts and the combined
rate non-null, and rejects too few points, an implausible slope and a confidence level of 1."""

import polars as pl

from schemas.effective_compute import (
    EFFECTIVE_COMPUTE_TREND,
    EFFICIENCY_CAPABILITY,
    HARDWARE_SERIES,
)
from schemas.efficiency import CAPABILITIES
from tests.schemas._schemas_testkit import failures


def test_key_and_the_series_it_combines():
    assert EFFECTIVE_COMPUTE_TREND.key == ("hardware_metric", "hardware_subset")
    assert EFFICIENCY_CAPABILITY in CAPABILITIES
    for metric, _subset in HARDWARE_SERIES:
        assert metric.endswith("_flop_per_s_per_usd")
    required = [n for n, c in EFFECTIVE_COMPUTE_TREND.columns.items() if not c.nullable]
    for name in (
        "hardware_log10_slope_per_year",
        "efficiency_log10_gain_per_year",
        "effective_log10_slope_per_year",
        "effective_factor_per_year",
        "ci_level",
        "assumption",
    ):
        assert name in required, name


def test_implausible_values_are_rejected():
    # Fault injection: a fit on two chips, a slope of 7 orders of magnitude a year, level 1.
    frame = pl.DataFrame(
        {"hardware_n": [2], "effective_log10_slope_per_year": [7.0], "ci_level": [1.0]}
    )
    assert [c[:2] for c in failures(EFFECTIVE_COMPUTE_TREND.columns, frame)] == [
        ("ci_level", "in_range(0.5, 0.999)"),
        ("effective_log10_slope_per_year", "in_range(-5, 5)"),
        ("hardware_n", "greater_than_or_equal_to(3)"),
    ]

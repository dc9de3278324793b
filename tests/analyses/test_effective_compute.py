"""analyses/effective_compute.py on the real trend rows of a build of the bundled snapshots
(2026-12-04, _effective_compute_testkit.py): hardware price-performance trends of analysis.trend_latest plus the AlexNet-level
algorithmic efficiency trend of analysis.algorithmic_efficiency_trend give the build's
analysis.effective_compute_trend rows. The efficiency part halves compute every 1.31 years,
near OpenAI's 16 months ('AI and Efficiency', Hernandez & Brown 2020,
https://openai.com/index/ai-and-efficiency/)."""

import math
from datetime import date

import polars as pl
import pytest

from analyses.effective_compute import combine, effective_compute_trends
from tests.analyses._effective_compute_testkit import EFFICIENCY_TRENDS, HARDWARE_TRENDS


def test_the_builds_effective_compute_trends() -> None:
    rows = effective_compute_trends(HARDWARE_TRENDS, EFFICIENCY_TRENDS)
    assert rows.select("hardware_metric", "hardware_subset").rows() == [
        ("fp32_flop_per_s_per_usd", "gpu"),
        ("fp16_tensor_flop_per_s_per_usd", "ml gpu"),
    ]
    fp32, tensor = rows.iter_rows(named=True)
    assert fp32["effective_log10_slope_per_year"] == pytest.approx(0.32583496792880345)
    assert fp32["effective_log10_slope_ci_low"] == pytest.approx(0.29875776073434546)
    assert fp32["effective_log10_slope_ci_high"] == pytest.approx(0.34520140008203615)
    assert fp32["effective_doubling_time_years"] == pytest.approx(0.9238725897883303)
    # both fits measured over AlexNet's window 2012-06-01 .. 2019-05-28: 189x
    assert (fp32["overlap_start_on"], fp32["overlap_end_on"]) == (
        date(2012, 6, 1),
        date(2019, 5, 28),
    )
    assert fp32["effective_factor_over_overlap"] == pytest.approx(189.06335474803902)
    assert tensor["overlap_start_on"] == date(2017, 6, 21)
    assert tensor["effective_factor_over_overlap"] == pytest.approx(4.299820698041649)
    assert fp32["efficiency_doubling_time_years"] == pytest.approx(1.3069511884438518)


def test_intervals_add_in_quadrature_side_by_side() -> None:
    """The fp32 GPU trend and AlexNet's efficiency gain (log10 2 over its halving times)."""
    hardware = (0.09550502269006142, 0.08388137309645777, 0.1065760176736497)
    gain = 0.23032994523874203
    efficiency = (gain, math.log10(2) / 1.4622010472325324, math.log10(2) / 1.2226061064314093)
    slope, low, high = combine(hardware, efficiency)
    assert slope == pytest.approx(0.32583496792880345)
    # the low side: hardware 0.0116 and efficiency 0.0244 below, sqrt of their squares 0.0271
    assert slope - low == pytest.approx(math.hypot(0.011623649593602, gain - efficiency[1]))
    assert high == pytest.approx(0.34520140008203615)  # asymmetric: 0.0194 above
    assert combine((hardware[0], None, hardware[2]), efficiency) == (
        pytest.approx(slope),
        None,
        None,
    )


def test_without_the_alexnet_trend_nothing_is_combined() -> None:
    gnmt_only = EFFICIENCY_TRENDS.filter(pl.col("capability") == "GNMT")
    with pytest.raises(ValueError, match="has no AlexNet"):
        effective_compute_trends(HARDWARE_TRENDS, gnmt_only)

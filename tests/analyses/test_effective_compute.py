"""analyses/effective_compute.py on the real trend rows of a build of the bundled snapshots
(2026-12-04): hardware price-performance trends of analysis.trend_latest plus the AlexNet-level
algorithmic efficiency trend of analysis.algorithmic_efficiency_trend give the build's
analysis.effective_compute_trend rows. The efficiency part halves compute every 1.31 years,
near OpenAI's 16 months ('AI and Efficiency', Hernandez & Brown 2020,
https://openai.com/index/ai-and-efficiency/)."""

import math
from datetime import date

import polars as pl
import pytest

from analyses.effective_compute import combine, effective_compute_trends

AS_OF = date(2026, 12, 4)
# analysis.trend_latest: metric, subset, window, n, log10 slope and its 90% interval
HARDWARE_TRENDS = pl.DataFrame(
    [
        ("fp32_flop_per_s_per_usd", "gpu", date(2003, 3, 6), date(2025, 8, 11), 346,
         0.09550502269006142, 0.08388137309645777, 0.1065760176736497),
        ("fp16_tensor_flop_per_s_per_usd", "ml gpu", date(2017, 6, 21), date(2024, 11, 15), 17,
         0.09738639874498142, 0.026405745374641222, 0.15980680598474062),
        # not one of the hardware series combined
        ("fp16_flop_per_s_per_usd", "gpu", date(2014, 9, 2), date(2025, 8, 11), 168,
         0.16941538853459406, 0.13787719005611498, 0.20223413582244504),
    ],
    schema=["metric", "subset", "window_start_on", "window_end_on", "n", "log10_slope_per_year",
            "log10_slope_ci_low", "log10_slope_ci_high"],
    orient="row",
).with_columns(method=pl.lit("ols"), ci_level=pl.lit(0.9), as_of=pl.lit(AS_OF))  # fmt: skip
# analysis.algorithmic_efficiency_trend: capability, window, n, log10 slope, halving time and
# its 90% interval
EFFICIENCY_TRENDS = pl.DataFrame(
    [
        ("AlexNet", date(2012, 6, 1), date(2019, 5, 28), 6, -0.23032994523874203,
         1.3069511884438518, 1.2226061064314093, 1.4622010472325324),
        ("GNMT", date(2016, 1, 26), date(2017, 1, 12), 2, -0.9896088440123202,
         0.3041908906588485, None, None),
    ],
    schema=["capability", "window_start_on", "window_end_on", "n", "log10_slope_per_year",
            "halving_time_years", "halving_ci_low_years", "halving_ci_high_years"],
    orient="row",
).with_columns(ci_level=pl.lit(0.9))  # fmt: skip


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

"""Effective compute per dollar (analyses/effective_compute.py): a hardware price-performance
trend (analysis.trend_latest) times the AlexNet-level algorithmic efficiency trend
(analysis.algorithmic_efficiency_trend), both parts beside the combined rate, with the window
where both are measured and the assumption the interval rests on."""

import pandera.polars as pa
import polars as pl

from schemas.columns.declare import column
from schemas.table import Table

# the hardware price-performance trends combined: (metric, subset) of analysis.trend_latest
HARDWARE_SERIES = (
    ("fp32_flop_per_s_per_usd", "gpu"),
    ("fp16_tensor_flop_per_s_per_usd", "ml gpu"),
)
EFFICIENCY_CAPABILITY = "AlexNet"  # the only capability with a fitted rate and an interval


def _slope(what: str, nullable: bool = True) -> pa.Column:
    return column(pl.Float64, what, nullable=nullable, checks=[pa.Check.in_range(-5, 5)])


def _years(what: str, nullable: bool = True) -> pa.Column:
    return column(pl.Float64, what, nullable=nullable, checks=[pa.Check.in_range(0, 1e3)])


def _date(what: str) -> pa.Column:
    return column(pl.Date, what, nullable=False)


EFFECTIVE_COMPUTE_TREND = Table(
    "analysis",
    "effective_compute_trend",
    "Effective compute per dollar: how fast the compute a dollar buys (hardware "
    "price-performance at launch, analysis.trend_latest) times how far a unit of compute goes "
    "(AlexNet-level algorithmic efficiency, analysis.algorithmic_efficiency_trend) grows. Both "
    "parts, their own windows and intervals, and the combined rate (log10 slopes add) with its "
    "interval, stated for the window where both are measured.",
    {
        "hardware_metric": column(
            pl.String,
            "The price-performance trend's metric in analysis.trend_latest (e.g. "
            "fp32_flop_per_s_per_usd: peak FP32 FLOP/s per launch dollar).",
            nullable=False,
        ),
        "hardware_subset": column(
            pl.String,
            "The trend's subset in analysis.trend_latest (gpu: every GPU with a launch price; "
            "ml gpu: those in Epoch's ML hardware database).",
            nullable=False,
        ),
        "hardware_window_start_on": _date("First release date of the hardware trend's fit."),
        "hardware_window_end_on": _date("Last release date of the hardware trend's fit."),
        "hardware_n": column(
            pl.Int64,
            "Chips the hardware trend is fitted on.",
            nullable=False,
            checks=[pa.Check.ge(3)],
        ),
        "hardware_log10_slope_per_year": _slope(
            "Fitted slope of log10(FLOP/s per launch dollar) per year (OLS).", nullable=False
        ),
        "hardware_log10_slope_ci_low": _slope(
            "Lower end of the hardware slope's bootstrap interval (ci_level)."
        ),
        "hardware_log10_slope_ci_high": _slope(
            "Upper end of the hardware slope's bootstrap interval (ci_level)."
        ),
        "hardware_doubling_time_years": _years(
            "Doubling time of FLOP/s per dollar, log10(2) / hardware_log10_slope_per_year; "
            "null where the slope is not above zero."
        ),
        "hardware_as_of": _date("as_of of the hardware trend's row in analysis.trend_latest."),
        "capability": column(
            pl.String,
            "Fixed capability whose compute trend measures algorithmic efficiency "
            "(AlexNet-level: 79.1% top-5 on ImageNet; the only one with a fit and an interval).",
            nullable=False,
        ),
        "efficiency_window_start_on": _date("Publication date of the capability's first record."),
        "efficiency_window_end_on": _date("Publication date of the capability's latest record."),
        "efficiency_n": column(
            pl.Int64,
            "Frontier records the efficiency trend is fitted on.",
            nullable=False,
            checks=[pa.Check.ge(3)],
        ),
        "efficiency_log10_gain_per_year": _slope(
            "Growth of algorithmic efficiency, -1 x the slope of log10(compute to the "
            "capability) per year.",
            nullable=False,
        ),
        "efficiency_log10_gain_ci_low": _slope(
            "Lower end of that gain's bootstrap interval: log10(2) / the longest halving time."
        ),
        "efficiency_log10_gain_ci_high": _slope(
            "Upper end of that gain's bootstrap interval: log10(2) / the shortest halving time."
        ),
        "efficiency_doubling_time_years": _years(
            "Doubling time of algorithmic efficiency (= halving time of the compute to the "
            "capability).",
            nullable=False,
        ),
        "overlap_start_on": _date(
            "Start of the window both parts are measured in: the later of the two windows' starts."
        ),
        "overlap_end_on": _date(
            "End of that window: the earlier of the two windows' ends (before overlap_start_on "
            "where they do not overlap)."
        ),
        "effective_log10_slope_per_year": _slope(
            "Growth of effective compute per dollar, hardware_log10_slope_per_year + "
            "efficiency_log10_gain_per_year.",
            nullable=False,
        ),
        "effective_log10_slope_ci_low": _slope(
            "Lower end of the combined slope's interval (interval_method); null where a part "
            "has no interval."
        ),
        "effective_log10_slope_ci_high": _slope(
            "Upper end of the combined slope's interval (interval_method); null where a part "
            "has no interval."
        ),
        "effective_doubling_time_years": _years(
            "Doubling time of effective compute per dollar, log10(2) / "
            "effective_log10_slope_per_year; null where that is not above zero."
        ),
        "effective_doubling_ci_low_years": _years(
            "Shortest doubling time in the combined interval (from its upper slope)."
        ),
        "effective_doubling_ci_high_years": _years(
            "Longest doubling time in the combined interval (from its lower slope); null where "
            "that slope is not above zero."
        ),
        "ci_level": column(
            pl.Float64,
            "Confidence level of every interval of the row (both parts are fitted at it).",
            nullable=False,
            checks=[pa.Check.in_range(0.5, 0.999)],
        ),
        "effective_factor_per_year": column(
            pl.Float64,
            "Factor effective compute per dollar grows by per year, 10 ** "
            "effective_log10_slope_per_year.",
            nullable=False,
            checks=[pa.Check.gt(0)],
        ),
        "effective_factor_over_overlap": column(
            pl.Float64,
            "Factor it grows by from overlap_start_on to overlap_end_on at that rate; null "
            "where the windows do not overlap.",
            checks=[pa.Check.gt(0)],
        ),
        "interval_method": column(
            pl.String,
            "How the combined interval is made from the parts' intervals.",
            nullable=False,
        ),
        "assumption": column(
            pl.String,
            "What the combined figure assumes, in words (independence, constant rates, the "
            "one task and the nominal dollars it rests on).",
            nullable=False,
        ),
    },
    key=("hardware_metric", "hardware_subset"),
)

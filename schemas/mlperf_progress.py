"""The view people query first about MLPerf Training (warehouse/views.sql): per benchmark, how
much faster and cheaper training became from its first round to its latest, with the rounds
and results behind each figure and the halving time of analysis.trend_estimate."""

import pandera.polars as pa
import polars as pl

from schemas.columns.declare import column
from schemas.table import Table, shared


def _count(description: str, *, nullable: bool = False) -> pa.Column:
    return column(pl.Int64, description, nullable=nullable, checks=[pa.Check.ge(1)])


def _positive(description: str, unit: str | None = None, nullable: bool = True) -> pa.Column:
    return column(pl.Float64, description, unit, nullable=nullable, checks=[pa.Check.gt(0)])


def _text(description: str, *, nullable: bool = True) -> pa.Column:
    return column(pl.String, description, nullable=nullable)


_ROUND = "MLPerf round (v0.5, ..., v5.1) "
_TREND = (
    "analysis.trend_summary's newest estimate (OLS first) of subset 'mlperf <benchmark> closed "
    "best per round': "
)
_SIGNED = "; negative: halves; null where no doubling time is stated or no trend was fitted"

MLPERF_BENCHMARK_PROGRESS = Table(
    "analysis",
    "mlperf_benchmark_progress",
    "View of analysis.mlperf_frontier and analysis.trend_summary: one row per MLPerf Training "
    "benchmark (closed division, available systems) with its first and latest round, the "
    "fastest time and the cheapest priced cost then and now (the best published up to the "
    "latest round), the improvement factors, the rounds and results behind each, and the "
    "time and cost trends (halving time with its interval, in words).",
    {
        **shared("benchmark"),
        "first_round": _text(_ROUND + "of the benchmark's first rated time.", nullable=False),
        "first_round_on": column(
            pl.Date, "Publication date of first_round (round_published_on).", nullable=False
        ),
        "latest_round": _text(_ROUND + "of the benchmark's latest rated time.", nullable=False),
        "latest_round_on": column(
            pl.Date, "Publication date of latest_round (round_published_on).", nullable=False
        ),
        "time_rounds": _count("Rounds with a rated time of the benchmark."),
        "time_results": _count("Rated times (system scores) over those rounds."),
        "first_best_time_s": _positive(
            "Fastest score of first_round (olympic mean of the runs).", "s", nullable=False
        ),
        "first_best_time_system_id": _text("System holding first_best_time_s.", nullable=False),
        "best_time_s": _positive(
            "Fastest score published up to latest_round (the frontier now).", "s", nullable=False
        ),
        "best_time_system_id": _text("System holding best_time_s.", nullable=False),
        "best_time_round": _text(_ROUND + "that set best_time_s.", nullable=False),
        "times_faster": column(
            pl.Float64,
            "first_best_time_s / best_time_s: how many times faster the best training is now "
            "(1: no record since the first round).",
            nullable=False,
            checks=[pa.Check.ge(1)],
        ),
        "cost_rounds": _count(
            "Rounds with a priced result of the benchmark (null: none priced).", nullable=True
        ),
        "cost_results": _count(
            "Priced results over those rounds (analysis.mlperf_cost).", nullable=True
        ),
        "first_cost_round": _text(_ROUND + "of the benchmark's first priced result."),
        "first_best_cost_usd": _positive(
            "Cheapest cost to train of first_cost_round (robust on-demand price of the round's "
            "date, analysis.mlperf_cost).",
            "USD",
        ),
        "first_best_cost_system_id": _text("System holding first_best_cost_usd."),
        "best_cost_usd": _positive(
            "Cheapest cost to train published up to latest priced round.", "USD"
        ),
        "best_cost_system_id": _text("System holding best_cost_usd."),
        "best_cost_round": _text(_ROUND + "that set best_cost_usd."),
        "times_cheaper": column(
            pl.Float64,
            "first_best_cost_usd / best_cost_usd: how many times cheaper the cheapest priced "
            "training is now (null: none priced).",
            checks=[pa.Check.ge(1)],
        ),
        "time_trend": _text(
            _TREND + "the fastest time per round in words (null: fewer than 3 rounds)."
        ),
        "time_doubling_time_years": column(
            pl.Float64, _TREND + "doubling time of the fastest time per round" + _SIGNED + "."
        ),
        "time_ci_low_years": column(
            pl.Float64, "Low end of the interval of time_doubling_time_years (signed alike)."
        ),
        "time_ci_high_years": column(
            pl.Float64, "High end of the interval of time_doubling_time_years (signed alike)."
        ),
        "cost_trend": _text(
            _TREND + "the cheapest cost per round in words (null: fewer than 3 priced rounds)."
        ),
        "cost_doubling_time_years": column(
            pl.Float64, _TREND + "doubling time of the cheapest cost per round" + _SIGNED + "."
        ),
        "cost_ci_low_years": column(
            pl.Float64, "Low end of the interval of cost_doubling_time_years (signed alike)."
        ),
        "cost_ci_high_years": column(
            pl.Float64, "High end of the interval of cost_doubling_time_years (signed alike)."
        ),
    },
    key=("benchmark",),
)

"""Trend inputs of MLPerf Training and the ImageNet series: the best time and the lowest cost
to train of each round per benchmark (analysis.mlperf_cost, closed division, available
systems), and of each date in the ImageNet series DAWNBench -> MLPerf ResNet-50
(analysis.imagenet_series). One point per round or date: the frontier as it was published,
not every system's size.

Pure polars over frames of the warehouse tables named in each function.
"""

from __future__ import annotations

import polars as pl

from analyses.trend_input import TrendInput, points_frame

# A benchmark is fitted when it has rated results in this many rounds: a line through the bests
# of 3 or 4 rounds is noise more than a trend, and a bootstrap of so few points gives no
# usable interval (gnmt's cost over 3 rounds: "doubles every 1.6 years, 90% interval 0.5 to
# 37"); the trend tests require every fit to keep 1,900 of its 2,000 resamples.
MIN_ROUNDS = 5
MLPERF_COLUMNS = ("benchmark", "round_published_on", "score_s", "cost_to_train_usd")
IMAGENET_COLUMNS = ("series_source", "reported_on", "time_to_quality_s", "cost_to_train_usd")
MEASURES = (
    ("time_to_train_s", "s", "the fastest"),
    ("cost_to_train_usd", "USD", "the cheapest"),
)


def _best(frame: pl.DataFrame, by: str, column: str, sources: str) -> pl.DataFrame:
    rated = frame.filter(pl.col(column).is_not_null())
    best = rated.group_by(by).agg(value=pl.col(column).min(), source=sources).sort(by)
    return points_frame(best[by], best["value"], best["source"])


def mlperf_inputs(costs: pl.DataFrame) -> list[TrendInput]:
    """Per benchmark with rated results in MIN_ROUNDS rounds or more: the round's fastest
    score and its cheapest cost to train."""
    inputs = []
    for metric, unit, what in MEASURES:
        column = "score_s" if metric == "time_to_train_s" else metric
        for benchmark in sorted(costs["benchmark"].unique()):
            part = costs.filter(pl.col("benchmark") == benchmark)
            data = _best(part, "round_published_on", column, pl.lit("mlperf"))
            if data.height >= MIN_ROUNDS:
                inputs.append(
                    TrendInput(
                        metric=metric,
                        subset=f"mlperf {benchmark} closed best per round",
                        unit=unit,
                        points=f"{what} closed-division available {benchmark} result of an "
                        "MLPerf round, by the round's publication date",
                        data=data,
                    )
                )
    return inputs


def imagenet_inputs(points: pl.DataFrame) -> list[TrendInput]:
    """The ImageNet series (DAWNBench then MLPerf ResNet-50): each date's fastest time and
    cheapest cost to train."""
    sources = pl.col("series_source").unique().sort().str.join(",")
    return [
        TrendInput(
            metric=metric,
            subset="imagenet dawnbench+mlperf best per date",
            unit=unit,
            points=f"{what} ImageNet training of a date (DAWNBench top-5 >= 93%, MLPerf "
            "ResNet-50 top-1 >= 74.9-75.9%)",
            data=_best(
                points,
                "reported_on",
                "time_to_quality_s" if metric == "time_to_train_s" else metric,
                sources,
            ),
            headline=True,
        )
        for metric, unit, what in MEASURES
    ]

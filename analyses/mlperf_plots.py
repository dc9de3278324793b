"""Plots of MLPerf Training in time and dollars (PNG bytes, matplotlib Agg, through
analyses.plots' fixed layout): the ImageNet series, DAWNBench into MLPerf ResNet-50."""

from __future__ import annotations

import polars as pl

from analyses.plots import _figure, _png

SERIES = {"dawnbench": ("DAWNBench (top-5 >= 93%)", "o"), "mlperf": ("MLPerf ResNet-50", "s")}
MEASURES = {
    "time_to_quality_s": ("hours", 1 / 3600, "C0", "is_time_record"),
    "cost_to_train_usd": ("USD", 1.0, "C1", "is_cost_record"),
}


def imagenet_png(points: pl.DataFrame) -> bytes:
    """Time (hours) and cost (USD) to train ImageNet of every point of analysis.imagenet_series
    over its date, log scale, one marker per benchmark, records joined by a step line."""
    fig, ax = _figure()
    for column, (unit, scale, colour, flag) in MEASURES.items():
        rated = points.filter(pl.col(column).is_not_null())
        for name, (label, marker) in SERIES.items():
            part = rated.filter(pl.col("series_source") == name)
            ax.scatter(
                part["reported_on"].to_list(),
                (part[column] * scale).to_list(),
                s=14,
                alpha=0.45,
                marker=marker,
                color=colour,
                label=f"{label}, {unit}",
            )
        records = rated.filter(pl.col(flag)).sort("reported_on")
        if records.height:
            values = (records[column] * scale).to_list()
            ax.step(
                [*records["reported_on"].to_list(), rated["reported_on"].max()],
                [*values, values[-1]],
                where="post",
                color=colour,
                linewidth=1.5,
            )
    return _png(
        fig,
        ax,
        xlabel="date reported (DAWNBench submission, MLPerf round)",
        ylabel="hours (blue) or USD (orange) to train",
        title="ImageNet to ~75-76% top-1: time and cost, with the records",
        legend="series",
    )

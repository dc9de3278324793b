"""Plots of MLPerf Training in time and dollars (PNG bytes, matplotlib Agg, fixed layouts as in
analyses.plots): the ImageNet series, DAWNBench into MLPerf ResNet-50, and every benchmark's
frontier of time and cost, one panel each."""

from __future__ import annotations

from datetime import date

import polars as pl

from analyses.plots import _figure, _png, encode

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


FRONTIER_MEASURES = {
    "time": ("score_s", "C0", "fastest time"),
    "cost": ("cost_to_train_usd", "C1", "cheapest cost"),
}
COLUMNS = 5


def frontier_png(records: pl.DataFrame) -> bytes:
    """One panel per benchmark of analysis.mlperf_frontier: the best time and the best priced
    cost published up to each round, as a fraction of the benchmark's first round (log scale),
    records marked; the panel title says how many times faster and cheaper the newest is."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import dates as mdates
    from matplotlib import pyplot as plt
    from matplotlib.ticker import FixedFormatter, FixedLocator, NullLocator

    order = (
        records.group_by("benchmark")
        .agg(pl.col("round_published_on").min())
        .sort("round_published_on", "benchmark")["benchmark"]
        .to_list()
    )
    rows = -(-len(order) // COLUMNS)
    fig, axes = plt.subplots(
        rows, COLUMNS, figsize=(15, 2.6 * rows), dpi=80, sharex=True, sharey=True, squeeze=False
    )
    for ax, benchmark in zip(axes.flat, order, strict=False):
        factors = []
        for measure, (column, colour, label) in FRONTIER_MEASURES.items():
            part = records.filter(benchmark=benchmark, frontier_measure=measure).sort(
                "round_published_on"
            )
            if not part.height:
                continue
            relative = (part[column] / part[column][0]).to_list()
            dates = part["round_published_on"].to_list()
            ax.step(dates, relative, where="post", color=colour, label=label, linewidth=1.5)
            record = part["is_record"].to_list()
            ax.plot(
                [d for d, r in zip(dates, record, strict=True) if r],
                [v for v, r in zip(relative, record, strict=True) if r],
                linestyle="none",
                marker="o",
                markersize=3,
                color=colour,
            )
            factors.append(
                f"{1 / relative[-1]:.3g}x {'faster' if measure == 'time' else 'cheaper'}"
            )
        ax.grid(True, alpha=0.3)
        ax.set_title(f"{benchmark}: {', '.join(factors)}", fontsize=9)
    for ax in list(axes.flat)[len(order) :]:
        ax.set_visible(False)
    # fixed ticks and limits, shared by every panel: tick placement measured per panel was
    # most of the drawing time
    first = axes[0][0]
    first.set_yscale("log")
    first.set_ylim(0.015, 1.6)
    first.yaxis.set_major_locator(FixedLocator([0.01, 0.1, 1]))
    first.yaxis.set_major_formatter(FixedFormatter(["0.01", "0.1", "1"]))
    first.yaxis.set_minor_locator(NullLocator())
    years = [date(y, 1, 1) for y in range(2019, 2027, 2)]
    first.xaxis.set_major_locator(FixedLocator(mdates.date2num(years)))
    first.xaxis.set_major_formatter(FixedFormatter([str(d.year) for d in years]))
    axes[0][0].legend(fontsize=8, loc="lower left")
    for row in axes:
        row[0].set_ylabel("x first round")
    fig.suptitle(
        "MLPerf Training frontiers (closed, available): best time and cost to date "
        "relative to each benchmark's first round",
        y=0.995,
    )
    fig.subplots_adjust(left=0.05, right=0.99, bottom=0.05, top=0.93, hspace=0.35, wspace=0.08)
    return encode(fig)

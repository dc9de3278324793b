"""Plots of algorithmic efficiency and the CPU-GPU gap as PNG bytes (matplotlib, Agg), drawn
with the layout of `analyses.plots`: pure functions of the tables' frames."""

from __future__ import annotations

import numpy as np
import polars as pl

from analyses.plots import _figure, _png
from analyses.trend_points import decimal_year


def frontier_png(frontier: pl.DataFrame, trends: pl.DataFrame) -> bytes:
    """Compute to each fixed capability over publication date (core.algorithmic_efficiency),
    log scale, with each capability's fitted or two-point line and its halving time
    (analysis.algorithmic_efficiency_trend)."""
    fig, ax = _figure()
    for row in trends.iter_rows(named=True):
        part = frontier.filter(pl.col("capability") == row["capability"])
        years = decimal_year(part["published_on"])
        flop = part["compute_to_capability_flop"].to_numpy()
        (dots,) = ax.plot(
            years,
            flop,
            "o",
            label=f"{row['capability']}: halves every {12 * row['halving_time_years']:.1f} months "
            f"({row['trend_method']}, n={row['n']})",
        )
        # the line through the points' mean in log space with the stated slope
        centre_x, centre_y = years.mean(), np.log10(flop).mean()
        x = np.array([years.min(), years.max()])
        y = 10 ** (centre_y + row["log10_slope_per_year"] * (x - centre_x))
        ax.plot(x, y, "-", color=dots.get_color(), alpha=0.6)
        for year, value, name in zip(years, flop, part["publication"], strict=True):
            ax.annotate(name, (year, value), fontsize=7, xytext=(3, 3), textcoords="offset points")
    return _png(
        fig,
        ax,
        xlabel="publication year",
        ylabel="training compute to reach the capability (FLOP)",
        title="Algorithmic efficiency: compute to a fixed capability (Hernandez & Brown 2020)",
        legend="capability",
    )

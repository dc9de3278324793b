"""The doubling time of each followed trend as it was estimated over time, with its interval
(analysis.trend_history rows), as PNG bytes in the style of `analyses.plots`."""

from __future__ import annotations

import numpy as np
import polars as pl

from analyses.plots import _figure, _png
from analyses.trend_points import decimal_year


def doubling_history_png(history: pl.DataFrame, title: str = "Doubling time as estimated") -> bytes:
    """Per (metric, subset, basis): |doubling time| in years against the date of the fit
    (halving times of prices drawn as positive), the interval as a band; fits without a
    significant trend are left out. Solid: versions known then; dashed: cut-offs of today."""
    fig, ax = _figure()
    shown = history.filter(pl.col("doubling_time_years").is_not_null())
    series = shown.select("metric", "subset").unique(maintain_order=True).rows()
    for i, (metric, subset) in enumerate(series):
        for basis, style in (("versions", "-o"), ("cutoff", "--")):
            part = shown.filter(
                (pl.col("metric") == metric)
                & (pl.col("subset") == subset)
                & (pl.col("basis") == basis)
            ).sort("as_of")
            if part.height == 0:
                continue
            x = decimal_year(part["as_of"])
            y = np.abs(part["doubling_time_years"].to_numpy())
            low = np.abs(part["ci_low_years"].fill_null(np.nan).to_numpy())
            high = np.abs(part["ci_high_years"].fill_null(np.nan).to_numpy())
            ax.plot(x, y, style, color=f"C{i}", markersize=3, label=f"{metric} [{subset}] {basis}")
            ax.fill_between(x, np.fmin(low, high), np.fmax(low, high), color=f"C{i}", alpha=0.15)
    return _png(
        fig,
        ax,
        xlabel="date of the fit",
        ylabel="doubling (or halving) time, years",
        title=title,
        legend="upper left",
    )

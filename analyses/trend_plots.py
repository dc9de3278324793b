"""Plots of fitted trends as PNG bytes (matplotlib, Agg), in the style of `analyses.plots`."""

from __future__ import annotations

from analyses.plots import _figure, _png
from analyses.trend_coverage import fitted_points
from analyses.trend_estimates import Fitted
from analyses.trend_fit import TrendEstimate, fitted_band
from analyses.trend_points import decimal_year

MAX_SERIES = 8  # colours stay distinguishable; the fits with most points are drawn


def trend_png(fitted: list[Fitted], title: str) -> bytes:
    """The fitted points of each trend (log y) with its line and the line's confidence band,
    one colour per subset; several subsets of one metric share the figure."""
    shown = sorted(fitted, key=lambda f: -f.fit.estimate.n)[:MAX_SERIES]
    if len(fitted) > len(shown):
        title = f"{title} ({len(shown)} of {len(fitted)} series, most points)"
    fig, ax = _figure()
    for i, item in enumerate(sorted(shown, key=lambda f: f.input.subset)):
        e = item.fit.estimate
        points = fitted_points(item.input)
        color = f"C{i}"
        ax.scatter(
            decimal_year(points["date"]), points["value"].to_numpy(), s=10, alpha=0.5, color=color
        )
        band = fitted_band(item.fit)
        years = band["decimal_year"].to_numpy()
        ax.plot(
            years,
            band["fitted"].to_numpy(),
            color=color,
            linewidth=1.5,
            label=f"{e.subset}: {rate_label(e)} (n={e.n})",
        )
        ax.fill_between(
            years,
            band["band_low"].to_numpy(),
            band["band_high"].to_numpy(),
            color=color,
            alpha=0.2,
            linewidth=0,
        )
    level = shown[0].fit.estimate.ci_level if shown else 0.9
    return _png(
        fig,
        ax,
        xlabel="year",
        ylabel=f"{shown[0].input.metric} [{shown[0].input.unit}]" if shown else "",
        title=title,
        legend=f"subset (line and {level:.0%} band)",
    )


def rate_label(e: TrendEstimate) -> str:
    """'doubling 2.46 y', 'halving 0.86 y' or, without a doubling time, '-3.0%/y'."""
    if e.doubling_time_years is None:
        return f"{e.pct_per_year:+.1f}%/y" + ("" if e.is_significant else ", not significant")
    word = "doubling" if e.doubling_time_years > 0 else "halving"
    return f"{word} {abs(e.doubling_time_years):.2f} y"

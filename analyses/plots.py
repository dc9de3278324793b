"""Plots as PNG bytes (matplotlib, Agg): pure functions of DataFrames, shown in the UI."""

from __future__ import annotations

import io

import polars as pl


def _figure():
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    return plt.subplots(figsize=(8, 5), dpi=100)


def _png(fig, ax, *, xlabel: str, ylabel: str, title: str, legend: str) -> bytes:
    """Log y axis, labels, grid and legend, then the figure as PNG bytes (and closed)."""
    from matplotlib import pyplot as plt

    ax.set_yscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(title=legend, fontsize=8)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    plt.close(fig)
    return buffer.getvalue()


def price_performance_png(rows: pl.DataFrame) -> bytes:
    """FLOP/s per dollar at launch price over release date, log scale, one series per precision."""
    fig, ax = _figure()
    dated = rows.filter((pl.col("basis") == "launch_price") & pl.col("released_on").is_not_null())
    for precision in sorted(dated["precision"].unique()):
        part = dated.filter(pl.col("precision") == precision)
        ax.scatter(
            part["released_on"].to_list(),
            part["flop_per_s_per_usd"].to_list(),
            s=14,
            label=precision,
            alpha=0.75,
        )
    return _png(
        fig,
        ax,
        xlabel="release date",
        ylabel="peak FLOP/s per USD at launch price",
        title="Accelerator price-performance at launch (dense peak)",
        legend="precision",
    )


def cloud_price_performance_png(rows: pl.DataFrame, precision: str = "bf16") -> bytes:
    """Cheapest cloud dollars per PFLOP/s-day over time at one precision, log scale, one
    series per pricing model."""
    fig, ax = _figure()
    cloud = rows.filter(
        pl.col("basis").str.starts_with("cloud_") & (pl.col("precision") == precision)
    )
    daily = (
        cloud.group_by("basis", "priced_on")
        .agg(pl.col("usd_per_pflop_day").min())
        .sort("priced_on")
    )
    for basis in sorted(daily["basis"].unique()):
        part = daily.filter(pl.col("basis") == basis)
        ax.scatter(
            part["priced_on"].to_list(),
            part["usd_per_pflop_day"].to_list(),
            s=8,
            label=basis.removeprefix("cloud_"),
            alpha=0.7,
        )
    return _png(
        fig,
        ax,
        xlabel="price date",
        ylabel=f"USD per PFLOP/s-day ({precision}, at peak)",
        title=f"Cheapest cloud price of {precision} compute, any accelerator",
        legend="pricing",
    )

"""Plots as PNG bytes (matplotlib, Agg): pure functions of DataFrames, shown in the UI."""

from __future__ import annotations

import io

import polars as pl


def price_performance_png(rows: pl.DataFrame) -> bytes:
    """FLOP/s per dollar at launch price over release date, log scale, one series per precision."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 5), dpi=100)
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
    ax.set_yscale("log")
    ax.set_xlabel("release date")
    ax.set_ylabel("peak FLOP/s per USD at launch price")
    ax.set_title("Accelerator price-performance at launch (dense peak)")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(title="precision", fontsize=8)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    plt.close(fig)
    return buffer.getvalue()


def cloud_price_performance_png(rows: pl.DataFrame, precision: str = "bf16") -> bytes:
    """Cheapest cloud dollars per PFLOP/s-day over time at one precision, log scale, one
    series per pricing model."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 5), dpi=100)
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
    ax.set_yscale("log")
    ax.set_xlabel("price date")
    ax.set_ylabel(f"USD per PFLOP/s-day ({precision}, at peak)")
    ax.set_title(f"Cheapest cloud price of {precision} compute, any accelerator")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(title="pricing", fontsize=8)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    plt.close(fig)
    return buffer.getvalue()

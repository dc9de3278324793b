"""Plots of overhang estimates as PNG bytes (matplotlib, Agg), in the style of `analyses.plots`."""

from __future__ import annotations

import json

import polars as pl

from analyses.plots import _figure, _png


def tokens_per_s_png(rows: pl.DataFrame) -> bytes:
    """Tokens per second each model's training compute could generate, over its publication
    date (log scale)."""
    fig, ax = _figure()
    points = rows.filter(
        (pl.col("scenario") == "inference_on_training_compute")
        & (pl.col("quantity") == "tokens_per_s")
        & pl.col("dated_on").is_not_null()
    )
    ax.scatter(
        points["dated_on"].to_numpy(),
        points["value"].to_numpy(),
        s=12,
        alpha=0.6,
        label=f"models with compute, parameters and training time (n={points.height})",
    )
    return _png(
        fig,
        ax,
        xlabel="publication date",
        ylabel="tokens per second (training FLOP/s / FLOP per token)",
        title="Inference throughput of each model's training compute",
        legend="",
    )


def best_usd_per_pflop_day_png(rows: pl.DataFrame) -> bytes:
    """The best dollars per PFLOP/s-day of each year, one line per basis (purchase and each
    cloud pricing model), log scale."""
    fig, ax = _figure()
    best = rows.filter(pl.col("scenario") == "best_available").with_columns(
        basis=pl.col("subject").str.extract(r"^([^/]+)/")
    )
    assumed = json.loads(best["inputs"][0]) if best.height else {"price": {}}
    for basis in sorted(best["basis"].unique()):
        part = best.filter(pl.col("basis") == basis).sort("year")
        ax.plot(part["year"].to_list(), part["value"].to_list(), marker="o", label=basis)
    return _png(
        fig,
        ax,
        xlabel="year",
        ylabel=f"USD per PFLOP/s-day ({assumed['price'].get('precision')}, "
        f"utilisation {assumed.get('utilisation')})",
        title="Best available dollars per PFLOP/s-day, bought or rented",
        legend="basis",
    )

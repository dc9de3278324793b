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
    from matplotlib.ticker import NullLocator

    # Fixed title position, decade ticks only and fixed margins: matplotlib's automatic
    # layout measured every tick label and was most of the build's plotting time.
    ax.set_yscale("log")
    ax.yaxis.set_minor_locator(NullLocator())
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title, y=1.01)
    ax.grid(True, alpha=0.3)
    ax.legend(title=legend, fontsize=8)
    fig.subplots_adjust(left=0.11, right=0.98, bottom=0.1, top=0.93)
    return encode(fig)


PALETTE_COLOURS = 256  # indistinguishable from full colour for these charts; 64 speckles lines


def encode(fig) -> bytes:
    """The figure as a palette PNG (and closed): the same pixels to the eye at about a third
    of the bytes of matplotlib's RGBA PNG; every image is stored in the Dagster instance."""
    from matplotlib import pyplot as plt
    from PIL import Image  # a dependency of matplotlib

    fig.canvas.draw()
    size = fig.canvas.get_width_height(physical=True)
    image = Image.frombuffer("RGBA", size, fig.canvas.buffer_rgba()).convert("RGB")
    plt.close(fig)
    palette = image.quantize(
        PALETTE_COLOURS, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE
    )
    buffer = io.BytesIO()
    palette.save(buffer, format="PNG")
    return buffer.getvalue()


def price_performance_png(rows: pl.DataFrame) -> bytes:
    """FLOP/s per dollar at launch price over release date, log scale, one series per precision."""
    fig, ax = _figure()
    dated = rows.filter((pl.col("basis") == "launch_price") & pl.col("released_on").is_not_null())
    for precision in sorted(dated["precision"].unique()):
        part = dated.filter(pl.col("precision") == precision)
        ax.scatter(
            part["released_on"].to_numpy(),
            part["flop_per_s_per_usd"].to_numpy(),
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
            part["priced_on"].to_numpy(),
            part["usd_per_pflop_day"].to_numpy(),
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


def dawnbench_png(entries: pl.DataFrame, records: pl.DataFrame, measure: str) -> bytes:
    """DAWNBench training time to target (measure 'time', in hours) or cost ('cost') of every
    entry over its submission date, log scale, one colour per task, with the task's frontier
    (`records`: analysis.dawnbench_frontier) drawn as a step line to the last submission."""
    column, scale, ylabel = {
        "time": ("time_to_target_s", 1 / 3600, "hours to the quality target"),
        "cost": ("cost_usd", 1.0, "USD to the quality target (on-demand cloud)"),
    }[measure]
    fig, ax = _figure()
    train = entries.filter((pl.col("kind") == "train") & pl.col(column).is_not_null())
    last = train["submitted_on"].max()
    for i, task in enumerate(sorted(train["task"].unique())):
        part = train.filter(pl.col("task") == task)
        values = (part[column] * scale).to_list()
        ax.scatter(
            part["submitted_on"].to_list(), values, s=16, alpha=0.6, color=f"C{i}", label=task
        )
        steps = records.filter(
            (pl.col("task") == task) & (pl.col("kind") == "train") & (pl.col("frontier") == measure)
        ).sort("submitted_on")
        step_values = (steps[column] * scale).to_list()
        ax.step(
            [*steps["submitted_on"].to_list(), last],
            [*step_values, step_values[-1]],
            where="post",
            color=f"C{i}",
            linewidth=1.5,
        )
    return _png(
        fig,
        ax,
        xlabel="submission date",
        ylabel=ylabel,
        title=f"DAWNBench training: {measure} to target, with the frontier",
        legend="task",
    )


HARDWARE_SERIES = {
    "fp32_flop_per_s": "FP32 (vector)",
    "bf16_flop_per_s": "16-bit tensor (FP16/BF16)",
    "fp8_flop_per_s": "FP8 tensor",
}


def hardware_throughput_png(hardware: pl.DataFrame) -> bytes:
    """Peak dense throughput of every chip over its release date, log scale, one series per
    precision (core.hardware)."""
    fig, ax = _figure()
    dated = hardware.filter(pl.col("released_on").is_not_null())
    for column, label in HARDWARE_SERIES.items():
        part = dated.filter(pl.col(column).is_not_null())
        ax.scatter(
            part["released_on"].to_numpy(), part[column].to_numpy(), s=8, label=label, alpha=0.6
        )
    return _png(
        fig,
        ax,
        xlabel="release date",
        ylabel="peak FLOP/s per accelerator (dense)",
        title="Accelerator peak throughput at release",
        legend="precision",
    )


def training_compute_png(models: pl.DataFrame) -> bytes:
    """Training compute of every model with a value over its publication date, log scale,
    frontier models apart (core.model)."""
    fig, ax = _figure()
    dated = models.filter(
        pl.col("published_on").is_not_null() & pl.col("training_compute_flop").is_not_null()
    )
    for frontier, label in ((False, "other"), (True, "frontier")):
        part = dated.filter(pl.col("is_frontier").fill_null(False) == frontier)
        ax.scatter(
            part["published_on"].to_numpy(),
            part["training_compute_flop"].to_numpy(),
            s=10 if not frontier else 18,
            label=label,
            alpha=0.6,
        )
    return _png(
        fig,
        ax,
        xlabel="publication date",
        ylabel="training compute (FLOP)",
        title="Training compute of AI models (Epoch AI)",
        legend="model",
    )

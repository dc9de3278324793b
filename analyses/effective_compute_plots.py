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


def effective_compute_png(rows: pl.DataFrame) -> bytes:
    """Growth of effective compute per dollar over each row's overlap window (analysis.
    effective_compute_trend), 1 at the window's start: the hardware part (dashed), the
    algorithmic efficiency part (dotted) and their product (solid, with its interval)."""
    fig, ax = _figure()
    efficiency_drawn = False
    for row in rows.sort("overlap_start_on").iter_rows(named=True):
        start, end = decimal_year([row["overlap_start_on"], row["overlap_end_on"]])
        if end <= start:
            continue
        years = np.linspace(start, end, 50)
        span = years - start
        label = f"{row['hardware_metric']} ({row['hardware_subset']})"
        (line,) = ax.plot(
            years,
            10 ** (row["effective_log10_slope_per_year"] * span),
            "-",
            label=f"effective: {label} x {row['capability']}-level efficiency, doubles every "
            f"{12 * row['effective_doubling_time_years']:.1f} months",
        )
        if row["effective_log10_slope_ci_low"] is not None:
            ax.fill_between(
                years,
                10 ** (row["effective_log10_slope_ci_low"] * span),
                10 ** (row["effective_log10_slope_ci_high"] * span),
                color=line.get_color(),
                alpha=0.15,
            )
        ax.plot(
            years,
            10 ** (row["hardware_log10_slope_per_year"] * span),
            "--",
            color=line.get_color(),
            label=f"hardware: {label}",
        )
        if not efficiency_drawn:  # the same part in every row: drawn over the longest window
            ax.plot(
                years,
                10 ** (row["efficiency_log10_gain_per_year"] * span),
                ":",
                color="black",
                label=f"algorithmic efficiency ({row['capability']}-level), doubles every "
                f"{12 * row['efficiency_doubling_time_years']:.1f} months",
            )
            efficiency_drawn = True
    return _png(
        fig,
        ax,
        xlabel="year",
        ylabel="growth since the window's start (x)",
        title="Effective compute per dollar = price-performance x algorithmic efficiency",
        legend=f"{rows['ci_level'][0]:.0%} interval shaded" if rows.height else "",
    )


def matched_runs_png(pairs: pl.DataFrame) -> bytes:
    """CPU over GPU time (or latency) and cost of each matched DAWNBench pair (analysis.
    cpu_gpu_matched_run), per task and kind, log scale, beside the '~20x worse' working
    figure and parity."""
    fig, ax = _figure()
    groups = pairs.select("task", "entry_kind").unique().sort("task", "entry_kind")
    names = [f"{t} {k}" for t, k in groups.rows()]
    gpus = sorted(pairs["gpu_hardware_id"].unique())
    for g, gpu in enumerate(gpus):
        for measure, marker, offset in (
            ("cpu_to_gpu_time", "o", -0.15),
            ("cpu_to_gpu_cost", "^", 0.15),
        ):
            part = pairs.filter(pl.col("gpu_hardware_id") == gpu).drop_nulls(measure)
            if part.height == 0:  # no stated cost for that GPU's runs
                continue
            x = [names.index(f"{t} {k}") for t, k in part.select("task", "entry_kind").rows()]
            jitter = 0.04 * (g - (len(gpus) - 1) / 2)
            ax.plot(
                np.array(x, dtype=float) + offset + jitter,
                part[measure].to_numpy(),
                marker,
                color=f"C{g}",
                alpha=0.7,
                label=f"{measure.removeprefix('cpu_to_gpu_')}, vs {gpu}",
            )
    ax.axhline(20, color="red", linestyle="--", alpha=0.6, label="'CPUs ~20x worse'")
    ax.axhline(1, color="grey", linestyle=":", alpha=0.8, label="parity")
    ax.set_xticks(range(len(names)), names)
    return _png(
        fig,
        ax,
        xlabel="DAWNBench task and kind (Stanford DAWN baselines, October 2017)",
        ylabel="CPU / GPU (above 1: the CPU is slower or dearer)",
        title="Matched runs: 16 vCPUs against one GPU, same model, framework and date",
        legend="ratio",
    )


def spec_gap_png(gap: pl.DataFrame) -> bytes:
    """Peak FLOP/s per launch dollar by launch year (analysis.cpu_gpu_spec_gap): the ML GPU
    and server CPU medians per precision where a side has figures, over bars of the server CPUs
    launched, so a missing CPU side shows as what it is (launches without FLOP/s figures)."""
    fig, ax = _figure()
    bars = ax.twinx()
    fp32 = gap.filter(pl.col("precision") == "fp32").sort("launch_year")
    bars.bar(fp32["launch_year"], fp32["cpu_chips"], color="grey", alpha=0.25)
    bars.bar(fp32["launch_year"], fp32["cpu_chips_stating_flops"], color="black", alpha=0.6)
    bars.tick_params(axis="y", direction="in", pad=-18, labelsize=7)  # inside: no margin
    # legend entries for the bars of the other axis
    ax.fill_between([], [], color="grey", alpha=0.25, label="server CPUs launched (right scale)")
    ax.fill_between([], [], color="black", alpha=0.6, label="of those, stating FP32 FLOP/s")
    for side, marker in (("gpu", "o"), ("cpu", "s")):
        for precision in ("fp32", "fp16"):
            part = gap.filter(pl.col("precision") == precision).drop_nulls(
                f"{side}_median_flop_per_s_per_usd"
            )
            if part.height:
                ax.plot(
                    part["launch_year"],
                    part[f"{side}_median_flop_per_s_per_usd"],
                    marker,
                    label=f"{'ML GPU' if side == 'gpu' else 'server CPU'} {precision} median "
                    f"({int(part[f'{side}_chips_priced_stating_flops'].sum())} chips)",
                )
    ax.set_zorder(bars.get_zorder() + 1)
    ax.patch.set_visible(False)
    stating = int(fp32["cpu_chips_stating_flops"].sum())
    return _png(
        fig,
        ax,
        xlabel="launch year",
        ylabel="peak FLOP/s per launch dollar (median)",
        title=f"CPU against GPU at launch: {stating} of {int(fp32['cpu_chips'].sum())} server "
        "CPUs state peak FLOP/s",
        legend="no GPU/CPU ratio without the CPU side" if stating == 0 else "medians",
    )

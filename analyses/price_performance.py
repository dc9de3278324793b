"""Peak throughput per dollar: FLOP/s per USD, per accelerator and precision."""

from __future__ import annotations

import polars as pl

from schemas import PRECISIONS, PRICE_PERFORMANCE

SECONDS_PER_DAY = 86_400
PFLOP = 1e15


def peak_column(precision: str) -> str:
    return "int8_op_per_s" if precision == "int8" else f"{precision}_flop_per_s"


def at_launch_price(hardware: pl.DataFrame) -> pl.DataFrame:
    """Rows of `analysis.price_performance` with basis 'launch_price', from `core.hardware`:
    one per chip and precision that has both a launch price and a peak throughput."""
    frames = [
        hardware.filter(
            pl.col(peak_column(p)).is_not_null() & pl.col("launch_price_usd").is_not_null()
        ).select(
            "hardware_id",
            "released_on",
            precision=pl.lit(p),
            basis=pl.lit("launch_price"),
            peak_flop_per_s=pl.col(peak_column(p)),
            price_usd=pl.col("launch_price_usd"),
        )
        for p in PRECISIONS
    ]
    rows = pl.concat(frames).with_columns(
        flop_per_s_per_usd=pl.col("peak_flop_per_s") / pl.col("price_usd"),
        usd_per_pflop_day=pl.lit(None, pl.Float64),
    )
    return PRICE_PERFORMANCE.select(rows).sort("hardware_id", "precision")


def usd_per_pflop_day(
    usd_per_hour: pl.Expr, peak_flop_per_s: pl.Expr, utilisation: float = 1.0
) -> pl.Expr:
    """Dollars for one PFLOP/s sustained for a day, from an hourly price (used by cloud bases)."""
    return usd_per_hour * 24 / (peak_flop_per_s * utilisation / PFLOP)

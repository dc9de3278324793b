"""Peak throughput per dollar: FLOP/s per USD, per accelerator and precision."""

from __future__ import annotations

import polars as pl

from schemas import PRECISIONS, PRICE_PERFORMANCE

SECONDS_PER_DAY = 86_400
PFLOP = 1e15


def peak_column(precision: str) -> str:
    return "int8_op_per_s" if precision == "int8" else f"{precision}_flop_per_s"


def peaks(hardware: pl.DataFrame) -> pl.DataFrame:
    """Long peaks of `core.hardware`: `hardware_id`, `released_on`, `precision`,
    `peak_flop_per_s` for every stated precision."""
    return pl.concat(
        [
            hardware.filter(pl.col(peak_column(p)).is_not_null()).select(
                "hardware_id",
                "released_on",
                precision=pl.lit(p),
                peak_flop_per_s=pl.col(peak_column(p)),
            )
            for p in PRECISIONS
        ]
    )


def at_launch_price(hardware: pl.DataFrame) -> pl.DataFrame:
    """Rows of `analysis.price_performance` with basis 'launch_price', from `core.hardware`:
    one per chip and precision that has a launch price, a release date (the price's date)
    and a peak throughput."""
    priced = hardware.filter(
        pl.col("launch_price_usd").is_not_null() & pl.col("released_on").is_not_null()
    )
    rows = (
        peaks(priced)
        .join(priced.select("hardware_id", price_usd="launch_price_usd"), on="hardware_id")
        .with_columns(
            basis=pl.lit("launch_price"),
            priced_on=pl.col("released_on"),
            flop_per_s_per_usd=pl.col("peak_flop_per_s") / pl.col("price_usd"),
        )
    )
    return _rows(rows).sort("hardware_id", "precision")


# Epoch AI marks the purchase prices it estimated rather than observed in their notes
# ("Estimated TPU purchase price based on ...", "This is not a real sale price. Estimating
# ..."): they stay in core.hardware_price, but are not a purchase basis.
ESTIMATED_NOTE = r"(?i)\bestimat"


def at_purchase_prices(hardware_price: pl.DataFrame, hardware: pl.DataFrame) -> pl.DataFrame:
    """Rows of `analysis.price_performance` with basis 'purchase', from `core.hardware_price`:
    for each chip, precision and date, the cheapest observed purchase price that day (a
    single unit's, or a chip's share of a system's as quoted; ties: the first in source,
    version, row order), named by its quote (source, sha256, row_number). Prices whose notes
    say they were estimated (`ESTIMATED_NOTE`) and quotes of no known chip are left out."""
    observed = hardware_price.filter(
        pl.col("hardware_id").is_not_null()
        & (pl.col("price_usd") > 0)
        & ~pl.col("notes").fill_null("").str.contains(ESTIMATED_NOTE)
    )
    cheapest = observed.sort("price_usd", "source", "sha256", "row_number").unique(
        ["hardware_id", "observed_on"], keep="first", maintain_order=True
    )
    rows = (
        peaks(hardware)
        .join(
            cheapest.select(
                "hardware_id",
                "price_usd",
                "source",
                "sha256",
                "row_number",
                priced_on="observed_on",
            ),
            on="hardware_id",
        )
        .with_columns(
            basis=pl.lit("purchase"),
            flop_per_s_per_usd=pl.col("peak_flop_per_s") / pl.col("price_usd"),
        )
    )
    return _rows(rows).sort("hardware_id", "precision", "priced_on")


# The robust figure: this quantile of the providers' cheapest quotes (linear interpolation).
# A low quantile rather than the minimum, so one provider's error or one-off offer moves it
# only part of the way; a quarter rather than the median, so it stays a "cheap end of the
# market" figure, comparable with the single cheapest quote beside it.
ROBUST_QUANTILE = 0.25


def at_cloud_prices(
    cloud_price: pl.DataFrame, hardware: pl.DataFrame, utilisation: float = 1.0
) -> pl.DataFrame:
    """Rows of `analysis.price_performance` with a cloud basis: for each date, accelerator,
    precision and pricing model, the cheapest non-suspect price per accelerator-hour of any
    provider and region that day (ties: the first quote in source, version, row order), as
    dollars per PFLOP/s-day at `utilisation` of peak. The chosen quote is named (source,
    sha256, row_number) so the figure can be traced back. Beside it: the ROBUST_QUANTILE of
    the providers' cheapest non-suspect prices that day (`robust_usd_per_pflop_day`), their
    number, and the suspect quotes left out. `cloud_price` may lack `is_suspect` (all
    trusted)."""
    if not 0 < utilisation <= 1:
        raise ValueError(f"utilisation must be in (0, 1], got {utilisation}")
    if "is_suspect" not in cloud_price.columns:
        cloud_price = cloud_price.with_columns(is_suspect=pl.lit(False))
    group = ["hardware_id", "basis", "priced_on"]
    quotes = cloud_price.filter(
        pl.col("hardware_id").is_not_null() & pl.col("usd_per_accelerator_hour").is_not_null()
    ).with_columns(
        priced_on=pl.col("observed_at").dt.date(),
        basis=pl.lit("cloud_") + pl.col("pricing"),
    )
    suspect = quotes.filter(pl.col("is_suspect")).group_by(group).agg(n_suspect_excluded=pl.len())
    trusted = quotes.filter(~pl.col("is_suspect"))
    robust = (
        trusted.group_by([*group, "provider"])
        .agg(pl.col("usd_per_accelerator_hour").min())
        .group_by(group)
        .agg(
            _robust_hour=pl.col("usd_per_accelerator_hour").quantile(
                ROBUST_QUANTILE, interpolation="linear"
            ),
            n_providers=pl.len(),
        )
    )
    cheapest = trusted.sort("usd_per_accelerator_hour", "source", "sha256", "row_number").unique(
        group, keep="first", maintain_order=True
    )
    rows = (
        cheapest.join(robust, on=group, how="left")
        .join(suspect, on=group, how="left")
        .join(peaks(hardware), on="hardware_id")
        .with_columns(
            usd_per_pflop_day=usd_per_pflop_day(
                pl.col("usd_per_accelerator_hour"), pl.col("peak_flop_per_s"), utilisation
            ),
            robust_usd_per_pflop_day=usd_per_pflop_day(
                pl.col("_robust_hour"), pl.col("peak_flop_per_s"), utilisation
            ),
            is_single_provider=pl.col("n_providers") == 1,
            n_suspect_excluded=pl.col("n_suspect_excluded").fill_null(0),
            utilisation=pl.lit(utilisation),
        )
    )
    return _rows(rows).sort("hardware_id", "precision", "basis", "priced_on")


def _rows(frame: pl.DataFrame) -> pl.DataFrame:
    """`frame` as price_performance rows: columns it lacks are null."""
    schema = PRICE_PERFORMANCE.polars_schema
    return frame.select(
        (pl.col(n) if n in frame.columns else pl.lit(None)).cast(t).alias(n)
        for n, t in schema.items()
    )


def usd_per_pflop_day(
    usd_per_hour: pl.Expr, peak_flop_per_s: pl.Expr, utilisation: float = 1.0
) -> pl.Expr:
    """Dollars for one PFLOP/s sustained for a day, from an hourly price (used by cloud bases)."""
    return usd_per_hour * 24 / (peak_flop_per_s * utilisation / PFLOP)

"""Overhang scenarios of dollars per PFLOP/s-day: amortised purchases (every launch price,
named presets), and the best bought and rented price of each year (`best_prices`), over
datacenter-class chips for a frontier run (`frontier_prices`).

Every function takes its assumptions as keyword arguments (no defaults here: the defaults are
the Dagster run config's, documented in `pipelines/overhang.py`) and writes them, with the ids
and values of the upstream rows used, into each row's `inputs` JSON.
"""

from __future__ import annotations

import polars as pl

from analyses.overhang_rows import PURCHASE, USD_PER_PFLOP_DAY, assumption_inputs, estimate_rows
from analyses.price_performance import PFLOP

# What a chosen price is traced by: chip, date, price and the quote behind a cloud price.
PRICE_TRACE = (
    "basis",
    "hardware_id",
    "precision",
    "priced_on",
    "peak_flop_per_s",
    "price_usd",
    "usd_per_accelerator_hour",
    "price_performance_utilisation",
    "provider",
    "region",
    "instance_type",
    "source",
    "sha256",
    "row_number",
)


# What a frontier price row (`frontier_prices`) adds to the trace: the robust figure's support.
FRONTIER_SUPPORT = ("n_providers", "n_suspect_excluded", "cheapest_usd_per_pflop_day")


def bought_usd_per_pflop_day(
    price_usd: pl.Expr, peak_flop_per_s: pl.Expr, utilisation: float, amortisation_days: float
) -> pl.Expr:
    """Dollars per PFLOP/s-day of a purchase: price / (peak PFLOP/s * utilisation * days)."""
    return price_usd / (peak_flop_per_s / PFLOP * utilisation * amortisation_days)


def amortised_purchase(
    launch_prices: pl.DataFrame, *, utilisation: float, amortisation_days: float
) -> pl.DataFrame:
    """Dollars per PFLOP/s-day of every accelerator and precision with a launch price
    (`analysis.price_performance` rows of basis launch_price), bought and used for
    `amortisation_days` at `utilisation` of peak."""
    priced = launch_prices.filter(pl.col("basis") == "launch_price")
    return estimate_rows(
        priced,
        scenario="amortised_purchase",
        quantity="usd_per_pflop_day",
        unit=USD_PER_PFLOP_DAY,
        subject=pl.col("hardware_id") + "/" + pl.col("precision"),
        value=bought_usd_per_pflop_day(
            pl.col("price_usd"), pl.col("peak_flop_per_s"), utilisation, amortisation_days
        ),
        inputs={
            **{c: pl.col(c) for c in ("hardware_id", "precision", "basis", "priced_on")},
            **{c: pl.col(c) for c in ("price_usd", "peak_flop_per_s")},
            **assumption_inputs(utilisation=utilisation, amortisation_days=amortisation_days),
        },
        dated_on=pl.col("priced_on"),
    )


def purchase_presets(presets: pl.DataFrame, *, utilisation: float) -> pl.DataFrame:
    """Dollars per PFLOP/s-day of named hypothetical purchases (`name`, `price_usd`,
    `peak_flop_per_s`, `amortisation_days`), at `utilisation` of peak."""
    return estimate_rows(
        presets,
        scenario="amortised_purchase",
        quantity="usd_per_pflop_day",
        unit=USD_PER_PFLOP_DAY,
        subject="preset/" + pl.col("name"),
        value=bought_usd_per_pflop_day(
            pl.col("price_usd"),
            pl.col("peak_flop_per_s"),
            utilisation,
            pl.col("amortisation_days"),
        ),
        inputs={
            **{c: pl.col(c) for c in presets.columns},
            **assumption_inputs(utilisation=utilisation),
        },
    )


def best_prices(
    price_performance: pl.DataFrame,
    *,
    precision: str,
    utilisation: float,
    amortisation_days: float,
) -> pl.DataFrame:
    """The cheapest dollars per PFLOP/s-day at `precision` of each year and basis: `purchase`
    (a chip's amortised launch price, available from its release year on, through the last
    year with any price), and each cloud pricing model (the year's cheapest quote, rescaled
    from price_performance's utilisation to `utilisation`; price_performance never picks a
    suspect quote). Ties: the first in hardware,
    source, version and row order. Columns: `year`, `usd_per_pflop_day` and `PRICE_TRACE`."""
    rows = price_performance.filter(pl.col("precision") == precision)
    launch = rows.filter(pl.col("basis") == "launch_price")
    cloud = rows.filter(pl.col("basis").str.starts_with("cloud_"))
    years = pl.concat([launch["priced_on"], cloud["priced_on"]]).dt.year()
    if years.is_empty():
        return pl.DataFrame(schema={"year": pl.Int64, "usd_per_pflop_day": pl.Float64})
    calendar = pl.DataFrame(
        {"year": range(years.min(), years.max() + 1)}, schema={"year": pl.Int64}
    )
    bought = (
        launch.join(calendar, how="cross")
        .filter(pl.col("year") >= pl.col("priced_on").dt.year())
        .with_columns(
            basis=pl.lit(PURCHASE),
            price_performance_utilisation=pl.lit(None, pl.Float64),
            usd_per_pflop_day=bought_usd_per_pflop_day(
                pl.col("price_usd"), pl.col("peak_flop_per_s"), utilisation, amortisation_days
            ),
        )
    )
    rented = cloud.with_columns(
        year=pl.col("priced_on").dt.year().cast(pl.Int64),
        price_performance_utilisation=pl.col("utilisation"),
        usd_per_pflop_day=pl.col("usd_per_pflop_day") * pl.col("utilisation") / utilisation,
    )
    columns = ["year", "usd_per_pflop_day", *PRICE_TRACE]
    both = pl.concat([bought.select(columns), rented.select(columns)], how="vertical_relaxed")
    return (
        both.sort("usd_per_pflop_day", "hardware_id", "source", "sha256", "row_number")
        .unique(["basis", "year"], keep="first", maintain_order=True)
        .sort("basis", "year")
    )


def frontier_prices(
    rented: pl.DataFrame,
    bought: pl.DataFrame,
    *,
    precision: str,
    cluster_overhead: float,
) -> pl.DataFrame:
    """One frame of frontier prices per basis and year in `best_prices`' shape plus
    FRONTIER_SUPPORT: `rented` from `analyses.frontier_prices.rented` (the robust figure over
    providers, overhead included), `bought` the purchase rows of `best_prices` over
    datacenter-class chips (times `cluster_overhead`; no providers behind them)."""
    cloud = rented.with_columns(
        precision=pl.lit(precision),
        price_usd=pl.lit(None, pl.Float64),
        price_performance_utilisation=pl.lit(None, pl.Float64),
    )
    purchase = bought.filter(pl.col("basis") == PURCHASE).with_columns(
        usd_per_pflop_day=pl.col("usd_per_pflop_day") * cluster_overhead,
        cheapest_usd_per_pflop_day=pl.col("usd_per_pflop_day") * cluster_overhead,
        n_providers=pl.lit(None, pl.Int64),
        n_suspect_excluded=pl.lit(None, pl.Int64),
    )
    columns = ["year", "usd_per_pflop_day", *PRICE_TRACE, *FRONTIER_SUPPORT]
    return pl.concat(
        [purchase.select(columns), cloud.select(columns)], how="vertical_relaxed"
    ).sort("basis", "year")


def best_available(
    best: pl.DataFrame, *, utilisation: float, amortisation_days: float
) -> pl.DataFrame:
    """Rows of the best dollars per PFLOP/s-day of each basis and year (`best_prices`)."""
    assumptions = assumption_inputs(utilisation=utilisation)
    return estimate_rows(
        best,
        scenario="best_available",
        quantity="usd_per_pflop_day",
        unit=USD_PER_PFLOP_DAY,
        subject=pl.col("basis") + "/" + pl.col("year").cast(pl.String),
        value=pl.col("usd_per_pflop_day"),
        inputs={
            "price": pl.struct(*PRICE_TRACE),
            **assumptions,
            "amortisation_days": pl.when(pl.col("basis") == PURCHASE).then(amortisation_days),
        },
        year=pl.col("year"),
        dated_on=pl.col("priced_on"),
    )

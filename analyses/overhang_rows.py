"""The rows of `analysis.overhang_estimate` every overhang scenario produces: units, the row
shape, assumptions written into `inputs`, and the headline figures to read first. The
scenarios: `analyses/overhang_tokens.py` (tokens per second of training compute),
`analyses/overhang_prices.py` (dollars per PFLOP/s-day bought and rented),
`analyses/overhang_costs.py` (compute in PFLOP/s-days, what it costs and what a budget buys,
DAWNBench progress).

Every function takes its assumptions as keyword arguments (no defaults here: the defaults are
the Dagster run config's, documented in `pipelines/overhang.py`) and writes them, with the ids
and values of the upstream rows used, into each row's `inputs` JSON.
"""

from __future__ import annotations

import polars as pl

from analyses.price_performance import PFLOP, SECONDS_PER_DAY

# 1 PFLOP/s sustained for a day, as OpenAI's "AI and Compute" (2018) defines a petaflop/s-day.
PFLOP_DAY_FLOP = PFLOP * SECONDS_PER_DAY
PURCHASE = "purchase"  # the basis of an amortised launch price, beside cloud_<pricing>
USD_PER_PFLOP_DAY = "USD/(PFLOP/s*day)"
PFLOP_DAYS = "PFLOP/s*day"
ROW_SCHEMA = pl.Schema(
    {
        "scenario": pl.String,
        "subject": pl.String,
        "quantity": pl.String,
        "value": pl.Float64,
        "unit": pl.String,
        "inputs": pl.String,
        "year": pl.Int64,
        "dated_on": pl.Date,
    }
)


# how the headline names a price (fields of a row's `inputs.price`, `overhang_prices.PRICE_TRACE`)
PRICE_NAMED = ("hardware_id", "priced_on", "source")


def estimate_rows(
    frame: pl.DataFrame,
    *,
    scenario: str,
    quantity: str,
    unit: str | None,
    subject: pl.Expr,
    value: pl.Expr,
    inputs: dict[str, pl.Expr],
    year: pl.Expr | None = None,
    dated_on: pl.Expr | None = None,
) -> pl.DataFrame:
    """`frame` as estimate rows: one per row of `frame`, `inputs` encoded as a JSON object."""
    return frame.select(
        scenario=pl.lit(scenario, pl.String),
        subject=subject.cast(pl.String),
        quantity=pl.lit(quantity, pl.String),
        value=value.cast(pl.Float64),
        unit=pl.lit(unit, pl.String),
        inputs=pl.struct(**inputs).struct.json_encode(),
        year=pl.lit(None) if year is None else year,
        dated_on=pl.lit(None) if dated_on is None else dated_on,
    ).cast(dict(ROW_SCHEMA))


def assumption_inputs(**values: float | str) -> dict[str, pl.Expr]:
    return {name: pl.lit(value) for name, value in values.items()}


def headline(rows: pl.DataFrame, reference_model_id: str) -> pl.DataFrame:
    """The figures to read first: the reference model's, the world scenario, the presets, and
    the by-year rows of the latest year of each basis (with the price they rest on); values to
    4 significant figures."""
    latest = pl.col("year") == pl.col("year").max().over(
        "scenario", pl.col("subject").str.extract(r"^([^/]+)/")
    )
    picked = rows.filter(
        (pl.col("subject") == reference_model_id)
        | (pl.col("scenario") == "world_compute_chinchilla")
        | pl.col("subject").str.starts_with("preset/")
        | (pl.col("year").is_not_null() & latest)
    )
    return picked.select(
        "scenario",
        "subject",
        "quantity",
        value=pl.col("value").map_elements(lambda v: f"{v:.4g}", return_dtype=pl.String),
        unit=pl.col("unit").fill_null(""),
        price=pl.concat_str(
            *(pl.col("inputs").str.json_path_match(f"$.price.{f}") for f in PRICE_NAMED),
            separator=" ",
            ignore_nulls=True,
        ),
    )

"""Overhang scenarios of what compute costs and buys: training compute in PFLOP/s-days (8.64e19
FLOP), the reference model's training cost and the multiples of it a budget buys at each year's
best price, and DAWNBench's progress factors.

Every function takes its assumptions as keyword arguments (no defaults here: the defaults are
the Dagster run config's, documented in `pipelines/overhang.py`) and writes them, with the ids
and values of the upstream rows used, into each row's `inputs` JSON.
"""

from __future__ import annotations

import polars as pl

from analyses.overhang_prices import FRONTIER_SUPPORT, PRICE_TRACE
from analyses.overhang_rows import PFLOP_DAY_FLOP, PFLOP_DAYS, assumption_inputs, estimate_rows


def training_compute(models: pl.DataFrame) -> pl.DataFrame:
    """Training compute of every model with an estimate, in PFLOP/s-days (8.64e19 FLOP)."""
    computed = models.filter(pl.col("training_compute_flop") > 0)
    return estimate_rows(
        computed,
        scenario="training_compute",
        quantity="training_compute_pflop_days",
        unit=PFLOP_DAYS,
        subject=pl.col("model_id"),
        value=pl.col("training_compute_flop") / PFLOP_DAY_FLOP,
        inputs={
            **{c: pl.col(c) for c in ("model_id", "training_compute_flop", "versions")},
            "flop_per_pflop_day": pl.lit(PFLOP_DAY_FLOP),
        },
        dated_on=pl.col("published_on"),
    )


def reference_model(models: pl.DataFrame, model_id: str) -> dict[str, object]:
    """The reference model's row (a dict), which must have a training compute estimate."""
    found = models.filter(pl.col("model_id") == model_id)
    if found.height != 1:
        raise ValueError(f"reference model {model_id!r} is not a model_id of core.model")
    row = found.row(0, named=True)
    if not row["training_compute_flop"]:
        raise ValueError(f"reference model {model_id!r} has no training compute estimate")
    return row


def _reference(reference: dict[str, object]) -> dict[str, pl.Expr]:
    flop = reference["training_compute_flop"]
    return {
        "reference_model_id": pl.lit(reference["model_id"]),
        "training_compute_flop": pl.lit(flop),
        "training_compute_pflop_days": pl.lit(flop / PFLOP_DAY_FLOP),
    }


def _price(frontier: dict[str, float | str] | None = None) -> dict[str, pl.Expr]:
    """The chosen price of a `best_prices` (or `frontier_prices`) row, for `inputs`; a
    frontier price also carries its support and the rule's assumptions."""
    price = {"price": pl.struct(*PRICE_TRACE), "usd_per_pflop_day": pl.col("usd_per_pflop_day")}
    if frontier is None:
        return price
    support = {c: pl.col(c) for c in FRONTIER_SUPPORT}
    return {**price, **support, "frontier_rule": pl.struct(**assumption_inputs(**frontier))}


def training_cost(
    best: pl.DataFrame,
    reference: dict[str, object],
    frontier: dict[str, float | str] | None = None,
) -> pl.DataFrame:
    """What the reference model's compute costs at the dollars per PFLOP/s-day of each
    basis and year (`frontier_prices`: what a frontier run can rent at scale; `frontier` the
    rule's assumptions, written into `inputs`)."""
    pflop_days = reference["training_compute_flop"] / PFLOP_DAY_FLOP
    return estimate_rows(
        best,
        scenario="training_cost",
        quantity="training_cost_usd",
        unit="USD",
        subject=pl.col("basis") + "/" + pl.col("year").cast(pl.String),
        value=pflop_days * pl.col("usd_per_pflop_day"),
        inputs={**_reference(reference), **_price(frontier)},
        year=pl.col("year"),
        dated_on=pl.col("priced_on"),
    )


def budget_multiples(
    best: pl.DataFrame,
    reference: dict[str, object],
    *,
    budget_usd: float,
    frontier: dict[str, float | str] | None = None,
) -> pl.DataFrame:
    """How many times the reference model's compute `budget_usd` buys at the dollars per
    PFLOP/s-day of each basis and year (as `training_cost`)."""
    cost = reference["training_compute_flop"] / PFLOP_DAY_FLOP * pl.col("usd_per_pflop_day")
    return estimate_rows(
        best,
        scenario="budget",
        quantity="budget_multiple",
        unit=None,
        subject=pl.col("basis") + "/" + pl.col("year").cast(pl.String),
        value=budget_usd / cost,
        inputs={
            **assumption_inputs(budget_usd=budget_usd),
            **_reference(reference),
            **_price(frontier),
            "training_cost_usd": cost,
        },
        year=pl.col("year"),
        dated_on=pl.col("priced_on"),
    )


def dawnbench_progress(progress: pl.DataFrame) -> pl.DataFrame:
    """The speedups and cost reductions of `analysis.dawnbench_progress`, with the baseline
    and best entry ids they compare."""
    same_instance = pl.col("basis") == "same_instance"
    subject = pl.concat_str(
        "task",
        "kind",
        "basis",
        pl.when(same_instance).then(
            pl.col("instance_type") + "x" + pl.col("instance_count").cast(pl.String)
        ),
        separator="/",
        ignore_nulls=True,
    )
    inputs = {c: pl.col(c) for c in progress.columns if c not in ("speedup", "cost_reduction")}
    return pl.concat(
        estimate_rows(
            progress.filter(pl.col(quantity).is_not_null()),
            scenario="dawnbench_progress",
            quantity=quantity,
            unit=None,
            subject=subject,
            value=pl.col(quantity),
            inputs=inputs,
            dated_on=pl.col("best_submitted_on"),
        )
        for quantity in ("speedup", "cost_reduction")
    )

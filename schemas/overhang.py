"""Overhang estimates: what the compute behind models, the world's accelerators and a budget
would buy, each figure with the assumptions and upstream rows it used."""

import pandera.polars as pa
import polars as pl

from schemas.columns.declare import column
from schemas.table import Table, shared

SCENARIOS = (
    "inference_on_training_compute",
    "world_compute_chinchilla",
    "amortised_purchase",
    "best_available",
    "training_compute",
    "training_cost",
    "budget",
    "dawnbench_progress",
)
QUANTITIES = (
    "tokens_per_s",
    "excluded_tokens_per_s",
    "parameters",
    "parallel_streams",
    "usd_per_pflop_day",
    "training_compute_pflop_days",
    "training_cost_usd",
    "budget_multiple",
    "speedup",
    "cost_reduction",
)

OVERHANG_ESTIMATE = Table(
    "analysis",
    "overhang_estimate",
    "Overhang estimates: tokens per second that training compute could generate, a "
    "Chinchilla-trained model on a share of the world's accelerators, dollars per PFLOP/s-day "
    "of bought and rented compute, training costs and what a budget buys by year, and the "
    "DAWNBench progress factors; every row keeps the inputs it used as JSON.",
    {
        "scenario": column(
            pl.String,
            "Which estimate: inference_on_training_compute (per model), "
            "world_compute_chinchilla, amortised_purchase (per accelerator and precision, and "
            "named presets), best_available (the cheapest dollars per PFLOP/s-day of a year, "
            "by price basis), training_compute (per model), training_cost and budget (the "
            "reference model's compute by year and basis), dawnbench_progress.",
            nullable=False,
            checks=[pa.Check.isin(list(SCENARIOS))],
        ),
        "subject": column(
            pl.String,
            "What the row is about, unique within scenario and quantity: a model_id, "
            "'<hardware_id>/<precision>', 'preset/<name>', '<basis>/<year>', 'world', or "
            "'<task>/<kind>/<basis>[/<instance_type>x<count>]' for DAWNBench.",
            nullable=False,
        ),
        "quantity": column(
            pl.String,
            "What value measures: tokens_per_s, parameters, parallel_streams, "
            "usd_per_pflop_day, training_compute_pflop_days, training_cost_usd, "
            "budget_multiple, speedup or cost_reduction; excluded_tokens_per_s is the "
            "tokens/s a model's stated figures would give, withheld from its estimates "
            "(physically implausible, or a fine-tune's compute over the fine-tune's time), "
            "with excluded_reason in inputs.",
            nullable=False,
            checks=[pa.Check.isin(list(QUANTITIES))],
        ),
        "value": column(
            pl.Float64,
            "The estimate, in unit (null unit: a count or a ratio).",
            nullable=False,
            checks=[pa.Check.gt(0)],
        ),
        **shared("unit"),
        "inputs": column(
            pl.String,
            "JSON object of every input the value was computed from: the run config's "
            "assumptions and the upstream rows' ids and values (model_id, hardware_id, the "
            "price row's basis, date and source/sha256/row_number, DAWNBench entry ids).",
            nullable=False,
        ),
        "as_of": column(
            pl.Date,
            "Date the estimates were made from the warehouse as it stood (UTC).",
            nullable=False,
        ),
        "year": column(
            pl.Int64,
            "Calendar year of a by-year row (best_available, training_cost, budget); null "
            "otherwise.",
        ),
        "dated_on": column(
            pl.Date,
            "Date the figure rests on: the model's publication date, the accelerator's release "
            "date, the chosen price's date, the best DAWNBench entry's submission date.",
        ),
    },
    key=("scenario", "subject", "quantity"),
)

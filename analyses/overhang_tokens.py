"""Overhang scenarios of tokens per second: what each model's training compute could generate
run for inference, and a Chinchilla-trained model on a share of the world's compute.

Every function takes its assumptions as keyword arguments (no defaults here: the defaults are
the Dagster run config's, documented in `pipelines/overhang.py`) and writes them, with the ids
and values of the upstream rows used, into each row's `inputs` JSON.
"""

from __future__ import annotations

import math

import polars as pl

from analyses.overhang_rows import PFLOP_DAY_FLOP, PFLOP_DAYS, assumption_inputs, estimate_rows
from analyses.price_performance import PFLOP, SECONDS_PER_DAY

# Training FLOP per token are 3 forward passes' worth: the forward pass and a backward pass of
# twice its cost (Kaplan et al. 2020: C ~ 6ND = 3 x 2ND).
TRAINING_PASSES_PER_TOKEN = 3


def _fine_tune_includes_base() -> pl.Expr:
    """A fine-tune whose stated compute includes its base model's training (Epoch's
    convention: the compute exceeds the fine-tune's own, or that is not stated) while its
    training time is shorter than the base model's, i.e. the fine-tune's (GPT-4 (Jun 2023)
    repeats GPT-4's compute and time: one run, kept)."""
    base_run = pl.col("training_time_s") >= pl.col("base_training_time_s")
    return (
        pl.col("base_model").is_not_null()
        & (
            pl.col("finetune_compute_flop").is_null()
            | (pl.col("training_compute_flop") > pl.col("finetune_compute_flop") * (1 + 1e-9))
        )
        & ~base_run.fill_null(False)
    )


def inference_on_training_compute(
    models: pl.DataFrame, *, flop_per_parameter_per_token: float, tokens_per_s_per_stream: float
) -> pl.DataFrame:
    """Per model with training compute C, parameters p and training time T (`core.model`): the
    tokens per second its training cluster could generate, C / (T * k * p) with k FLOP per
    parameter per generated token, and how many streams of `tokens_per_s_per_stream` that is.

    p is `active_parameters` where curated (a mixture-of-experts model computes with its
    active experts only), else `parameters`; `parameters_basis` says which. Compute and time
    must describe one run: a model whose compute its stated hardware could not do in the
    stated time (`is_physically_implausible`) or a fine-tune whose compute includes its base
    model's (the time is the fine-tune's) gets no tokens_per_s row but one
    `excluded_tokens_per_s` row: the figure withheld, with `excluded_reason` in its inputs."""
    k = flop_per_parameter_per_token
    base = models.select(base_model="name", base_training_time_s="training_time_s")
    usable = (
        models.join(base, on="base_model", how="left")
        .filter(
            (pl.col("training_compute_flop") > 0)
            & (pl.col("parameters") > 0)
            & (pl.col("training_time_s") > 0)
        )
        .with_columns(
            parameters_used=pl.coalesce("active_parameters", "parameters"),
            parameters_basis=pl.when(pl.col("active_parameters").is_not_null())
            .then(pl.lit("active"))
            .otherwise(pl.lit("total")),
            excluded_reason=pl.when(pl.col("is_physically_implausible"))
            .then("physically implausible: " + pl.col("implausible_reason"))
            .when(_fine_tune_includes_base())
            .then(
                pl.format(
                    "fine-tune of {}: the compute ({} FLOP) includes the base model's training, "
                    "the training time is the fine-tune's",
                    pl.col("base_model"),
                    pl.col("training_compute_flop"),
                )
            ),
        )
    )
    usable = usable.with_columns(
        tokens_per_s=pl.col("training_compute_flop")
        / (pl.col("training_time_s") * k * pl.col("parameters_used"))
    )
    model = {
        c: pl.col(c)
        for c in (
            "model_id",
            "training_compute_flop",
            "parameters",
            "active_parameters",
            "parameters_basis",
            "parameters_used",
            "training_time_s",
            "implied_utilisation",
            "published_on",
            "versions",
        )
    }
    assumptions = {
        **assumption_inputs(flop_per_parameter_per_token=k),
        "formula": pl.lit(
            "training_compute_flop / (training_time_s * flop_per_parameter_per_token * "
            "parameters_used)"
        ),
    }
    common = {
        "scenario": "inference_on_training_compute",
        "subject": pl.col("model_id"),
        "dated_on": pl.col("published_on"),
    }
    kept = usable.filter(pl.col("excluded_reason").is_null())
    excluded = usable.filter(pl.col("excluded_reason").is_not_null())
    return pl.concat(
        [
            estimate_rows(
                kept,
                **common,
                quantity="tokens_per_s",
                unit="token/s",
                value=pl.col("tokens_per_s"),
                inputs={**model, **assumptions},
            ),
            estimate_rows(
                kept,
                **common,
                quantity="parallel_streams",
                unit=None,
                value=pl.col("tokens_per_s") / tokens_per_s_per_stream,
                inputs={
                    **model,
                    **assumptions,
                    "tokens_per_s": pl.col("tokens_per_s"),
                    **assumption_inputs(tokens_per_s_per_stream=tokens_per_s_per_stream),
                },
            ),
            estimate_rows(
                excluded,
                **common,
                quantity="excluded_tokens_per_s",
                unit="token/s",
                value=pl.col("tokens_per_s"),
                inputs={**model, **assumptions, "excluded_reason": pl.col("excluded_reason")},
            ),
        ]
    )


def world_compute_chinchilla(
    *,
    world_flop_per_s: float,
    share: float,
    duration_s: float,
    tokens_per_parameter: float,
    token_equivalents_per_data_point: float,
    flop_per_parameter_per_token: float,
    tokens_per_s_per_stream: float,
) -> pl.DataFrame:
    """A Chinchilla-trained model on a share f of the world's accelerators W for N seconds:
    training costs 3*k*m*H*p**2 FLOP (m tokens per parameter, H token-equivalents per data
    point, k FLOP per parameter per token, 3 passes per training token: forward and a backward
    of twice its cost), so p = sqrt(f*W*N / (3*k*m*H)); run for inference on the same compute
    it generates f*W / (k*p) tokens per second."""
    flop_per_s = share * world_flop_per_s
    total_flop = flop_per_s * duration_s
    divisor = TRAINING_PASSES_PER_TOKEN * flop_per_parameter_per_token * tokens_per_parameter
    parameters = math.sqrt(total_flop / (divisor * token_equivalents_per_data_point))
    tokens_per_s = flop_per_s / (flop_per_parameter_per_token * parameters)
    inputs = assumption_inputs(
        world_flop_per_s=world_flop_per_s,
        share=share,
        duration_s=duration_s,
        tokens_per_parameter=tokens_per_parameter,
        token_equivalents_per_data_point=token_equivalents_per_data_point,
        flop_per_parameter_per_token=flop_per_parameter_per_token,
        training_passes_per_token=TRAINING_PASSES_PER_TOKEN,
    )
    streams = assumption_inputs(
        tokens_per_s=tokens_per_s, tokens_per_s_per_stream=tokens_per_s_per_stream
    )
    formula = {
        "parameters": "sqrt(share * world_flop_per_s * duration_s / (training_passes_per_token"
        " * flop_per_parameter_per_token * tokens_per_parameter"
        " * token_equivalents_per_data_point))",
        "tokens_per_s": "share * world_flop_per_s / (flop_per_parameter_per_token * parameters)",
        "parallel_streams": "tokens_per_s / tokens_per_s_per_stream",
        "training_compute_pflop_days": "share * world_flop_per_s * duration_s / "
        "(flop_per_pflop_s * seconds_per_day)",
    }
    one = pl.DataFrame({"subject": ["world"]})
    return pl.concat(
        estimate_rows(
            one,
            scenario="world_compute_chinchilla",
            subject=pl.col("subject"),
            **{**row, "inputs": {**row["inputs"], "formula": pl.lit(formula[row["quantity"]])}},
        )
        for row in (
            dict(quantity="parameters", unit=None, value=pl.lit(parameters), inputs=inputs),
            dict(
                quantity="tokens_per_s",
                unit="token/s",
                value=pl.lit(tokens_per_s),
                inputs={**inputs, "parameters": pl.lit(parameters)},
            ),
            dict(
                quantity="parallel_streams",
                unit=None,
                value=pl.lit(tokens_per_s / tokens_per_s_per_stream),
                inputs={**inputs, **streams},
            ),
            dict(
                quantity="training_compute_pflop_days",
                unit=PFLOP_DAYS,
                value=pl.lit(total_flop / PFLOP_DAY_FLOP),
                inputs={
                    **inputs,
                    **assumption_inputs(
                        flop_per_pflop_s=PFLOP,
                        seconds_per_day=SECONDS_PER_DAY,
                        flop_per_pflop_day=PFLOP_DAY_FLOP,
                    ),
                },
            ),
        )
    )

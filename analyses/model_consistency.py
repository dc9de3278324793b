"""Cross-checks of model figures: against published estimates, and against physics.

Each function returns one row per model it could check, with the ratio and whether it is an
outlier; the asset checks report them and never drop a model. Fine-tuned models (a base model
named) are left out of the physical checks: their compute includes the base model's training,
their data and hardware describe the fine-tune only.
"""

from __future__ import annotations

import math

import polars as pl

# Published estimates compared with Epoch's (same definition): OWID's cost series is
# amortised hardware + energy, Epoch's training_cost_usd is cloud-rental in 2023 dollars.
COMPARABLE = ("training_compute_flop", "parameters", "training_dataset_size")
# Mixture-of-experts models count all experts in `parameters`, so 6·N·D does not apply:
# names such as "Mixtral 8x7B", "Zephyr 141B-A39B", "...-MoE".
MIXTURE_OF_EXPERTS = r"(?i)\bmoe\b|mixture|\d+x\d+(\.\d+)?b\b|-a\d+(\.\d+)?b\b"
# Peak column used for a model's numerical format; unknown formats use the 16-bit tensor
# peak, the usual training precision since mixed precision (2018).
FORMAT_PEAK = {
    "FP32": "fp32_flop_per_s",
    "TF32": "tf32_flop_per_s",
    "FP16": "fp16_flop_per_s",
    "BF16": "bf16_flop_per_s",
    "FP8": "fp8_flop_per_s",
    "INT8": "int8_op_per_s",
}


def within(ratio: pl.Expr, factor: float) -> pl.Expr:
    """`ratio` between 1/factor and factor."""
    return ratio.log().abs() <= math.log(factor)


def against_published(
    estimates: pl.DataFrame, models: pl.DataFrame, tolerance: float = 1.10
) -> pl.DataFrame:
    """Published estimates (core.model_estimate rows with a model_id) next to Epoch's value of
    the same quantity: `ratio` = published / Epoch, `agrees` within a factor `tolerance`."""
    long = models.unpivot(index=["model_id", "name"], on=list(COMPARABLE), variable_name="quantity")
    return (
        estimates.filter(pl.col("model_id").is_not_null() & pl.col("quantity").is_in(COMPARABLE))
        .join(long.rename({"value": "epoch"}), on=["model_id", "quantity"], how="inner")
        .filter(pl.col("epoch").is_not_null())
        .select(
            "source",
            "entity",
            "model_id",
            "quantity",
            published="value",
            epoch="epoch",
            ratio=pl.col("value") / pl.col("epoch"),
        )
        .with_columns(agrees=within(pl.col("ratio"), tolerance))
        .sort("source", "quantity", "model_id")
    )


def six_n_d(models: pl.DataFrame, factor: float = 3.0) -> pl.DataFrame:
    """Dense language models: compute against 6 × parameters × tokens × epochs (Kaplan et al.
    2020, 'Scaling Laws for Neural Language Models', C ≈ 6ND); `ratio` = compute / 6ND,
    `outlier` beyond a factor `factor` either way."""
    expected = (
        6 * pl.col("parameters") * pl.col("training_dataset_size") * pl.col("epochs").fill_null(1)
    )
    return (
        models.filter(
            pl.col("base_model").is_null()
            & pl.col("domain").str.contains("Language")
            & ~pl.col("name").str.contains(MIXTURE_OF_EXPERTS)
            & pl.all_horizontal(
                pl.col(c).is_not_null()
                for c in ("training_compute_flop", "parameters", "training_dataset_size")
            )
        )
        .select(
            "model_id",
            "name",
            "training_compute_flop",
            six_n_d_flop=expected,
            ratio=pl.col("training_compute_flop") / expected,
        )
        .with_columns(outlier=~within(pl.col("ratio"), factor))
        .sort("model_id")
    )


def hardware_time(models: pl.DataFrame, hardware: pl.DataFrame) -> pl.DataFrame:
    """Models trained on one kind of chip: compute against chips × peak FLOP/s × time.
    `implied_utilisation` = compute / (chips × peak × time); `outlier` where it exceeds 1
    (more compute than the hardware can do), is below 0.01, or differs from a stated MFU by
    more than a factor 2."""
    peak_by_format = pl.coalesce(
        *(
            pl.when(pl.col("numerical_format").str.to_uppercase().str.contains(fmt)).then(
                pl.col(column)
            )
            for fmt, column in FORMAT_PEAK.items()
        ),
        pl.col("bf16_flop_per_s"),
        pl.col("fp16_flop_per_s"),
        pl.col("fp32_flop_per_s"),
    )
    peaks = hardware.select("hardware_id", *set(FORMAT_PEAK.values()))
    checked = (
        models.filter(
            pl.col("base_model").is_null()
            & ~pl.col("hardware_ids").str.contains(",")
            & pl.all_horizontal(
                pl.col(c).is_not_null()
                for c in ("training_compute_flop", "hardware_quantity", "training_time_s")
            )
        )
        .join(peaks, on="hardware_id", how="inner")
        .with_columns(peak_flop_per_s=peak_by_format)
        .filter(pl.col("peak_flop_per_s").is_not_null())
    )
    capacity = pl.col("hardware_quantity") * pl.col("peak_flop_per_s") * pl.col("training_time_s")
    implied = pl.col("training_compute_flop") / capacity
    return (
        checked.select(
            "model_id",
            "name",
            "hardware_id",
            "hardware_quantity",
            "training_time_s",
            "peak_flop_per_s",
            "model_flop_utilisation",
            implied_utilisation=implied,
        )
        .with_columns(
            outlier=(pl.col("implied_utilisation") > 1)
            | (pl.col("implied_utilisation") < 0.01)
            # only where Epoch states an MFU to compare with
            | (
                ~within(pl.col("implied_utilisation") / pl.col("model_flop_utilisation"), 2.0)
            ).fill_null(False)
        )
        .sort("model_id")
    )

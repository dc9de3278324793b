"""Cross-checks of model figures: against published estimates, and against physics.

Each function returns one row per model it could check, with the ratio and whether it is an
outlier; the asset checks report them and never drop a model. Fine-tuned models (a base model
named) are left out of the physical cross-checks: their compute includes the base model's
training, their data and hardware describe the fine-tune only. `physically_implausible`
(core.model's flag) covers every model, fine-tunes included: compute its stated hardware
could not have done in the stated time does not describe one run, whatever the cause.
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
# Peak columns that can run a model's numerical format; the greatest is taken, so implied
# utilisation is a lower bound and a value above 1 means the stated figures cannot all be
# right. FP16 training runs on tensor cores where the chip has them; an FP32 run on Ampere or
# later uses TF32 tensor cores by default. Formats not listed (or none stated): any 16- or
# 32-bit peak the chip has. Columns a hardware frame lacks are skipped.
FORMAT_PEAKS = {
    "FP32": ("fp32_flop_per_s", "tf32_flop_per_s"),
    "TF32": ("tf32_flop_per_s",),
    "FP16": ("fp16_tensor_flop_per_s", "bf16_flop_per_s", "fp16_flop_per_s"),
    "BF16": ("bf16_flop_per_s",),
    "FP8": ("fp8_flop_per_s",),
    "INT8": ("int8_op_per_s",),
}
ANY_FORMAT = (
    "bf16_flop_per_s",
    "fp16_tensor_flop_per_s",
    "fp16_flop_per_s",
    "tf32_flop_per_s",
    "fp32_flop_per_s",
)


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


def _greatest(columns: tuple[str, ...], present: set[str]) -> pl.Expr:
    found = [pl.col(c) for c in columns if c in present]
    return pl.max_horizontal(*found) if found else pl.lit(None, pl.Float64)


def implied_utilisation(models: pl.DataFrame, hardware: pl.DataFrame) -> pl.DataFrame:
    """Every model on one kind of chip with compute, chip count and training time (fine-tunes
    included): `peak_flop_per_s` (the greatest peak of its numerical format, `FORMAT_PEAKS`)
    and `implied_utilisation` = compute / (chips x peak x time). Columns: `model_id`, `name`,
    `hardware_id`, `hardware_quantity`, `training_time_s`, `numerical_format`,
    `peak_flop_per_s`, `model_flop_utilisation`, `base_model`, `implied_utilisation`."""
    present = set(hardware.columns)
    fmt = pl.col("numerical_format").str.to_uppercase()
    peak = pl.coalesce(
        *(
            pl.when(fmt == name).then(_greatest(cols, present))
            for name, cols in FORMAT_PEAKS.items()
        ),
        _greatest(ANY_FORMAT, present),
    )
    wanted = {c for cols in FORMAT_PEAKS.values() for c in cols} | set(ANY_FORMAT)
    peaks = hardware.select("hardware_id", *sorted(wanted & present))
    checked = (
        models.filter(
            ~pl.col("hardware_ids").str.contains(",")
            & pl.all_horizontal(
                pl.col(c).is_not_null()
                for c in ("training_compute_flop", "hardware_quantity", "training_time_s")
            )
        )
        .join(peaks, on="hardware_id", how="inner")
        .with_columns(peak_flop_per_s=peak)
        .filter(pl.col("peak_flop_per_s") > 0)
    )
    capacity = pl.col("hardware_quantity") * pl.col("peak_flop_per_s") * pl.col("training_time_s")
    return checked.select(
        "model_id",
        "name",
        "hardware_id",
        "hardware_quantity",
        "training_time_s",
        "numerical_format",
        "peak_flop_per_s",
        "model_flop_utilisation",
        "base_model",
        implied_utilisation=pl.col("training_compute_flop") / capacity,
    ).sort("model_id")


def _reason(row: dict) -> str:
    """Why a model's stated compute is more than its stated hardware could do."""
    text = (
        f"the stated compute is {row['implied_utilisation']:.3g}x what "
        f"{row['hardware_quantity']:g} x {row['hardware_id']} can do at "
        f"{row['peak_flop_per_s']:.4g} FLOP/s "
        f"({row['numerical_format'] or 'format not stated: greatest 16/32-bit peak'}) in "
        f"{row['training_time_s'] / 3600:.4g} h"
    )
    if row["base_model"]:
        text += (
            f"; a fine-tune of {row['base_model']}: its compute includes the base model's "
            "training, its hardware and time are the fine-tune's"
        )
    return text


def physically_implausible(models: pl.DataFrame, hardware: pl.DataFrame) -> pl.DataFrame:
    """Per model of `models`: `implied_utilisation` (null where it cannot be computed),
    `is_physically_implausible` (above 1: the stated compute is more than the stated chips
    could do at peak in the stated time) and `implausible_reason` saying so, with the fine-tune
    explanation where a base model is named (Epoch's compute then includes the base model's
    training; the hardware and time are the fine-tune's)."""
    implied = implied_utilisation(models, hardware)
    above = implied.filter(pl.col("implied_utilisation") > 1)
    reasons = pl.Series([_reason(row) for row in above.iter_rows(named=True)], dtype=pl.String)
    flags = implied.select("model_id", "implied_utilisation").join(
        above.select(
            "model_id", is_physically_implausible=pl.lit(True), implausible_reason=reasons
        ),
        on="model_id",
        how="left",
    )
    return (
        models.select("model_id")
        .join(flags, on="model_id", how="left")
        .with_columns(pl.col("is_physically_implausible").fill_null(False))
    )


def hardware_time(models: pl.DataFrame, hardware: pl.DataFrame) -> pl.DataFrame:
    """Models trained on one kind of chip, fine-tunes left out: `implied_utilisation` =
    compute / (chips x peak x time) (`implied_utilisation`); `outlier` where it exceeds 1
    (more compute than the hardware can do), is below 0.01, or differs from a stated MFU by
    more than a factor 2."""
    return (
        implied_utilisation(models, hardware)
        .filter(pl.col("base_model").is_null())
        .drop("numerical_format", "base_model")
        .with_columns(
            outlier=(pl.col("implied_utilisation") > 1)
            | (pl.col("implied_utilisation") < 0.01)
            # only where Epoch states an MFU to compare with
            | (
                ~within(pl.col("implied_utilisation") / pl.col("model_flop_utilisation"), 2.0)
            ).fill_null(False)
        )
    )

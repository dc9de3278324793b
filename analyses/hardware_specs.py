"""Specs as the vendor states them: which upstream statements core.hardware does not take.

Every source's value stays in `core.hardware_spec` as evidence; a value judged wrong is marked
`is_rejected` with its reason, and a vendor's figure from a datasheet is added as a statement
of the `vendor_datasheet` source, which ranks first. Three kinds of judgement:

- **Vector FP16 is not tensor FP16.** Vector units compute FP16 at most twice as fast as FP32,
  so an 'FP16' figure above that is a tensor/matrix one (TechPowerUp's T4, Epoch's MI300X):
  it is rejected as `fp16_flop_per_s` and kept as `fp16_tensor_flop_per_s`.
- **Tensor FP16 is not BF16.** Epoch's 'Tensor-FP16/BF16' column holds each chip's 16-bit
  tensor figure: it is always `fp16_tensor_flop_per_s`, and `bf16_flop_per_s` only where the
  chip computes BF16. NVIDIA's tensor cores gained BF16 with Ampere (A100 whitepaper, 2020):
  Volta (V100, Titan V) and Turing (T4, RTX 20, Quadro RTX, Titan RTX) have none. A GeForce
  card's tensor figure is with FP16 accumulate (Ampere GA102 and Ada whitepapers), which is
  not its BF16 rate: GeForce cards keep no BF16 figure rather than a wrong one.
- **Curated corrections** (data/curated/hardware_spec_corrections.csv): a vendor datasheet
  that says otherwise (`set`), or a value that cannot be right and has no better figure
  (`reject`): placeholders, per-instance values stated per chip, figures scaled from another
  chip. Every row cites its source.
"""

from __future__ import annotations

import re

import polars as pl

from schemas import HARDWARE

DATASHEET_SOURCE = "vendor_datasheet"
# Sources whose bf16 column is Epoch's 'Tensor-FP16/BF16' (a 16-bit tensor figure).
TENSOR_16BIT_SOURCES = ("epoch_hardware", "epoch_chips")
_NO_BF16 = re.compile(
    r"^nvidia-(.*-)?(v100\w*|titan-v|gv100|t4|tesla-t4|rtx-20\d\d\w*|titan-rtx|quadro-rtx\w*|"
    r"gtx-16\d\d\w*)(-|$)"
)
NO_BF16_REASON = (
    "the chip has no BF16: NVIDIA added BF16 to tensor cores with Ampere (NVIDIA A100 Tensor "
    "Core GPU Architecture whitepaper, 2020); Volta and Turing tensor cores compute FP16 only. "
    "The figure is kept as fp16_tensor_flop_per_s"
)
GEFORCE_REASON = (
    "a GeForce card's 16-bit tensor figure is FP16 with FP16 accumulate; its BF16 rate (FP32 "
    "accumulate) is not that figure (NVIDIA Ampere GA102 and Ada Lovelace whitepapers, "
    "appendix tables). Kept as fp16_tensor_flop_per_s; no BF16 figure is stated"
)


VECTOR_FP16_MAX_RATIO = 2.05  # packed half precision: 2x FP32, with rounding in the figures
MATRIX_FP16_REASON = (
    "more than twice the record's FP32 figure: vector units compute FP16 at most twice as fast "
    "as FP32 (packed half precision), so this is a tensor/matrix figure; it is kept as "
    "fp16_tensor_flop_per_s where the record states no tensor figure"
)


def lacks_bf16(hardware_id: str) -> str | None:
    """Why a chip's 16-bit tensor figure is not a BF16 figure, or None."""
    if _NO_BF16.match(hardware_id):
        return NO_BF16_REASON
    if hardware_id.startswith("nvidia-geforce-"):
        return GEFORCE_REASON
    return None


def tensor_fp16_rows(spec: pl.DataFrame) -> pl.DataFrame:
    """`fp16_tensor_flop_per_s` statements: the 16-bit tensor column of Epoch's sources, and
    an 'FP16' figure that can only be a matrix one (`matrix_fp16`) where the record states no
    tensor figure."""
    epoch = spec.filter(
        (pl.col("attribute") == "bf16_flop_per_s") & pl.col("source").is_in(TENSOR_16BIT_SOURCES)
    )
    record = ["hardware_id", "source", "row_number"]
    matrix = matrix_fp16(spec).join(epoch.select(record), on=record, how="anti")
    return pl.concat([epoch, matrix]).with_columns(
        attribute=pl.lit("fp16_tensor_flop_per_s"), unit=pl.lit("FLOP/s")
    )


def matrix_fp16(spec: pl.DataFrame) -> pl.DataFrame:
    """`fp16_flop_per_s` statements above `VECTOR_FP16_MAX_RATIO` x the same record's FP32
    figure: vector units compute FP16 at most twice as fast as FP32 (packed half precision),
    so such a figure is a tensor/matrix one (T4 65 TFLOPS against 8.1 FP32; MI300X 1,307
    against 163; TechPowerUp's H100 SXM 268 against 67)."""
    record = ["hardware_id", "source", "row_number"]
    fp32 = spec.filter(pl.col("attribute") == "fp32_flop_per_s").select(*record, fp32="value")
    return (
        spec.filter(pl.col("attribute") == "fp16_flop_per_s")
        .join(fp32, on=record)
        .filter(pl.col("value") > VECTOR_FP16_MAX_RATIO * pl.col("fp32"))
        .drop("fp32")
    )


def judge(spec: pl.DataFrame, corrections: pl.DataFrame, sha256: str) -> pl.DataFrame:
    """`corrections`: data/curated/hardware_spec_corrections.csv (hardware_id, attribute ('*' =
    every numeric one), action (set/reject), value, rejects_source ('*' = every source),
    reason, citation, row_number). `core.hardware_spec` rows with the tensor FP16 statements added, rule and curated
    rejections marked (`is_rejected`, `rejected_reason`) and datasheet values added as
    `vendor_datasheet` statements (`sha256` of the corrections file, its row number)."""
    matrix = matrix_fp16(spec).select("hardware_id", "source", "row_number", is_matrix=True)
    spec = pl.concat([spec, tensor_fp16_rows(spec)], how="vertical_relaxed").join(
        matrix, on=["hardware_id", "source", "row_number"], how="left"
    )
    bf16 = pl.col("attribute") == "bf16_flop_per_s"
    rule = pl.col("hardware_id").map_elements(lacks_bf16, return_dtype=pl.String)
    judged = spec.with_columns(
        rejected_reason=pl.when(bf16)
        .then(rule)
        .when((pl.col("attribute") == "fp16_flop_per_s") & pl.col("is_matrix").fill_null(False))
        .then(pl.lit(MATRIX_FP16_REASON))
        .otherwise(pl.lit(None, pl.String))
    )
    # One column update per correction: the first reason found stays.
    for row in corrections.iter_rows(named=True):
        hits = pl.col("hardware_id") == row["hardware_id"]
        if row["attribute"] != "*":
            hits &= pl.col("attribute") == row["attribute"]
        else:
            hits &= pl.col("value").is_not_null()
        if row["rejects_source"] != "*":
            hits &= pl.col("source") == row["rejects_source"]
        cited = f"{row['reason']} ({row['citation']})"
        judged = judged.with_columns(
            rejected_reason=pl.when(hits & pl.col("rejected_reason").is_null())
            .then(pl.lit(cited))
            .otherwise(pl.col("rejected_reason"))
        )
    judged = judged.with_columns(is_rejected=pl.col("rejected_reason").is_not_null()).drop(
        "is_matrix"
    )
    datasheet = corrections.filter(pl.col("action") == "set").select(
        "hardware_id",
        "attribute",
        "value",
        "row_number",
        source=pl.lit(DATASHEET_SOURCE),
        sha256=pl.lit(sha256),
        source_hardware_id="hardware_id",
        unit=pl.col("attribute").map_elements(HARDWARE.unit, return_dtype=pl.String),
        value_text=pl.lit(None, pl.String),
        is_rejected=pl.lit(False),
        rejected_reason=pl.lit(None, pl.String),
    )
    return pl.concat([judged, datasheet], how="diagonal_relaxed")

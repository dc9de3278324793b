"""What a frontier training run pays per PFLOP/s-day, by year and basis.

A frontier run rents thousands of datacenter accelerators in multi-accelerator nodes, so its
price is not the cheapest consumer card of a community cloud. The rule, applied to
`core.hardware` and `core.cloud_price`:

- *datacenter class* (`is_datacenter`): a GPU, TPU, ASIC or NPU whose name carries none of
  the consumer or workstation product lines (`CONSUMER`: GeForce, TITAN, Quadro, RTX
  workstation cards, Radeon graphics cards, Arc) and is not an inference-only part
  (`INFERENCE_ONLY`: AWS Inferentia, whose documentation offers it for inference; Google's
  TPU v1 and TPU v4i, inference chips by Jouppi et al., ISCA 2017 and ISCA 2021);
- *training class*: a stated TDP of at least `MIN_TDP_W` (250 W; the inference cards T4 70 W,
  L4 72 W, A10 150 W and ASICs such as Kunlun R100 75-100 W fall below, every SXM/OAM training
  part and the V100 PCIe 250 W stay above); a chip without a stated TDP is not excluded by
  this, nor is a TPU: TPUs draw less per chip (v3 220 W, v4 170 W) and their pods trained
  frontier models;
- *multi-accelerator node*: a quote of an instance with at least `min_accelerators`
  accelerators (8: one HGX/DGX board); quotes stating no count do not qualify, except a TPU's:
  Google prices TPUs per chip-hour of a pod slice, chips a run only gets in multi-chip hosts
  joined into pods (Gemini 1.0 was trained on TPUv4 and TPUv5e pods, Gemini Team 2023);
- *never suspect* (`core.cloud_price.is_suspect`).

The price of a year and pricing model is the `quantile` of the providers' cheapest eligible
$/PFLOP/s-day that year (each provider once), at `utilisation` of peak and times
`cluster_overhead`, with the number of providers and the cheapest eligible quote as its trace.
The purchase basis: the cheapest amortised launch price of a datacenter-class chip released by
that year.
"""

from __future__ import annotations

import polars as pl

from analyses.price_performance import PFLOP, peak_column

CONSUMER = r"(?i)\b(geforce|titan|quadro|rtx|radeon|arc)\b"
INSTINCT = r"(?i)\binstinct\b"  # AMD's datacenter line, named "Radeon Instinct" until 2020
INFERENCE_ONLY = r"(?i)\binferentia|\btpu v(1|4i)\b"
KINDS = ("gpu", "tpu", "asic", "npu")
MIN_TDP_W = 250.0
TRACE = (
    "hardware_id",
    "priced_on",
    "usd_per_accelerator_hour",
    "accelerators_per_instance",
    "provider",
    "region",
    "instance_type",
    "source",
    "sha256",
    "row_number",
)


def is_datacenter() -> pl.Expr:
    """Over `core.hardware` columns `name`, `kind` and `tdp_w`: the datacenter-class rule."""
    name = pl.col("name").fill_null("")
    return (
        pl.col("kind").is_in(KINDS)
        & (~name.str.contains(CONSUMER) | name.str.contains(INSTINCT))
        & ~name.str.contains(INFERENCE_ONLY)
        & ((pl.col("kind") == "tpu") | pl.col("tdp_w").is_null() | (pl.col("tdp_w") >= MIN_TDP_W))
    )


def rented(
    cloud_price: pl.DataFrame,
    hardware: pl.DataFrame,
    *,
    precision: str,
    utilisation: float,
    cluster_overhead: float,
    min_accelerators: float,
    quantile: float,
) -> pl.DataFrame:
    """Per year and cloud basis: `usd_per_pflop_day` (the quantile over providers),
    `cheapest_usd_per_pflop_day`, `n_providers`, `n_suspect_excluded` and the cheapest
    eligible quote's TRACE columns."""
    peak = peak_column(precision)
    chips = hardware.filter(is_datacenter() & pl.col(peak).is_not_null()).select(
        "hardware_id", "kind", peak_flop_per_s=pl.col(peak)
    )
    quotes = (
        cloud_price.filter(pl.col("usd_per_accelerator_hour").is_not_null())
        .join(chips, on="hardware_id")
        .filter(
            (pl.col("accelerators_per_instance") >= min_accelerators) | (pl.col("kind") == "tpu")
        )
        .with_columns(
            year=pl.col("observed_at").dt.year().cast(pl.Int64),
            basis=pl.lit("cloud_") + pl.col("pricing"),
            priced_on=pl.col("observed_at").dt.date(),
            price_usd_per_pflop_day=pl.col("usd_per_accelerator_hour")
            * 24
            / (pl.col("peak_flop_per_s") * utilisation / PFLOP)
            * cluster_overhead,
        )
    )
    group = ["year", "basis"]
    suspect = quotes.filter(pl.col("is_suspect")).group_by(group).agg(n_suspect_excluded=pl.len())
    trusted = quotes.filter(~pl.col("is_suspect"))
    robust = (
        trusted.group_by([*group, "provider"])
        .agg(pl.col("price_usd_per_pflop_day").min())
        .group_by(group)
        .agg(
            usd_per_pflop_day=pl.col("price_usd_per_pflop_day").quantile(
                quantile, interpolation="linear"
            ),
            n_providers=pl.len(),
        )
    )
    cheapest = (
        trusted.sort("price_usd_per_pflop_day", "hardware_id", "source", "sha256", "row_number")
        .unique(group, keep="first", maintain_order=True)
        .select(
            *group, *TRACE, "peak_flop_per_s", cheapest_usd_per_pflop_day="price_usd_per_pflop_day"
        )
    )
    return (
        robust.join(cheapest, on=group)
        .join(suspect, on=group, how="left")
        .with_columns(pl.col("n_suspect_excluded").fill_null(0))
        .sort("basis", "year")
    )

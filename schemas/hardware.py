"""Accelerator tables."""

import pandera.polars as pa
import polars as pl

from schemas.columns.declare import column
from schemas.table import Table, optional, shared

# What a spec source can say about a chip, in SI units: the attribute columns of a spec
# record (one upstream record, wide) and the `attribute` values of `core.hardware_spec` (long).
SPEC_ATTRIBUTES = (
    "kind",
    "released_on",
    "memory_bytes",
    "memory_bandwidth_bytes_per_s",
    "tdp_w",
    "process_size_m",
    "die_area_m2",
    "transistor_count",
    "fp64_flop_per_s",
    "fp32_flop_per_s",
    "tf32_flop_per_s",
    "fp16_flop_per_s",
    "fp16_tensor_flop_per_s",
    "bf16_flop_per_s",
    "fp8_flop_per_s",
    "int8_op_per_s",
    "launch_price_usd",
    "datasheet_url",
)
TEXT_ATTRIBUTES = ("name", "vendor", "kind", "released_on", "datasheet_url")
PRECISIONS = ("fp64", "fp32", "tf32", "fp16", "fp16_tensor", "bf16", "fp8", "int8")

HARDWARE = Table(
    "core",
    "hardware",
    "One row per accelerator (GPU, TPU, NPU, ASIC) with release date, memory, power, "
    "peak throughput per precision and launch price, in SI units.",
    {
        **shared(
            "hardware_id",
            "vendor",
            "name",
            "kind",
            "released_on",
            "memory_bytes",
            "memory_bandwidth_bytes_per_s",
            "tdp_w",
            "fp64_flop_per_s",
            "fp32_flop_per_s",
            "tf32_flop_per_s",
            "fp16_flop_per_s",
            "bf16_flop_per_s",
            "fp8_flop_per_s",
            "int8_op_per_s",
            "launch_price_usd",
            "process_size_m",
            "die_area_m2",
            "transistor_count",
            "datasheet_url",
            "source",
        ),
        "sources": column(
            pl.String,
            "Every source that describes the chip, in precedence order, comma-separated; the "
            "values behind each column are in core.hardware_spec.",
            nullable=False,
        ),
        **shared("fp16_tensor_flop_per_s"),
        "is_family": column(
            pl.Boolean,
            "The id names a product family (several form factors or memory sizes, e.g. "
            "'NVIDIA A100'), not one product: its specs are what the source states for the "
            "family, and a price on it does not say which variant was rented.",
            nullable=False,
        ),
    },
    key=("hardware_id",),
)

# One upstream record of a spec source, conformed (not a warehouse table: records are
# validated in this shape, then melted into core.hardware_spec).
SPEC_RECORD = Table(
    "staging",
    "hardware_spec_record",
    "One upstream record of a hardware spec source, in SI units.",
    shared("hardware_id", "name", "vendor", *SPEC_ATTRIBUTES, "source", "sha256", "row_number"),
    key=("hardware_id",),
)

HARDWARE_SPEC = Table(
    "core",
    "hardware_spec",
    "Every attribute value of every accelerator as each source states it, in SI units: "
    "the evidence core.hardware is derived from.",
    {
        **shared("hardware_id"),
        "attribute": column(
            pl.String,
            "Which attribute: a column name of core.hardware (e.g. 'bf16_flop_per_s').",
            nullable=False,
            checks=[pa.Check.isin(["name", "vendor", *SPEC_ATTRIBUTES])],
        ),
        "value": column(pl.Float64, "The value of a numeric attribute, in `unit`."),
        "value_text": column(
            pl.String, "The value of a text attribute (name, vendor, kind, dates as ISO text)."
        ),
        **shared("unit", "source", "sha256", "row_number"),
        "source_hardware_id": column(
            pl.String,
            "The id the source's own spelling gives (differs from hardware_id where "
            "meta.hardware_merge merged it into another).",
            nullable=False,
        ),
        "is_rejected": column(
            pl.Boolean,
            "The value is kept as evidence but not used in core.hardware (see rejected_reason).",
            nullable=False,
        ),
        "rejected_reason": column(
            pl.String,
            "Why the value is not used: a vendor datasheet that says otherwise, a placeholder, "
            "a precision the chip does not support; with the citation.",
        ),
    },
    key=("hardware_id", "attribute", "source", "row_number"),
)

HARDWARE_MERGE = Table(
    "meta",
    "hardware_merge",
    "Ids of one product that sources spell differently, merged into one hardware_id, each "
    "with the rule and reason (analyses/hardware_identity.py, data/curated/hardware_merges.csv).",
    {
        "from_id": column(
            pl.String, "The id a source's spelling gives, merged away.", nullable=False
        ),
        "to_id": column(pl.String, "The hardware_id it is merged into.", nullable=False),
        "rule": column(
            pl.String,
            "Which rule merged it: curated, brand_rename, codename, footnote or memory_variant.",
            nullable=False,
            checks=[
                pa.Check.isin(["curated", "brand_rename", "codename", "footnote", "memory_variant"])
            ],
        ),
        "reason": column(pl.String, "Why they are one product, with evidence.", nullable=False),
    },
    key=("from_id",),
)

HARDWARE_ALIAS = Table(
    "core",
    "hardware_alias",
    "Every spelling of an accelerator seen in any dataset of the project, resolved to its "
    "canonical hardware_id, with how it was resolved.",
    {
        **shared("alias", "hardware_id", "source", "context", "occurrences"),
        "method": column(
            pl.String,
            "How the spelling was resolved: exact (same id), tokens (the only chip whose name "
            "has all its words), closest (of several, the base product: the one adding fewest "
            "words), family (the product family, when the form factor is not stated), or "
            "curated (a documented entry in data/curated/hardware_aliases.csv), or merged (a "
            "spec source's own name, whose id meta.hardware_merge merged into this one).",
            nullable=False,
            checks=[pa.Check.isin(["exact", "tokens", "closest", "family", "curated", "merged"])],
        ),
        "is_ambiguous": column(
            pl.Boolean,
            "The spelling names a product family, not one product (e.g. 'A100' without form "
            "factor or memory): hardware_id is the family's, never a guessed variant.",
            nullable=False,
        ),
        **shared("candidates"),
    },
    key=("alias", "source", "context"),
)

BASES = (
    "launch_price",
    "purchase",
    "cloud_on_demand",
    "cloud_spot",
    "cloud_reserved_1y",
    "cloud_reserved_3y",
    "cloud_marketplace",
)

PRICE_PERFORMANCE = Table(
    "analysis",
    "price_performance",
    "Peak throughput per dollar for each accelerator and precision, by price basis: at launch "
    "price, at each date's cheapest observed purchase price, and for each date the cheapest "
    "cloud price of each pricing model.",
    {
        **shared("hardware_id"),
        "precision": column(
            pl.String,
            "Number format of the peak throughput: fp64, fp32, tf32, fp16, bf16 (16-bit "
            "tensor), fp8 or int8.",
            nullable=False,
            checks=[pa.Check.isin(list(PRECISIONS))],
        ),
        "basis": column(
            pl.String,
            "Which price: launch_price (list price at release), purchase (the cheapest "
            "observed purchase price that day in core.hardware_price: one unit's, or a "
            "chip's share of a system's; estimates left out) or cloud_<pricing> (the "
            "cheapest cloud price per accelerator-hour that day, any provider and region: "
            "cloud_on_demand, cloud_spot, cloud_reserved_1y, cloud_reserved_3y, "
            "cloud_marketplace).",
            nullable=False,
            checks=[pa.Check.isin(list(BASES))],
        ),
        "priced_on": column(
            pl.Date,
            "Date the price applied: the release date for a launch price, the observation "
            "date for a purchase or cloud price.",
            nullable=False,
        ),
        **shared("released_on"),
        "peak_flop_per_s": column(
            pl.Float64, "Peak dense throughput at this precision (OP/s for int8).", "FLOP/s"
        ),
        "price_usd": column(
            pl.Float64,
            "The purchase price used (launch or purchase basis), nominal US dollars.",
            "USD",
        ),
        **shared("usd_per_accelerator_hour"),
        "flop_per_s_per_usd": column(
            pl.Float64,
            "Peak throughput per dollar of purchase price; null for hourly (cloud) prices.",
            "FLOP/s/USD",
        ),
        "usd_per_pflop_day": column(
            pl.Float64,
            "Dollars per PFLOP/s sustained for a day: usd_per_accelerator_hour x 24 / (peak "
            "PFLOP/s x utilisation). Null for a purchase price, which needs an amortisation "
            "period (see overhang estimates).",
            "USD/(PFLOP/s*day)",
        ),
        "utilisation": column(
            pl.Float64,
            "Share of peak throughput assumed achieved for usd_per_pflop_day; 1.0 means the "
            "figure is at peak (the default), not at a realistic utilisation.",
            checks=[pa.Check.gt(0), pa.Check.le(1)],
        ),
        **optional("provider"),
        **shared("region", "instance_type"),
        # which upstream quote the cloud or purchase price is (null for launch prices)
        **optional("source"),
        **optional("sha256"),
        **optional("row_number"),
        # cloud rows: the day's robust figure for the chip over providers (null for launch)
        **shared(
            "robust_usd_per_pflop_day",
            "n_providers",
            "is_single_provider",
            "n_suspect_excluded",
        ),
    },
    key=("hardware_id", "precision", "basis", "priced_on"),
)

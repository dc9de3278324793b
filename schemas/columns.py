"""Columns declared once: name, dtype, unit, description and value checks.

A column means the same thing in every table that lists it (`hardware_id`, `source`, ...).
Tables in this package pick columns from `COLUMNS` by name; DuckDB DDL, COMMENT ON, the
Dagster column schema and `meta.data_dictionary` are all generated from these declarations.
"""

from __future__ import annotations

from datetime import date

import pandera.polars as pa
import polars as pl

UTC_TIMESTAMP = pl.Datetime("us", "UTC")

# Plausible bounds catch unit mix-ups (TFLOPS given where FLOP/s is expected) as well as
# zero or negative values. They are wide on purpose, from a 1986 ATI display card (32 KB at
# 40 MB/s) to a wafer-scale chip (Cerebras WSE-3: 21 PB/s of on-chip SRAM bandwidth).
FLOP_PER_S_RANGE = (1e9, 1e19)
MEMORY_BYTES_RANGE = (1e4, 1e14)
BANDWIDTH_RANGE = (1e7, 1e17)
KINDS = ["gpu", "tpu", "npu", "asic", "fpga", "cpu", "other"]


def column(
    dtype: type[pl.DataType] | pl.DataType,
    description: str,
    unit: str | None = None,
    *,
    nullable: bool = True,
    checks: list[pa.Check] | None = None,
) -> pa.Column:
    """A pandera column carrying its unit in metadata (read back by `unit_of`)."""
    return pa.Column(
        dtype,
        checks=checks or [],
        nullable=nullable,
        description=description,
        metadata={"unit": unit},
    )


def in_range(low: float, high: float) -> list[pa.Check]:
    return [pa.Check.in_range(low, high)]


def unit_of(col: pa.Column) -> str | None:
    return (col.metadata or {}).get("unit")


def _peak(precision: str) -> pa.Column:
    return column(
        pl.Float64,
        f"Peak {precision} throughput of one accelerator, dense (no sparsity), per second.",
        "FLOP/s",
        checks=in_range(*FLOP_PER_S_RANGE),
    )


COLUMNS: dict[str, pa.Column] = {
    # --- shared identifiers and provenance ---
    "hardware_id": column(
        pl.String,
        "Canonical accelerator id: a lower-case slug of the vendor's product name "
        "(e.g. 'nvidia-h100-sxm5-80gb'); every source's spelling resolves to it.",
        nullable=False,
        checks=[pa.Check.str_matches(r"^[a-z0-9]+(-[a-z0-9.]+)*$")],
    ),
    "source": column(
        pl.String,
        "Upstream source the row came from (a module name in sources/, e.g. 'epoch_hardware').",
        nullable=False,
    ),
    "sha256": column(
        pl.String,
        "SHA-256 of the raw upstream file version the row was read from.",
        nullable=False,
        checks=[pa.Check.str_matches(r"^[0-9a-f]{64}$")],
    ),
    "row_number": column(
        pl.Int64,
        "1-based number of the row read from the upstream file version (header excluded): a "
        "record, or for price tables one price quote (record_number says which record).",
        nullable=False,
        checks=[pa.Check.ge(1)],
    ),
    "run_id": column(pl.String, "Dagster run that wrote the row (null outside Dagster)."),
    "unit": column(pl.String, "Unit of the values (null for identifiers, counts and text)."),
    "context": column(
        pl.String,
        "Where in the upstream record the value was found (a column or key name).",
        nullable=False,
    ),
    "occurrences": column(
        pl.Int64, "How many upstream records carry it.", nullable=False, checks=[pa.Check.ge(1)]
    ),
    # --- accelerators ---
    "candidates": column(
        pl.String, "Canonical ids the spelling could mean, comma-separated, when ambiguous."
    ),
    "alias": column(
        pl.String, "A spelling of an accelerator exactly as a source writes it.", nullable=False
    ),
    "vendor": column(pl.String, "Designer or vendor of the accelerator (e.g. NVIDIA, Google)."),
    "name": column(
        pl.String,
        "Name of the product (accelerator or model) as the source spells it.",
        nullable=False,
    ),
    "kind": column(
        pl.String,
        "Kind of chip: gpu, tpu, npu, asic, fpga, cpu, or other where the source says so.",
        checks=[pa.Check.isin(KINDS)],
    ),
    "released_on": column(
        pl.Date,
        "Release or announcement date.",
        checks=[pa.Check.in_range(date(1980, 1, 1), date(2035, 12, 31))],
    ),
    "memory_bytes": column(
        pl.Float64, "On-board memory per accelerator.", "B", checks=in_range(*MEMORY_BYTES_RANGE)
    ),
    "memory_bandwidth_bytes_per_s": column(
        pl.Float64,
        "Peak memory bandwidth per accelerator.",
        "B/s",
        checks=in_range(*BANDWIDTH_RANGE),
    ),
    "tdp_w": column(
        pl.Float64, "Thermal design power of one accelerator.", "W", checks=in_range(1, 1e5)
    ),
    "fp64_flop_per_s": _peak("FP64 (double precision)"),
    "fp32_flop_per_s": _peak("FP32 (single precision, non-tensor)"),
    "tf32_flop_per_s": _peak("TF32 tensor"),
    "fp16_flop_per_s": _peak(
        "FP16 (half precision; vector units unless the chip has only matrix units)"
    ),
    "fp16_tensor_flop_per_s": _peak(
        "FP16 on tensor/matrix units (Epoch's 'Tensor-FP16/BF16', Wikipedia's 'Tensor compute "
        "(FP16)'; a GeForce card's figure is with FP16 accumulate)"
    ),
    "bf16_flop_per_s": _peak(
        "BF16 on tensor/matrix units, only for chips that support BF16 (none before NVIDIA "
        "Ampere: V100 and Turing cards have FP16 tensor cores only)"
    ),
    "fp8_flop_per_s": _peak("FP8 tensor"),
    "int8_op_per_s": column(
        pl.Float64,
        "Peak INT8 throughput of one accelerator, dense, in integer operations per second.",
        "OP/s",
        checks=in_range(*FLOP_PER_S_RANGE),
    ),
    "launch_price_usd": column(
        pl.Float64,
        "Price at launch (list or first reported), nominal US dollars.",
        "USD",
        checks=in_range(1, 1e7),
    ),
    "process_size_m": column(
        pl.Float64,
        "Manufacturing process node (e.g. 4e-9 for '4 nm'), as the vendor names it.",
        "m",
        checks=in_range(1e-9, 1e-5),
    ),
    "die_area_m2": column(
        pl.Float64, "Area of the (largest) die.", "m2", checks=in_range(1e-6, 0.1)
    ),
    "transistor_count": column(
        pl.Float64, "Number of transistors on the chip.", checks=in_range(1e5, 1e13)
    ),
    "datasheet_url": column(pl.String, "Link to the datasheet or announcement the source cites."),
    # --- ML models (Epoch AI) ---
    "model_id": column(
        pl.String,
        "Model id: a lower-case slug of the model's name as Epoch writes it (e.g. "
        "'gpt-3-175b-davinci'); a suffix of the name's hash tells apart names that slug alike.",
        nullable=False,
        checks=[pa.Check.str_matches(r"^[\w]+(-[\w]+)*$")],
    ),
    "organization": column(pl.String, "Developing organisation(s), comma-separated."),
    "organization_category": column(
        pl.String, "Sector of each organisation (Industry, Academia, ...), comma-separated."
    ),
    "country": column(pl.String, "Country (or countries) of the organisation(s), comma-separated."),
    "published_on": column(
        pl.Date,
        "Publication or release date of the model.",
        checks=[pa.Check.in_range(date(1940, 1, 1), date(2035, 12, 31))],
    ),
    "domain": column(pl.String, "Application domain(s), comma-separated (Language, Vision, ...)."),
    "task": column(
        pl.String,
        "Task: what a model does (Epoch, comma-separated) or a DAWNBench task "
        "(CIFAR10, ImageNet, SQuAD).",
    ),
    "accessibility": column(
        pl.String, "How the model can be used: open weights (terms), API access, unreleased, ..."
    ),
    "parameters": column(
        pl.Float64,
        "Trainable parameters (total parameters for mixture-of-experts models).",
        checks=[pa.Check.gt(0), pa.Check.lt(1e16)],
    ),
    "training_compute_flop": column(
        pl.Float64,
        "Total training compute, FLOP, as reported or estimated by Epoch AI.",
        "FLOP",
        checks=[pa.Check.gt(0), pa.Check.lt(1e31)],
    ),
    "training_compute_low_flop": column(
        pl.Float64,
        "Lower bound of the training compute estimate, FLOP (null where Epoch gives none).",
        "FLOP",
        checks=[pa.Check.gt(0), pa.Check.lt(1e31)],
    ),
    "training_compute_high_flop": column(
        pl.Float64,
        "Upper bound of the training compute estimate, FLOP (null where Epoch gives none).",
        "FLOP",
        checks=[pa.Check.gt(0), pa.Check.lt(1e31)],
    ),
    "confidence": column(
        pl.String,
        "Epoch's confidence in the compute, parameter and data estimates as a whole: "
        "Confident, Likely, Speculative, Unknown (Unverified in the large-scale list).",
    ),
    "compute_estimation_method": column(
        pl.String, "How Epoch estimated the compute (Operation counting, Hardware, Reported, ...)."
    ),
    "training_dataset_size": column(
        pl.Float64,
        "Training set size in datapoints (tokens for language models, images for vision).",
        checks=[pa.Check.gt(0)],
    ),
    "epochs": column(
        pl.Float64, "Passes over the training data.", checks=[pa.Check.gt(0), pa.Check.lt(1e7)]
    ),
    "training_time_s": column(
        pl.Float64,
        "Wall-clock training time, seconds (Epoch states hours).",
        "s",
        checks=[pa.Check.gt(0), pa.Check.lt(1e9)],
    ),
    "hardware_quantity": column(
        pl.Float64,
        "Accelerator chips used for training, counting every chip named in hardware_text.",
        checks=[pa.Check.gt(0), pa.Check.lt(1e8)],
    ),
    "hardware_ids": column(
        pl.String,
        "hardware_id of every chip named in hardware_text that resolves, comma-separated, in the "
        "order named.",
    ),
    "unresolved_hardware_text": column(
        pl.String,
        "Chips named in hardware_text that no alias resolves, comma-separated (see "
        "meta.unresolved_hardware); null when all resolve.",
    ),
    "model_flop_utilisation": column(
        pl.Float64,
        "Model FLOP utilisation (MFU) during training: achieved share of peak, 0 to 1.",
        checks=[pa.Check.gt(0), pa.Check.le(1)],
    ),
    "hardware_flop_utilisation": column(
        pl.Float64,
        "Hardware FLOP utilisation (HFU, counts recomputation), 0 to 1.",
        checks=[pa.Check.gt(0), pa.Check.le(1)],
    ),
    "training_cost_usd": column(
        pl.Float64,
        "Epoch's estimate of the final training run's cost, in constant 2023 US dollars.",
        "USD",
        checks=[pa.Check.gt(0), pa.Check.lt(1e12)],
    ),
    "training_cost_cloud_usd": column(
        pl.Float64,
        "Epoch's training cost estimate at cloud rental prices, USD.",
        "USD",
        checks=[pa.Check.gt(0), pa.Check.lt(1e12)],
    ),
    "training_cost_upfront_usd": column(
        pl.Float64,
        "Epoch's training cost estimate from hardware purchase (upfront capital), USD.",
        "USD",
        checks=[pa.Check.gt(0), pa.Check.lt(1e12)],
    ),
    "hardware_acquisition_cost_usd": column(
        pl.Float64,
        "Epoch's estimate of what buying the training hardware costs, USD (Epoch's 0.0 "
        "placeholder reads as null).",
        "USD",
        checks=[pa.Check.gt(0), pa.Check.lt(1e12)],
    ),
    "training_power_draw_w": column(
        pl.Float64,
        "Estimated power draw of the training cluster, watts.",
        "W",
        checks=[pa.Check.gt(0), pa.Check.lt(1e11)],
    ),
    "numerical_format": column(pl.String, "Training number format (FP32, FP16, BF16, FP8, ...)."),
    "base_model": column(pl.String, "For a fine-tuned or derived model, the base model's name."),
    "finetune_compute_flop": column(
        pl.Float64,
        "Compute used for fine-tuning on top of the base model, FLOP.",
        "FLOP",
        checks=[pa.Check.gt(0), pa.Check.lt(1e31)],
    ),
    "link": column(pl.String, "URL of the paper, post or report the record is based on."),
    "is_frontier_epoch": column(
        pl.Boolean,
        "Epoch's 'Frontier model' flag (in the top 10 by training compute when released); "
        "null where the record's file has no such column.",
    ),
    # --- prices ---
    "observed_at": column(
        UTC_TIMESTAMP,
        "When the upstream says the price applied (its price date, tick time or the date of "
        "the upstream version that listed it), not when flopbase loaded it.",
        nullable=False,
    ),
    "observed_on": column(
        pl.Date,
        "Date the upstream says the price applied.",
        nullable=False,
        checks=[pa.Check.in_range(date(1980, 1, 1), date(2035, 12, 31))],
    ),
    "provider": column(
        pl.String,
        "Cloud or marketplace provider, a lower-case id (aws, gcp, azure, lambda, runpod, ...).",
        nullable=False,
        checks=[pa.Check.str_matches(r"^[a-z0-9]+(_[a-z0-9]+)*$")],
    ),
    "region": column(
        pl.String,
        "Region as the upstream names it (us-east-1, us-central1, 'East US'; an availability "
        "zone id for AWS spot history); null where the upstream states none.",
    ),
    "instance_type": column(
        pl.String,
        "Provider's instance or machine type (p3.16xlarge, a2-highgpu-8g); null where the "
        "upstream prices an accelerator rather than an instance.",
    ),
    "hardware_text": column(
        pl.String,
        "The accelerator(s) as the upstream spells them (resolved to hardware_id through "
        "core.hardware_alias); null where the upstream names none or only an instance type.",
    ),
    "accelerators_per_instance": column(
        pl.Float64,
        "Accelerators in the priced instance (fractional for shared GPUs; counted in the "
        "units core.hardware specifies, e.g. K80 boards): the instance catalogue's count "
        "(analyses/cloud_instances.csv) where it lists the instance type, else the "
        "upstream's; null where unstated.",
        checks=[pa.Check.gt(0), pa.Check.le(1024)],
    ),
    "pricing": column(
        pl.String,
        "Pricing model: on_demand, spot (preemptible / low priority), reserved_1y, reserved_3y "
        "(committed use, effective hourly rate), or marketplace (cheapest offer of a provider "
        "on an aggregated GPU marketplace at that moment).",
        nullable=False,
        checks=[pa.Check.isin(["on_demand", "spot", "reserved_1y", "reserved_3y", "marketplace"])],
    ),
    "usd_per_hour": column(
        pl.Float64,
        "Price of the whole instance per hour, nominal USD (derived as per-accelerator price "
        "x accelerators when the upstream states only that).",
        "USD/h",
        checks=[pa.Check.gt(0), pa.Check.lt(1_000)],
    ),
    "usd_per_accelerator_hour": column(
        pl.Float64,
        "Price per accelerator per hour, nominal USD (derived as instance price / "
        "accelerators when the upstream states only that).",
        "USD/(accelerator*h)",
        checks=[pa.Check.gt(0), pa.Check.lt(100)],
    ),
    "first_seen_at": column(
        UTC_TIMESTAMP, "First observation of this value in the series.", nullable=False
    ),
    "last_seen_at": column(
        UTC_TIMESTAMP,
        "Last observation of this value before it changed (or the latest observation).",
        nullable=False,
    ),
    "observations": column(
        pl.Int64,
        "How many observations (upstream versions or ticks) stated this value in a row.",
        nullable=False,
        checks=[pa.Check.ge(1)],
    ),
    # judged quotes and the robust cloud figures (analyses/price_quality.py,
    # analyses/price_performance.py)
    "is_suspect": column(
        pl.Boolean,
        "True when the quote cannot be right by analyses/price_quality.py (a region priced "
        "without the accelerator charge, far off the offer's own history, or far below other "
        "providers' prices of the chip that month): kept as stated, but it never sets a "
        "cheapest or best figure.",
        nullable=False,
    ),
    "suspect_reason": column(
        pl.String,
        "Why the quote is suspect, with the figures compared ('; ' between several); null "
        "when it is not.",
    ),
    "robust_usd_per_pflop_day": column(
        pl.Float64,
        "25th percentile (linear interpolation) of the providers' cheapest non-suspect "
        "dollars per PFLOP/s-day over the same period: the price of the cheaper quarter of the "
        "market, which no single provider's quote moves far; equals the cheapest when one "
        "provider is behind it (see n_providers).",
        "USD/(PFLOP/s*day)",
        checks=[pa.Check.gt(0)],
    ),
    "n_providers": column(
        pl.Int64,
        "Independent providers with a non-suspect quote behind the robust figure.",
        checks=[pa.Check.ge(1)],
    ),
    "is_single_provider": column(
        pl.Boolean,
        "True when the figure rests on one provider's quotes only (n_providers = 1).",
    ),
    "n_suspect_excluded": column(
        pl.Int64,
        "Suspect quotes (core.cloud_price.is_suspect) of the same group left out of the "
        "cheapest and robust figures.",
        checks=[pa.Check.ge(0)],
    ),
    "record_number": column(
        pl.Int64,
        "1-based number of the upstream record the quote came from (CSV row, JSON line or "
        "array position, in file order).",
        nullable=False,
        checks=[pa.Check.ge(1)],
    ),
    "price_field": column(
        pl.String,
        "Upstream field holding the price, as a path (e.g. 'Spot', "
        "'cost.us-central1.hour_spot', 'pricing.us-east-1.linux.ondemand').",
        nullable=False,
    ),
}

# DAWNBench
_DAWNBENCH: dict[str, pa.Column] = {
    "entry_id": column(
        pl.String,
        "DAWNBench entry: the submission's JSON file path in the upstream repository without "
        "'.json' (e.g. 'ImageNet/train/fastai_pytorch').",
        nullable=False,
        checks=[pa.Check.str_matches(r"^(CIFAR10|ImageNet|SQuAD)/(train|inference)/[\w.+-]+$")],
    ),
    "submitted_on": column(
        pl.Date,
        "Submission date the entry states.",
        nullable=False,
        checks=[pa.Check.in_range(date(2017, 1, 1), date(2035, 12, 31))],
    ),
    "team": column(pl.String, "Submitting team or author as the entry names it."),
    "model": column(pl.String, "Model as the submitter names it (e.g. 'ResNet 50', 'BiDAF')."),
    "framework": column(pl.String, "Software framework(s) as the submitter names them."),
    "accelerator_count": column(
        pl.Int64,
        "Accelerator chips used: the count the hardware text states (a Cloud TPU is 4 chips, a "
        "TPU v2 Pod 256), else instances x accelerators per instance from core.cloud_price, "
        "else 1 for a chip named without a count; null where unknown or CPU only.",
        checks=[pa.Check.ge(1), pa.Check.le(100_000)],
    ),
    "instance_count": column(
        pl.Int64,
        "Cloud instances of instance_type used (16 for '16 p3.16xlarge'; 1 where the text names "
        "one without a count); null where no instance type is named.",
        checks=[pa.Check.ge(1), pa.Check.le(10_000)],
    ),
    "list_usd_per_hour": column(
        pl.Float64,
        "On-demand list price of the entry's instances per hour (instance_count x one "
        "instance's price) from core.cloud_price: the observation closest in time to "
        "submitted_on, cheapest region that day; null where core.cloud_price lacks the type.",
        "USD/h",
        checks=[pa.Check.gt(0), pa.Check.lt(100_000)],
    ),
    "list_price_on": column(
        pl.Date, "Date of the core.cloud_price observation list_usd_per_hour comes from."
    ),
    "list_price_region": column(
        pl.String, "Region of the core.cloud_price observation list_usd_per_hour comes from."
    ),
    "time_to_target_s": column(
        pl.Float64,
        "Training time to the task's quality target: the hours of the first curve row meeting "
        "target_value (the leaderboard's rule), validation time excluded; null for inference.",
        "s",
        checks=[pa.Check.gt(0), pa.Check.lt(1e7)],
    ),
    "epochs_to_target": column(
        pl.Float64,
        "Epoch of the first curve row meeting the target (fractional where the curve is); null "
        "for inference.",
        checks=[pa.Check.ge(0), pa.Check.lt(1e4)],
    ),
    "cost_usd": column(
        pl.Float64,
        "Training cost to the quality target: time_to_target_s in hours x usd_per_hour as the "
        "submitter states it (on-demand cloud price); null without one, and for inference.",
        "USD",
        checks=[pa.Check.gt(0), pa.Check.lt(1e6)],
    ),
    "latency_s": column(
        pl.Float64,
        "Inference latency per item (image or question) processed one at a time; null for "
        "training.",
        "s",
        checks=[pa.Check.gt(0), pa.Check.lt(60)],
    ),
    "cost_per_10k_inferences_usd": column(
        pl.Float64,
        "Inference cost of 10,000 items as the leaderboard ranks it (the submitter's cost per "
        "item x 10,000); null where not stated, and for training.",
        "USD",
        checks=[pa.Check.gt(0), pa.Check.lt(1e4)],
    ),
    "target_metric": column(
        pl.String,
        "Quality metric of the task: top1_accuracy (CIFAR10), top5_accuracy (ImageNet) or "
        "f1_score (SQuAD).",
        checks=[pa.Check.isin(["top1_accuracy", "top5_accuracy", "f1_score"])],
    ),
    "target_value": column(
        pl.Float64,
        "The leaderboard's threshold of target_metric, as a fraction: 0.94 (CIFAR10), 0.93 "
        "(ImageNet), 0.75 (SQuAD, as the upstream tests enforce; the README says 0.73).",
        checks=[pa.Check.in_range(0, 1)],
    ),
    "metric_value": column(
        pl.Float64,
        "Value of target_metric as a fraction: for a training entry at the first curve row "
        "meeting the target, for an inference entry as stated, for a curve row at that epoch.",
        checks=[pa.Check.in_range(0, 1)],
    ),
    "epoch": column(
        pl.Float64, "Training epoch of a curve row (can be fractional).", checks=[pa.Check.ge(0)]
    ),
    "elapsed_s": column(
        pl.Float64,
        "Wall-clock training time since the start at this curve row, validation excluded.",
        "s",
        checks=[pa.Check.ge(0), pa.Check.lt(1e7)],
    ),
    "top1_accuracy": column(
        pl.Float64,
        "Top-1 accuracy as a fraction (upstream percent / 100).",
        checks=[pa.Check.in_range(0, 1)],
    ),
    "top5_accuracy": column(
        pl.Float64,
        "Top-5 accuracy as a fraction (upstream percent / 100).",
        checks=[pa.Check.in_range(0, 1)],
    ),
    "f1_score": column(pl.Float64, "F1 score as a fraction.", checks=[pa.Check.in_range(0, 1)]),
    "is_first_at_target": column(
        pl.Boolean,
        "Whether this curve row is the first meeting the target (time to target is read here).",
        nullable=False,
    ),
    "baseline_entry_id": column(
        pl.String, "The entry compared against (see basis for which).", nullable=False
    ),
    "best_entry_id": column(
        pl.String, "The best entry of the comparison (see basis for which).", nullable=False
    ),
    "baseline_submitted_on": column(pl.Date, "Submission date of baseline_entry_id."),
    "best_submitted_on": column(pl.Date, "Submission date of best_entry_id."),
    "speedup": column(
        pl.Float64,
        "Baseline time / best time (time to target for training, latency for inference): 10 "
        "means ten times faster.",
        checks=[pa.Check.gt(0)],
    ),
    "cost_reduction": column(
        pl.Float64,
        "Baseline cost / best cost (cost_usd for training, cost_per_10k_inferences_usd for "
        "inference): 10 means a tenth of the cost; null where either states no cost.",
        checks=[pa.Check.gt(0)],
    ),
    "previous_entry_id": column(
        pl.String, "The record holder this entry beat on that frontier (null for the first)."
    ),
    "improvement": column(
        pl.Float64,
        "Previous record / this entry's value on that frontier (2 = halved the time or cost).",
        checks=[pa.Check.ge(1)],
    ),
    "is_current": column(
        pl.Boolean,
        "Whether the entry is still on that frontier after the last submission.",
        nullable=False,
    ),
}
assert not _DAWNBENCH.keys() & COLUMNS.keys(), "DAWNBench columns redeclare shared ones"
COLUMNS |= _DAWNBENCH

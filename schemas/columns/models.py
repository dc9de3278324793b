"""Columns of ML models (Epoch AI): identity, organisation, dates, domain and task,
parameters, training compute with its bounds, dataset, time, hardware, utilisation, cost,
power, base model and frontier flag."""

from __future__ import annotations

from datetime import date

import pandera.polars as pa
import polars as pl

from schemas.columns.declare import column

MODEL_COLUMNS: dict[str, pa.Column] = {
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
}

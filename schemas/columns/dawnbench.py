"""Columns of DAWNBench: entries (team, model, hardware, list price, time and cost to the target),
training curves, and progress and record frontiers."""

from __future__ import annotations

from datetime import date

import pandera.polars as pa
import polars as pl

from schemas.columns.declare import column

DAWNBENCH_COLUMNS: dict[str, pa.Column] = {
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

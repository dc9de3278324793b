"""DAWNBench tables: every submission with its time (or latency) and cost at the task's
quality target, the training curves, and the progress those entries show."""

import pandera.polars as pa
import polars as pl

from schemas.columns.declare import column
from schemas.table import Table, optional, shared

TRACE = ("source", "sha256", "row_number")
# The contract names this column `kind`, which elsewhere means an accelerator's kind (a shared
# column with other values): declared here, for the DAWNBench tables only.
ENTRY_KIND = {
    "kind": column(
        pl.String,
        "What a DAWNBench entry measures: train (time and cost to reach the quality target) "
        "or inference (latency and cost per item at the target quality).",
        nullable=False,
        checks=[pa.Check.isin(["train", "inference"])],
    )
}
BASES = ("time", "cost", "same_instance")
FRONTIERS = ("time", "cost", "time_and_cost")

DAWNBENCH_ENTRY = Table(
    "core",
    "dawnbench_entry",
    "Every DAWNBench submission that meets its task's quality target (the leaderboard's "
    "rule): time to target and cost for training, latency and cost per 10,000 items for "
    "inference, with the hardware resolved and the cloud list price of the instance type.",
    {
        **shared("entry_id", "task"),
        **ENTRY_KIND,
        **shared("submitted_on", "team", "model", "hardware_text"),
        # null where no alias resolves the text (CPU-only machines, unnamed TPU versions)
        **optional("hardware_id"),
        **shared("accelerator_count"),
        "accelerator_count_source": column(
            pl.String,
            "Where accelerator_count comes from: stated (the hardware text's count), "
            "instance_catalogue (instance_count x the instance type's accelerators in "
            "analyses/cloud_instances.csv), price_quote (x the accelerators a cloud price "
            "quote of the type states) or named_chip (one chip named, no instance).",
            checks=[pa.Check.isin(["stated", "instance_catalogue", "price_quote", "named_chip"])],
        ),
        **shared(
            "framework",
            "time_to_target_s",
            "epochs_to_target",
            "cost_usd",
            "latency_s",
            "cost_per_10k_inferences_usd",
            "target_metric",
            "target_value",
            "metric_value",
        ),
        "metric_rescaled_from": column(
            pl.Float64,
            "The quality as the entry writes it, where a fraction field was written on a "
            "0-100 scale and read as a percentage (an F1 or accuracy cannot exceed 1; "
            "FastFusionNet's SQuAD inference F1 82.52 is 0.8252); null otherwise.",
            checks=[pa.Check.gt(1), pa.Check.le(100)],
        ),
        **shared("instance_type"),
        **optional("provider"),
        **shared(
            "instance_count",
            "usd_per_hour",
            "list_usd_per_hour",
            "list_price_on",
            "list_price_region",
            *TRACE,
        ),
    },
    key=("entry_id",),
)

DAWNBENCH_CURVE = Table(
    "core",
    "dawnbench_curve",
    "Training progress of every DAWNBench training entry, one row per epoch as its TSV "
    "states it: elapsed time and accuracy, to plot convergence to the quality target.",
    {
        **shared(
            "entry_id",
            "epoch",
            "elapsed_s",
            "top1_accuracy",
            "top5_accuracy",
            "f1_score",
            "metric_value",
            "is_first_at_target",
            *TRACE,
        ),
    },
    key=("entry_id", "row_number"),
)

DAWNBENCH_PROGRESS = Table(
    "analysis",
    "dawnbench_progress",
    "How far DAWNBench entries improved on each task and kind: the baseline against the best "
    "entry in time and in cost, and on the same cloud instances over time.",
    {
        **shared("task"),
        **ENTRY_KIND,
        "basis": column(
            pl.String,
            "Which comparison: time (baseline = the fastest entry of the first submission "
            "date, best = the fastest), cost (the same among entries stating a cost, by cost), "
            "same_instance (entries on the same instance type and count: the fastest of its "
            "first date against its fastest).",
            nullable=False,
            checks=[pa.Check.isin(list(BASES))],
        ),
        **shared(
            "instance_type",
            "instance_count",
            "baseline_entry_id",
            "best_entry_id",
            "baseline_submitted_on",
            "best_submitted_on",
            "speedup",
            "cost_reduction",
        ),
    },
    key=("basis", "baseline_entry_id", "best_entry_id"),
)

DAWNBENCH_FRONTIER = Table(
    "analysis",
    "dawnbench_frontier",
    "The DAWNBench entries that moved a frontier when submitted: a new best time, a new best "
    "cost, or a time and cost no earlier entry matched in both (Pareto).",
    {
        **shared("task"),
        **ENTRY_KIND,
        "frontier": column(
            pl.String,
            "Which frontier: time (time to target or latency), cost (cost_usd or "
            "cost_per_10k_inferences_usd), time_and_cost (Pareto: no entry submitted on or "
            "before that date was at least as fast and as cheap, and better in one).",
            nullable=False,
            checks=[pa.Check.isin(list(FRONTIERS))],
        ),
        **shared(
            "entry_id",
            "submitted_on",
            "time_to_target_s",
            "cost_usd",
            "latency_s",
            "cost_per_10k_inferences_usd",
            "previous_entry_id",
            "improvement",
            "is_current",
        ),
    },
    key=("frontier", "entry_id"),
)

DAWNBENCH_TABLES = (DAWNBENCH_ENTRY, DAWNBENCH_CURVE, DAWNBENCH_PROGRESS, DAWNBENCH_FRONTIER)

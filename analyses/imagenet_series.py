"""Time and cost to train ImageNet to about 75-76% top-1, as one series: DAWNBench's ImageNet
training entries (2017-2020) and MLPerf Training's ResNet-50 results (2018 on), each point with
the quality target it was measured to.

- DAWNBench: top-5 accuracy >= 93% (`target_metric`, `target_value` of core.dawnbench_entry);
  the top-1 the curve states on the row where top-5 first met it is kept beside it (75.3% to
  77.2% for the 27 entries). Cost: hours x the on-demand price the submitter stated.
- MLPerf: closed division, available systems, with a score (analysis.mlperf_cost). Target:
  top-1 >= the `eval_target` the round's logs state (v0.5: 0.749), else
  `RESNET_TOP1_TARGET`. Cost: accelerator time x the robust cloud price on the round's date.

Records are of the combined series: a point is a record when it is the best of its date and
better than the best of every earlier date.
"""

from __future__ import annotations

import polars as pl

# MLPerf Training rules (mlcommons/training_policies, training_rules.adoc, "Benchmarks": Image
# classification, ImageNet, "75.90% classification"); v0.6 NVIDIA logs state
# accuracy_threshold 0.759 (data/snapshots/mlperf/*/PROVENANCE.md).
RESNET_TOP1_TARGET = 0.759
MLPERF_BENCHMARK = "resnet"
DAWNBENCH_TASK = "ImageNet"
MLPERF_RULES = "MLPerf Training rules, training_rules.adoc"


def dawnbench_points(entries: pl.DataFrame, curves: pl.DataFrame) -> pl.DataFrame:
    """DAWNBench ImageNet training entries (core.dawnbench_entry) as series points, with the
    top-1 of the curve row time to target is read at (core.dawnbench_curve)."""
    top1 = curves.filter(pl.col("is_first_at_target")).select(
        "entry_id", top1_accuracy_reached="top1_accuracy"
    )
    train = entries.filter((pl.col("task") == DAWNBENCH_TASK) & (pl.col("kind") == "train"))
    return train.join(top1, on="entry_id", how="left").select(
        series_source=pl.lit("dawnbench"),
        point_id="entry_id",
        reported_on="submitted_on",
        round=pl.lit(None, pl.String),
        hardware_id="hardware_id",
        accelerator_chips="accelerator_count",
        time_to_quality_s="time_to_target_s",
        cost_to_train_usd="cost_usd",
        cost_basis=pl.when(pl.col("cost_usd").is_not_null()).then(pl.lit("submitter_stated_price")),
        quality_target=pl.format(
            "DAWNBench ImageNet: {} >= {} (the leaderboard's target)",
            "target_metric",
            "target_value",
        ),
        target_metric="target_metric",
        target_value="target_value",
        top1_accuracy_reached="top1_accuracy_reached",
    )


def mlperf_points(costs: pl.DataFrame, results: pl.DataFrame) -> pl.DataFrame:
    """MLPerf ResNet-50 results with a score (analysis.mlperf_cost rows) as series points; the
    target the logs state (core.mlperf_result `eval_target`) or the rules', and the lowest
    final top-1 of the successful runs (`eval_accuracy`)."""
    runs = (
        results.filter((pl.col("benchmark") == MLPERF_BENCHMARK) & pl.col("is_success"))
        .group_by("system_id")
        .agg(
            logged_target=pl.col("eval_target").max(),
            top1_accuracy_reached=pl.col("eval_accuracy").min(),
        )
    )
    scored = costs.filter(
        (pl.col("benchmark") == MLPERF_BENCHMARK) & pl.col("score_s").is_not_null()
    )
    target = pl.coalesce("logged_target", pl.lit(RESNET_TOP1_TARGET))
    where = (
        pl.when(pl.col("logged_target").is_not_null())
        .then(pl.lit("eval_target of the round's logs"))
        .otherwise(pl.lit(MLPERF_RULES))
    )
    return scored.join(runs, on="system_id", how="left").select(
        series_source=pl.lit("mlperf"),
        point_id="system_id",
        reported_on="round_published_on",
        round="round",
        hardware_id="hardware_id",
        accelerator_chips="accelerator_chips",
        time_to_quality_s="score_s",
        cost_to_train_usd="cost_to_train_usd",
        cost_basis=pl.when(pl.col("cost_to_train_usd").is_not_null()).then(
            pl.lit("robust_cloud_price")
        ),
        quality_target=pl.format(
            "MLPerf {} ResNet-50: top1_accuracy >= {} ({})", "round", target, where
        ),
        target_metric=pl.lit("top1_accuracy"),
        target_value=target,
        top1_accuracy_reached=pl.when(pl.col("top1_accuracy_reached") <= 1).then(
            "top1_accuracy_reached"
        ),
    )


def _daily_best(points: pl.DataFrame, column: str) -> pl.DataFrame:
    """Per date with a value of `column`: its `best`, and the best of every earlier date
    (`before`)."""
    return (
        points.filter(pl.col(column).is_not_null())
        .group_by("reported_on")
        .agg(best=pl.col(column).min())
        .sort("reported_on")
        .with_columns(before=pl.col("best").cum_min().shift(1))
    )


def series(
    entries: pl.DataFrame, curves: pl.DataFrame, costs: pl.DataFrame, results: pl.DataFrame
) -> pl.DataFrame:
    """Rows of analysis.imagenet_series: DAWNBench and MLPerf points with their records (a
    point is the best of its date and better than the best of every earlier date)."""
    points = pl.concat(
        [dawnbench_points(entries, curves), mlperf_points(costs, results)], how="vertical_relaxed"
    )
    for column, flag in (
        ("time_to_quality_s", "is_time_record"),
        ("cost_to_train_usd", "is_cost_record"),
    ):
        daily = _daily_best(points, column)
        points = (
            points.join(daily, on="reported_on", how="left")
            .with_columns(
                pl.when(pl.col(column).is_not_null())
                .then(
                    (pl.col(column) == pl.col("best"))
                    & (pl.col("before").is_null() | (pl.col(column) < pl.col("before")))
                )
                .alias(flag)
            )
            .drop("best", "before")
        )
    return points.sort("reported_on", "series_source", "point_id")

"""The official-style MLPerf Training score of each system and benchmark, as the MLPerf result
summarizer computes it (mlcommons/logging, `_compute_strong_score_standalone` and
`_compute_olympic_average`): the successful runs' times sorted; `d` dropped at the fast end
(4 for unet3d, else 1) and `d - failed` at the slow end (a failed run counts as a slowest one
dropped); the mean of the rest. More than `d` failed runs: no score. A benchmark with result
logs missing upstream of us gets no score either (its runs are not all known)."""

from __future__ import annotations

import polars as pl

DROPPED_EACH_SIDE = {"unet3d": 4}
DEFAULT_DROPPED = 1
GROUP = ["system_id", "benchmark"]


def olympic_mean(times: list[float], failed: int, dropped: int) -> float | None:
    """The summarizer's olympic average of `times` (successful runs) with `failed` runs
    already out and `dropped` runs to drop at each end; None when none remain or too many
    failed."""
    if failed > dropped:
        return None
    kept = sorted(times)[dropped : len(times) - (dropped - failed)]
    return sum(kept) / len(kept) if kept else None


def scores(results: pl.DataFrame, missing: pl.DataFrame) -> pl.DataFrame:
    """One row per system and benchmark of core.mlperf_result (`results`), with `missing`
    (system_id, benchmark of each log missing upstream): runs, runs_missing, runs_succeeded,
    runs_dropped_each_side, score_s."""
    gone = missing.group_by(GROUP).agg(runs_missing=pl.len())
    first = [
        "round",
        "round_published_on",
        "submitter",
        "division",
        "availability",
        "accelerator_model_name",
        "hardware_id",
        "accelerator_chips",
    ]
    grouped = (
        results.group_by(GROUP, maintain_order=True)
        .agg(
            *(pl.col(c).first() for c in first),
            loaded=pl.len(),
            runs_succeeded=pl.col("is_success").sum().cast(pl.Int64),
            times=pl.col("time_to_train_s").filter(
                pl.col("is_success") & pl.col("time_to_train_s").is_not_null()
            ),
        )
        .join(gone, on=GROUP, how="left")
        .with_columns(
            runs_missing=pl.col("runs_missing").fill_null(0).cast(pl.Int64),
            runs_dropped_each_side=pl.col("benchmark")
            .replace_strict(DROPPED_EACH_SIDE, default=DEFAULT_DROPPED)
            .cast(pl.Int64),
        )
        .with_columns(runs=(pl.col("loaded") + pl.col("runs_missing")).cast(pl.Int64))
    )
    score = [
        None if missing_runs else olympic_mean(list(times), loaded - len(times), dropped)
        for times, loaded, dropped, missing_runs in grouped.select(
            "times", "loaded", "runs_dropped_each_side", "runs_missing"
        ).iter_rows()
    ]
    return grouped.with_columns(score_s=pl.Series(score, dtype=pl.Float64)).drop("times", "loaded")

"""DAWNBench progress and record frontiers over the leaderboard's entries (core.dawnbench_entry,
`analyses/dawnbench_leaderboard.py`).

Progress compares, per task and kind, a *baseline* (the best entry of the first submission
date: the leaderboard on its first day) with the *best* entry, in time and in cost, and the
same on each cloud instance type and count over time. A *frontier* lists the entries that set
a record when submitted (ties on one date: the best of that date).
"""

from __future__ import annotations

import polars as pl

from schemas.dawnbench import DAWNBENCH_FRONTIER

# The two measures of each kind: time and cost.
MEASURES = {
    "train": ("time_to_target_s", "cost_usd"),
    "inference": ("latency_s", "cost_per_10k_inferences_usd"),
}
GROUP = ["task", "kind"]


def _measured(entries: pl.DataFrame) -> pl.DataFrame:
    """Entries with the kind's two measures as `time` and `cost`."""
    return pl.concat(
        [
            entries.filter(pl.col("kind") == kind).with_columns(
                time=pl.col(time), cost=pl.col(cost)
            )
            for kind, (time, cost) in MEASURES.items()
        ]
    )


def _compare(
    frame: pl.DataFrame, by: list[str], measure: str, basis: str, *, min_dates: int = 1
) -> pl.DataFrame:
    """Per group of `by`: the best entry by `measure` on the first date against the best."""
    rated = frame.filter(pl.col(measure).is_not_null())
    ranked = rated.sort(measure, "submitted_on", "entry_id")
    first_day = rated.filter(pl.col("submitted_on") == pl.col("submitted_on").min().over(by))
    baseline = first_day.sort(measure, "entry_id").unique(by, keep="first", maintain_order=True)
    best = ranked.unique(by, keep="first", maintain_order=True)
    dates = rated.group_by(by).agg(dates=pl.col("submitted_on").n_unique())
    columns = ["entry_id", "submitted_on", "time", "cost"]
    return (
        baseline.select(*by, *columns)
        .join(best.select(*by, *columns), on=by, suffix="_best", nulls_equal=True)
        .join(dates, on=by, nulls_equal=True)
        .filter(pl.col("dates") >= min_dates)
        .select(
            "task",
            "kind",
            basis=pl.lit(basis),
            instance_type=pl.col("instance_type") if "instance_type" in by else pl.lit(None),
            instance_count=pl.col("instance_count") if "instance_count" in by else pl.lit(None),
            baseline_entry_id="entry_id",
            best_entry_id="entry_id_best",
            baseline_submitted_on="submitted_on",
            best_submitted_on="submitted_on_best",
            speedup=pl.col("time") / pl.col("time_best"),
            cost_reduction=pl.col("cost") / pl.col("cost_best"),
        )
    )


def progress(entries: pl.DataFrame) -> pl.DataFrame:
    """Rows of analysis.dawnbench_progress from core.dawnbench_entry: per task and kind the
    baseline against the best in time (basis 'time') and in cost ('cost'); per instance type
    and count with entries on at least two dates, its first date's fastest against its
    fastest ('same_instance')."""
    measured = _measured(entries)
    same = GROUP + ["instance_type", "instance_count"]
    frames = [
        _compare(measured, GROUP, "time", "time"),
        _compare(measured, GROUP, "cost", "cost"),
        _compare(
            measured.filter(pl.col("instance_type").is_not_null()),
            same,
            "time",
            "same_instance",
            min_dates=2,
        ),
    ]
    rows = pl.concat(
        [
            f.with_columns(
                pl.col("instance_type").cast(pl.String), pl.col("instance_count").cast(pl.Int64)
            )
            for f in frames
        ]
    )
    return rows.sort("task", "kind", "basis", "instance_type", nulls_last=False)


def _records(frame: pl.DataFrame, measure: str) -> pl.DataFrame:
    """Per task and kind, the entries that set a new best `measure` when submitted."""
    rated = frame.filter(pl.col(measure).is_not_null())
    daily = rated.sort(measure, "entry_id").unique(
        [*GROUP, "submitted_on"], keep="first", maintain_order=True
    )
    ordered = daily.sort(*GROUP, "submitted_on")
    before = pl.col(measure).cum_min().shift(1).over(GROUP, order_by="submitted_on")
    records = ordered.filter(before.is_null() | (pl.col(measure) < before))
    previous = pl.col("entry_id").shift(1).over(GROUP, order_by="submitted_on")
    previous_value = pl.col(measure).shift(1).over(GROUP, order_by="submitted_on")
    last = pl.col("submitted_on") == pl.col("submitted_on").max().over(GROUP)
    return records.with_columns(
        frontier=pl.lit(measure),
        previous_entry_id=previous,
        improvement=previous_value / pl.col(measure),
        is_current=last,
    )


def _pareto(frame: pl.DataFrame) -> pl.DataFrame:
    """Entries no entry submitted on or before their date beat in time and cost (at least as
    good in both, better in one); `is_current` if no entry of any date does."""
    rated = frame.filter(pl.col("time").is_not_null() & pl.col("cost").is_not_null())
    pairs = rated.join(rated, on=GROUP, suffix="_other").filter(
        (pl.col("entry_id") != pl.col("entry_id_other"))
        & (pl.col("time_other") <= pl.col("time"))
        & (pl.col("cost_other") <= pl.col("cost"))
        & ((pl.col("time_other") < pl.col("time")) | (pl.col("cost_other") < pl.col("cost")))
    )
    dominated_then = pairs.filter(pl.col("submitted_on_other") <= pl.col("submitted_on"))
    on_frontier = rated.join(dominated_then.select("entry_id").unique(), on="entry_id", how="anti")
    beaten = pairs.select("entry_id").unique().with_columns(is_beaten=pl.lit(True))
    return (
        on_frontier.join(beaten, on="entry_id", how="left")
        .with_columns(
            frontier=pl.lit("time_and_cost"),
            previous_entry_id=pl.lit(None, pl.String),
            improvement=pl.lit(None, pl.Float64),
            is_current=pl.col("is_beaten").is_null(),
        )
        .drop("is_beaten")
    )


def frontier(entries: pl.DataFrame) -> pl.DataFrame:
    """Rows of analysis.dawnbench_frontier from core.dawnbench_entry: the record-setting
    entries in time, in cost, and in both at once (Pareto), per task and kind."""
    measured = _measured(entries)
    columns = DAWNBENCH_FRONTIER.column_names
    frames = [_records(measured, "time"), _records(measured, "cost"), _pareto(measured)]
    return pl.concat([f.select(columns) for f in frames]).sort(
        "task", "kind", "frontier", "submitted_on", "entry_id"
    )

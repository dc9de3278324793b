"""Each MLPerf Training benchmark's frontier round by round: the best time, cost and accelerator
time published up to and including each round (closed division, available systems:
analysis.mlperf_cost rows), the result holding it and whether the round set it.

A benchmark is its upstream name: renamed or redefined benchmarks (dlrm / dlrm_dcnv2, ssd /
retinanet, gpt3 / llama31_405b, ...) are frontiers of their own. A round that publishes no
rated result of a benchmark adds no row; ties go to the earlier round, then the system id.
"""

from __future__ import annotations

import polars as pl

MEASURES = {
    "time": "score_s",
    "cost": "cost_to_train_usd",
    "accelerator_time": "accelerator_time_s",
}
KEEP = (
    "system_id",
    "submitter",
    "hardware_id",
    "accelerator_chips",
    "score_s",
    "accelerator_time_s",
    "cost_to_train_usd",
)


def _frontier(costs: pl.DataFrame, measure: str, column: str) -> pl.DataFrame:
    rated = costs.filter(pl.col(column).is_not_null())
    counts = rated.group_by("benchmark", "round").agg(rated_results=pl.len().cast(pl.Int64))
    best_of_round = (
        rated.sort("benchmark", "round", column, "system_id")
        .unique(["benchmark", "round"], keep="first", maintain_order=True)
        .sort("benchmark", "round_published_on")
    )
    rows = []
    for (benchmark,), part in best_of_round.group_by("benchmark", maintain_order=True):
        holder: dict | None = None
        for row in part.iter_rows(named=True):
            record = holder is None or row[column] < holder[column]
            previous = holder[column] if holder else None
            if record:
                holder = row
            rows.append(
                {
                    "benchmark": benchmark,
                    "frontier_measure": measure,
                    "round": row["round"],
                    "round_published_on": row["round_published_on"],
                    **{k: holder[k] for k in KEEP},
                    "is_record": record,
                    "improvement": None if previous is None else previous / holder[column],
                }
            )
    schema = {c: costs.schema[c] for c in ("benchmark", "round", "round_published_on", *KEEP)}
    schema |= {"frontier_measure": pl.String, "is_record": pl.Boolean, "improvement": pl.Float64}
    frame = pl.DataFrame(rows, schema=schema)
    return frame.join(counts, on=["benchmark", "round"], how="left")


def frontiers(costs: pl.DataFrame) -> pl.DataFrame:
    """Rows of analysis.mlperf_frontier from analysis.mlperf_cost rows: per benchmark, measure
    (time, cost, accelerator_time) and round with a rated result, the best to date."""
    return pl.concat(
        [_frontier(costs, measure, column) for measure, column in MEASURES.items()],
        how="diagonal_relaxed",
    ).sort("benchmark", "frontier_measure", "round_published_on")

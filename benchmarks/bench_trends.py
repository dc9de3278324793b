"""Trend fit with its bootstrap interval over every model with a training compute estimate.

Data: the latest bundled `epoch_models` snapshot, `all_ai_models.csv` ("Publication date",
"Training compute (FLOP)"; ~1,400 usable points). Parsing the CSV is not timed.

ols        `analyses.trend_fit.fit_trend` (cleaning, OLS, 2,000 seeded resamples, interval), median
           of REPEATS runs after a warm-up; goal <= 1 s
theil_sen  the same with `method="theil_sen"`, once, for the record: its exact bootstrap costs
           O(resamples x n^2), so it has no goal at this size
Writes benchmarks/results/trends.json.

    python -m benchmarks.bench_trends
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import numpy as np
import polars as pl

from analyses.trend_fit import DEFAULT_RESAMPLES, fit_trend
from benchmarks.common import write_result

SNAPSHOTS = Path(__file__).resolve().parent.parent / "data" / "snapshots"

REPEATS = 5
GOAL_S = 1.0


def load_models() -> tuple[Path, pl.DataFrame]:
    path = sorted(SNAPSHOTS.glob("epoch_models/*/all_ai_models.csv"))[-1]
    models = pl.read_csv(path, infer_schema=False).select(
        published_on=pl.col("Publication date").str.to_date(),
        training_compute_flop=pl.col("Training compute (FLOP)").cast(pl.Float64),
    )
    return path, models


def timed_fit(models: pl.DataFrame, method: str):
    started = time.perf_counter()
    fit = fit_trend(
        models["published_on"],
        models["training_compute_flop"],
        metric="training_compute_flop",
        method=method,
        n_resamples=DEFAULT_RESAMPLES,
    )
    return time.perf_counter() - started, fit


def summary(seconds: float, fit) -> dict:
    e = fit.estimate
    return {
        "seconds": round(seconds, 4),
        "n": e.n,
        "resamples_used": fit.resamples_used,
        "doubling_time_months": round(12 * e.doubling_time_years, 3),
        "ci_months": [round(12 * e.ci_low_years, 3), round(12 * e.ci_high_years, 3)],
        "ci_level": e.ci_level,
        "window": [e.window_start_on.isoformat(), e.window_end_on.isoformat()],
    }


def main() -> int:
    path, models = load_models()
    timed_fit(models, "ols")  # warm-up: first polars and numpy calls
    runs = [timed_fit(models, "ols") for _ in range(REPEATS)]
    ols_s = statistics.median(s for s, _ in runs)
    theil_sen_s, theil_sen_fit = timed_fit(models, "theil_sen")
    write_result(
        "trends",
        {
            "data": f"{path.relative_to(SNAPSHOTS.parent.parent)} (real Epoch AI data)",
            "versions": {"numpy": np.__version__, "polars": pl.__version__},
            "rows": models.height,
            "n_resamples": DEFAULT_RESAMPLES,
            "repeats": REPEATS,
            "ols": {**summary(ols_s, runs[0][1]), "runs_s": [round(s, 4) for s, _ in runs]},
            "theil_sen": summary(theil_sen_s, theil_sen_fit),
            "goal": f"ols fit with {DEFAULT_RESAMPLES} bootstrap resamples <= {GOAL_S} s",
            "meets_goal": ols_s <= GOAL_S,
        },
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

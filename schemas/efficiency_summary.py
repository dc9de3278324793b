"""The view people query first about efficiency (warehouse/views.sql): the headline figures of
algorithmic efficiency, effective compute per dollar and the CPU-GPU gap, one row each, with
the interval or spread, what they rest on and a sentence."""

import pandera.polars as pa
import polars as pl

from schemas.columns.declare import column
from schemas.table import Table

EFFICIENCY_SUMMARY = Table(
    "analysis",
    "efficiency_summary",
    "View of the efficiency tables for reading: one row per headline figure (the halving time "
    "of the compute to each capability, the doubling time of effective compute per dollar per "
    "hardware series, the CPU/GPU time and cost ratios of matched runs per task and kind, the "
    "spec ratio or why it is withheld), its interval or spread, n, window and a sentence.",
    {
        "topic": column(
            pl.String,
            "algorithmic efficiency, effective compute per dollar, or cpu vs gpu.",
            nullable=False,
            checks=[
                pa.Check.isin(
                    ["algorithmic efficiency", "effective compute per dollar", "cpu vs gpu"]
                )
            ],
        ),
        "figure": column(
            pl.String,
            "What the value measures, with its unit (e.g. 'AlexNet-level: months for the "
            "compute to reach it to halve', 'CIFAR10 train: CPU/GPU time, geometric mean').",
            nullable=False,
        ),
        "value": column(
            pl.Float64,
            "The figure, rounded to 2 decimals; null where the data cannot support it "
            "(summary says why).",
        ),
        "value_low": column(
            pl.Float64, "Low end of the interval or spread (interval_kind); null without one."
        ),
        "value_high": column(
            pl.Float64, "High end of the interval or spread (interval_kind); null without one."
        ),
        "interval_kind": column(
            pl.String,
            "What value_low .. value_high is: a bootstrap confidence interval (with its "
            "level), the combined interval of effective compute, or the range over matched "
            "pairs (a spread, not a sampling interval); null without one.",
        ),
        "n": column(
            pl.Int64,
            "Points behind the figure: frontier records, chips + records, matched pairs, or "
            "server CPUs stating peak FLOP/s.",
            nullable=False,
            checks=[pa.Check.ge(0)],
        ),
        "window_start_on": column(pl.Date, "First date the figure rests on."),
        "window_end_on": column(pl.Date, "Last date the figure rests on."),
        "summary": column(pl.String, "The figure in words, with its caveat.", nullable=False),
        "relation": column(
            pl.String, "The table the figure is read from, for the detail.", nullable=False
        ),
    },
    key=("topic", "figure"),
)

"""What was known when: the tables that can be read as of a date (through the table macros of
warehouse/as_of.sql), the headline trends fitted as of each date a new upstream version
arrived (analysis.trend_history) and how their extrapolations fared (analysis.trend_backtest).

A version's date is `meta.snapshot.retrieved_at`: for every bundled version the upstream
commit date (tests/sources/test_snapshots.py checks it against each manifest's commit
fields), for a live fetch the download time, an upper bound of when the upstream published it.
"""

import pandera.polars as pa
import polars as pl

from schemas.columns.declare import column
from schemas.table import Table
from schemas.trends import TREND_ESTIMATE

# Table -> its point-in-time macro (a DuckDB table macro taking one DATE).
AS_OF = {
    "meta.snapshot": "meta.snapshot_as_of",
    "core.model_record": "core.model_record_as_of",
    "core.model": "core.model_as_of",
    "core.model_estimate": "core.model_estimate_as_of",
    "core.hardware": "core.hardware_as_of",
    "core.cloud_price": "core.cloud_price_as_of",
    "core.hardware_price": "core.hardware_price_as_of",
    "core.dawnbench_entry": "core.dawnbench_entry_as_of",
}
# Views recreated over the point-in-time tables by `flopbase query --as-of` (their SQL reads
# only tables of AS_OF).
AS_OF_VIEWS = (
    "core.model_compute_change",
    "core.cloud_price_change",
    "core.latest_cloud_price",
    "core.frontier_model",
    "core.accelerator_spec_sheet",
)
# Columns of a table that its macro cannot give as of a date, and why.
NOT_AS_OF = (
    (
        "core.model",
        ("active_parameters", "active_parameters_citation"),
        "curated today (data/curated/model_active_parameters.csv), not dated",
    ),
    (
        "core.model",
        ("implied_utilisation", "is_physically_implausible", "implausible_reason"),
        "cross-checks against today's chip specifications",
    ),
)
# Tables `--as-of` does not expose: derived from today's data by analyses (not versioned), or
# bookkeeping of the latest build.
NOT_RECONSTRUCTIBLE = (
    "analysis.price_performance, analysis.overhang_estimate, analysis.dawnbench_progress and "
    "the other analysis tables are derived from today's data: read analysis.trend_history / "
    "analysis.trend_backtest for trends as they were estimated on a date"
)

BASES = ("versions", "cutoff")

_KEY_COLUMNS = {
    "metric": TREND_ESTIMATE.columns["metric"],
    "subset": TREND_ESTIMATE.columns["subset"],
    "basis": column(
        pl.String,
        "What the fit saw: 'versions' = the upstream versions published by as_of, as they "
        "stood (what was known then; analysis.trend_estimate holds these rows too); "
        "'cutoff' = today's newest data restricted to points "
        "dated by as_of (hindsight: later revisions included), for dates before the first "
        "stored version.",
        nullable=False,
        checks=[pa.Check.isin(list(BASES))],
    ),
    "as_of": column(pl.Date, "Date the trend is fitted as of.", nullable=False),
}

# trend_estimate's columns that read differently here
_HISTORY_COLUMNS = {
    **_KEY_COLUMNS,
    "resamples": column(
        pl.Int64,
        "Bootstrap resamples of the interval (fewer than a build's estimates, to keep the "
        "history cheap).",
        nullable=False,
        checks=[pa.Check.ge(1)],
    ),
}

TREND_HISTORY = Table(
    "analysis",
    "trend_history",
    "Each headline trend fitted as of every date a new upstream version of its data arrived "
    "(training compute: each Epoch version; price-performance: each spec and price version), "
    "and as of yearly cut-offs of today's data: how the doubling time was estimated over time. "
    "Full rows of analysis.trend_estimate (which holds the 'versions' rows too) plus the "
    "versions read.",
    {
        **{name: _HISTORY_COLUMNS.get(name, spec) for name, spec in TREND_ESTIMATE.columns.items()},
        "versions": column(
            pl.String,
            "Upstream versions the fit read ('source/version', comma-separated; newest of "
            "each source), or 'cutoff of <versions>' for the cutoff basis.",
            nullable=False,
        ),
    },
    key=("metric", "subset", "basis", "as_of", "method", "ci_level"),
)

TREND_BACKTEST = Table(
    "analysis",
    "trend_backtest",
    "Each trend of analysis.trend_history extrapolated 1 and 2 years past its as_of, with the "
    "fitted line's interval, against what was later observed (today's data), and whether "
    "the observation fell inside.",
    {
        **_KEY_COLUMNS,
        "horizon_years": column(
            pl.Int64, "Years past as_of the prediction is for.", nullable=False
        ),
        "target_on": column(pl.Date, "as_of + horizon_years.", nullable=False),
        "predicted": column(
            pl.Float64,
            "The trend line's value at target_on, in the trend's unit.",
            nullable=False,
            checks=[pa.Check.gt(0)],
        ),
        "predicted_low": column(
            pl.Float64,
            "Lower end of the line's bootstrap interval at target_on (at ci_level).",
            nullable=False,
        ),
        "predicted_high": column(
            pl.Float64, "Upper end of the line's bootstrap interval at target_on.", nullable=False
        ),
        "ci_level": TREND_ESTIMATE.columns["ci_level"],
        "unit": TREND_ESTIMATE.columns["unit"],
        "observed": column(
            pl.Float64,
            "What was observed: the geometric mean of today's points of the same subset dated "
            "within half a year of target_on; null where too few exist yet.",
        ),
        "observed_n": column(
            pl.Int64,
            "Points behind observed (0: not yet observable).",
            nullable=False,
            checks=[pa.Check.ge(0)],
        ),
        "is_inside": column(
            pl.Boolean,
            "observed within [predicted_low, predicted_high]; null where not yet observable.",
        ),
        "error_factor": column(pl.Float64, "observed / predicted (null where not yet observable)."),
    },
    key=("metric", "subset", "basis", "as_of", "horizon_years"),
)

HISTORY_TABLES = (TREND_HISTORY, TREND_BACKTEST)

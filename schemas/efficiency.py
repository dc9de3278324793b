"""Algorithmic efficiency tables: the efficiency frontier (the training compute each record
setter needed to reach a fixed capability), the halving time of that compute per capability
with its interval beside the published figure, and effective compute per dollar (hardware
price-performance x algorithmic efficiency). Columns used by these tables only are declared here.
"""

import pandera.polars as pa
import polars as pl

from schemas.columns.declare import column
from schemas.cpu_gpu import CPU_GPU_TABLES
from schemas.effective_compute import EFFECTIVE_COMPUTE_TREND
from schemas.table import Table, shared

CAPABILITIES = ("AlexNet", "ResNet-50", "Seq2Seq", "GNMT")
TREND_METHODS = ("ols", "theil_sen", "two points")
YEARS = [pa.Check.in_range(0, 1e3)]

_COLUMNS: dict[str, pa.Column] = {
    "capability": column(
        pl.String,
        "Fixed capability level the compute is measured to, named after the model that first "
        "reached it (AlexNet, ResNet-50, Seq2Seq, GNMT: the upstream's Metric).",
        nullable=False,
        checks=[pa.Check.isin(CAPABILITIES)],
    ),
    "capability_target": column(
        pl.String,
        "What the capability level means, as the upstream README states it (e.g. "
        "'AlexNet-level: 79.1% top-5 accuracy on ImageNet').",
        nullable=False,
    ),
    "publication": column(
        pl.String, "Model that set the efficiency record, as the upstream names it.", nullable=False
    ),
    "publication_url": column(pl.String, "Link to the paper, as the upstream gives it."),
    "compute_to_capability_flop": column(
        pl.Float64,
        "Training compute the model needed to reach the capability level (upstream "
        "teraflop/s-days x 8.64e16).",
        "FLOP",
        nullable=False,
        checks=[pa.Check.gt(0), pa.Check.lt(1e27)],
    ),
    "reduction_factor": column(
        pl.Float64,
        "Compute of the capability's first (oldest) record divided by this row's compute: "
        "recomputed from the compute, not the upstream's rounded figure.",
        nullable=False,
        checks=[pa.Check.gt(0), pa.Check.lt(1e6)],
    ),
    "stated_reduction_factor": column(
        pl.Float64,
        "The upstream's Reduction Factor as written (rounded: 4.3, 11, 21, 25, 44).",
        checks=[pa.Check.gt(0), pa.Check.lt(1e6)],
    ),
    "analysis": column(pl.String, "Analysis the upstream cites for the compute figure."),
    "analysis_url": column(
        pl.String,
        "Link to that analysis as written (empty upstream for the AI and Efficiency post; the "
        "'Attention is all you need' rows link arXiv 1807.11164, an upstream error).",
    ),
    "n": column(
        pl.Int64,
        "Frontier points fitted (records of the capability).",
        nullable=False,
        checks=[pa.Check.ge(2)],
    ),
    "window_start_on": column(
        pl.Date, "Publication date of the capability's first record.", nullable=False
    ),
    "window_end_on": column(
        pl.Date, "Publication date of the capability's latest record.", nullable=False
    ),
    "first_publication": column(
        pl.String, "The capability's first record (the baseline).", nullable=False
    ),
    "latest_publication": column(
        pl.String, "The capability's latest record (the most efficient).", nullable=False
    ),
    "log10_slope_per_year": column(
        pl.Float64,
        "Fitted slope of log10(compute to the capability) against the decimal year: "
        "negative, orders of magnitude less compute per year.",
        nullable=False,
    ),
    "efficiency_factor_per_year": column(
        pl.Float64,
        "Algorithmic efficiency gain per year, 10 ** -log10_slope_per_year (2.0: the same "
        "capability takes half the compute a year later).",
        nullable=False,
        checks=[pa.Check.gt(0)],
    ),
    "halving_time_years": column(
        pl.Float64,
        "Years for the compute needed to reach the capability to halve (= the doubling time "
        "of algorithmic efficiency): -log10(2) / log10_slope_per_year.",
        nullable=False,
        checks=YEARS,
    ),
    "halving_ci_low_years": column(
        pl.Float64,
        "Shortest halving time in the bootstrap interval (ci_level); null for a two-point "
        "rate, which has no interval.",
        checks=YEARS,
    ),
    "halving_ci_high_years": column(
        pl.Float64,
        "Longest halving time in the bootstrap interval (ci_level); null for a two-point "
        "rate or where the slope's interval reaches zero.",
        checks=YEARS,
    ),
    "ci_level": column(
        pl.Float64,
        "Confidence level of the interval (0.9: the 5th to 95th percentile of 2,000 seeded "
        "bootstrap resamples).",
        nullable=False,
        checks=[pa.Check.in_range(0.5, 0.999)],
    ),
    "r2": column(pl.Float64, "R^2 of the line in log10 space; null for two points."),
    "trend_method": column(
        pl.String,
        "How the rate was found: ols (least squares on log10 compute with a bootstrap "
        "interval, analyses.trend_fit), theil_sen, or 'two points' (first and latest record: "
        "too few points for a fit or an interval).",
        nullable=False,
        checks=[pa.Check.isin(TREND_METHODS)],
    ),
    "published_halving_years": column(
        pl.Float64,
        "Halving time the publication states for the same capability (Hernandez and Brown "
        "2020: 16 months for AlexNet-level); null where none is stated.",
        checks=YEARS,
    ),
    "published_reduction_factor": column(
        pl.Float64,
        "Reduction factor the publication states (44 for AlexNet-level, 2012 -> 2019).",
        checks=[pa.Check.gt(0)],
    ),
    "published_citation": column(pl.String, "Where the published figures are stated."),
    "is_published_within_ci": column(
        pl.Boolean,
        "Whether the published halving time lies inside our interval; null without an "
        "interval or a published figure.",
    ),
}


def _pick(*names: str) -> dict[str, pa.Column]:
    return {name: _COLUMNS[name] for name in names}


ALGORITHMIC_EFFICIENCY = Table(
    "core",
    "algorithmic_efficiency",
    "The efficiency frontier of Hernandez and Brown (2020): each model that set a record for "
    "the least training compute to reach a fixed capability (AlexNet-, ResNet-50-, Seq2Seq- "
    "and GNMT-level), with its compute and its reduction against the capability's first record.",
    {
        **_pick("capability", "capability_target"),
        **shared("published_on"),
        **_pick(
            "publication",
            "publication_url",
            "compute_to_capability_flop",
            "reduction_factor",
            "stated_reduction_factor",
            "analysis",
            "analysis_url",
        ),
        **shared("source", "sha256", "row_number"),
    },
    key=("capability", "publication"),
)

ALGORITHMIC_EFFICIENCY_TREND = Table(
    "analysis",
    "algorithmic_efficiency_trend",
    "How fast the compute to reach each fixed capability falls: the halving time (the "
    "doubling time of algorithmic efficiency) with its bootstrap interval where three or more "
    "records allow a fit, the reduction from first to latest record, and the published figure.",
    {
        **_pick(
            "capability",
            "capability_target",
            "n",
            "window_start_on",
            "window_end_on",
            "first_publication",
            "latest_publication",
            "reduction_factor",
            "log10_slope_per_year",
            "efficiency_factor_per_year",
            "halving_time_years",
            "halving_ci_low_years",
            "halving_ci_high_years",
            "ci_level",
            "r2",
            "trend_method",
            "published_halving_years",
            "published_reduction_factor",
            "published_citation",
            "is_published_within_ci",
        ),
    },
    key=("capability",),
)

EFFICIENCY_TABLES = (
    ALGORITHMIC_EFFICIENCY,
    ALGORITHMIC_EFFICIENCY_TREND,
    EFFECTIVE_COMPUTE_TREND,
    *CPU_GPU_TABLES,
)

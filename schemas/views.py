"""Views for the questions people ask most: the newest price of each cloud offer, the cheapest
PFLOP/s-day of each month, frontier models with their hardware and cost, a readable trend
summary and a spec sheet of ML accelerators. Their SQL is in warehouse/views.sql.

Columns are picked from the tables they come from (one declaration per meaning); only what a
view adds is declared here.
"""

import pandera.polars as pa
import polars as pl

from schemas.columns.declare import column
from schemas.efficiency_summary import EFFICIENCY_SUMMARY
from schemas.hardware import HARDWARE, PRICE_PERFORMANCE
from schemas.mlperf_progress import MLPERF_BENCHMARK_PROGRESS
from schemas.models import MODEL
from schemas.table import Table, shared
from schemas.trends import TREND_KEY, TREND_LATEST


def _from(table: Table, *names: str) -> dict[str, pa.Column]:
    """Columns of another table, the same objects (so the same meaning, unit and checks)."""
    return {name: table.columns[name] for name in names}


TRACE = ("source", "sha256", "row_number")

LATEST_CLOUD_PRICE = Table(
    "core",
    "latest_cloud_price",
    "View of core.cloud_price with the newest price of each offer: one row per accelerator, "
    "pricing model, provider, region and instance type (accelerators that resolve to a "
    "hardware_id only), traced to its quote. A provider that stopped listing an offer keeps "
    "its last price: look at observed_at.",
    {
        **shared(
            "hardware_id",
            "pricing",
            "provider",
            "region",
            "instance_type",
            "accelerators_per_instance",
            "usd_per_accelerator_hour",
            "usd_per_hour",
            "observed_at",
            *TRACE,
            "is_suspect",
            "suspect_reason",
        ),
    },
)

CHEAPEST_PFLOP_DAY_BY_MONTH = Table(
    "analysis",
    "cheapest_pflop_day_by_month",
    "View of analysis.price_performance: for each calendar month, precision and pricing model "
    "the cheapest dollars per PFLOP/s-day of any accelerator, provider and region that month "
    "(suspect quotes excluded), with the quote it rests on, and beside it the robust figure "
    "over providers, how many providers it rests on and how many suspect quotes were left out "
    "(at the utilisation price_performance was built with; 1.0 = at peak).",
    {
        "month_on": column(
            pl.Date, "First day of the calendar month (UTC) the price applied in.", nullable=False
        ),
        **_from(PRICE_PERFORMANCE, "precision"),
        **shared("pricing"),
        **_from(PRICE_PERFORMANCE, "usd_per_pflop_day"),
        **shared("hardware_id"),
        **_from(
            PRICE_PERFORMANCE,
            "priced_on",
            "usd_per_accelerator_hour",
            "peak_flop_per_s",
            "utilisation",
            "provider",
            "region",
            "instance_type",
            *TRACE,
        ),
        **shared(
            "robust_usd_per_pflop_day",
            "n_providers",
            "is_single_provider",
            "n_suspect_excluded",
        ),
    },
    key=("month_on", "precision", "pricing"),
)

FRONTIER_MODEL = Table(
    "core",
    "frontier_model",
    "View of core.model with the frontier models only (is_frontier), with the chip they were "
    "trained on (from core.hardware), its count, training time and Epoch's cost estimates; "
    "the records behind each row are in core.model_record (model_id).",
    {
        **_from(
            MODEL,
            "model_id",
            "name",
            "organization",
            "published_on",
            "domain",
            "parameters",
            "training_compute_flop",
            "training_compute_low_flop",
            "training_compute_high_flop",
            "training_time_s",
            "hardware_id",
        ),
        "hardware_name": column(
            pl.String, "Name of the chip hardware_id in core.hardware (null: none resolved)."
        ),
        **_from(MODEL, "hardware_quantity"),
        **shared("bf16_flop_per_s"),
        **_from(
            MODEL,
            "training_cost_usd",
            "training_cost_cloud_usd",
            "hardware_acquisition_cost_usd",
            "training_power_draw_w",
            "is_frontier_epoch",
            "is_top10_at_release",
            "link",
        ),
    },
    key=("model_id",),
)

TREND_SUMMARY = Table(
    "analysis",
    "trend_summary",
    "View of analysis.trend_latest for reading: each trend's newest doubling time and "
    "interval rounded to 2 decimals (only where the trend is significant), the change per "
    "year with its interval, the growth factor per year, one sentence saying it, and what the "
    "fit rests on (sources, providers, first and last day, months missing).",
    {
        **_from(TREND_LATEST, "metric", "subset", "method", "ci_level"),
        "summary": column(
            pl.String,
            "The trend in words: 'doubles every 2.1 years (90% interval 1.8 to 2.5; +39.0 "
            "%/yr)' or 'halves every ...'; 'no clear trend (-3.0 %/yr, 90% interval -12.0 to "
            "+7.0; slope interval includes zero)' where no doubling time is stated "
            "(no_doubling_reason).",
            nullable=False,
        ),
        **_from(TREND_LATEST, "doubling_time_years", "ci_low_years", "ci_high_years"),
        "growth_factor_per_year": column(
            pl.Float64,
            "Factor the value is multiplied by per year, 10 ** log10_slope_per_year (0.5: "
            "halves each year), rounded to 3 significant digits.",
            nullable=False,
            checks=[pa.Check.gt(0)],
        ),
        **_from(TREND_LATEST, "r2", "n", "window_start_on", "window_end_on", "unit", "as_of"),
        **_from(
            TREND_LATEST,
            "pct_per_year",
            "pct_per_year_ci_low",
            "pct_per_year_ci_high",
            "is_significant",
            "no_doubling_reason",
            "estimator",
            "offer_count",
            "sources",
            "providers",
            "provider_count",
            "first_on",
            "last_on",
            "gap_months",
        ),
    },
    key=TREND_KEY,
)

ACCELERATOR_SPEC_SHEET = Table(
    "core",
    "accelerator_spec_sheet",
    "View of core.hardware with the ML accelerators only (chips with a stated tensor "
    "throughput: tf32, fp16 tensor, bf16, fp8 or int8), newest first, with peak 16-bit FLOP/s per dollar "
    "of launch price and the cheapest on-demand cloud price of the last year of price data.",
    {
        **shared(
            "hardware_id",
            "vendor",
            "name",
            "kind",
            "released_on",
            "memory_bytes",
            "memory_bandwidth_bytes_per_s",
            "tdp_w",
            "fp64_flop_per_s",
            "fp32_flop_per_s",
            "tf32_flop_per_s",
            "bf16_flop_per_s",
            "fp8_flop_per_s",
            "int8_op_per_s",
            "launch_price_usd",
        ),
        "bf16_flop_per_s_per_usd": column(
            pl.Float64,
            "Peak dense 16-bit tensor throughput per dollar of launch price (null without either).",
            "FLOP/s/USD",
            checks=[pa.Check.gt(0)],
        ),
        "on_demand_usd_per_accelerator_hour": column(
            pl.Float64,
            "Cheapest on-demand price per accelerator-hour among the newest prices of offers "
            "seen in the last 365 days of cloud price data (as core.latest_cloud_price picks "
            "them); null "
            "where none.",
            "USD/(accelerator*h)",
            checks=[pa.Check.gt(0), pa.Check.lt(100)],
        ),
        "cloud_providers": column(
            pl.String,
            "Providers with a price for the chip in the last 365 days of cloud price data, "
            "any pricing model, comma-separated in alphabetical order (null: none).",
        ),
        **_from(HARDWARE, "sources", "fp16_tensor_flop_per_s", "is_family"),
    },
    key=("hardware_id",),
)


def _count(description: str) -> pa.Column:
    return column(pl.Int64, description, nullable=False, checks=[pa.Check.ge(0)])


PRICE_QUALITY = Table(
    "meta",
    "price_quality",
    "View of core.cloud_price and meta.quarantine per price source: cloud quotes loaded, how "
    "many analyses/price_quality.py judged suspect (in all and by check: a quote can fail "
    "several) and how many were quarantined on the way to core.cloud_price.",
    {
        **shared("source"),
        "cloud_quotes": _count("Quotes of the source in core.cloud_price."),
        "suspect_quotes": _count("Of those, quotes with is_suspect."),
        "accelerator_charge_missing": _count(
            "Suspect: a region's on-demand price far below the instance's other regions."
        ),
        "off_own_history": _count("Suspect: far off the same offer's neighbouring months."),
        "below_other_providers": _count(
            "Suspect: far below other providers' prices of the chip, pricing and month."
        ),
        "quarantined_quotes": _count(
            "Quotes of the source in meta.quarantine bound for core.cloud_price (unreadable, "
            "duplicate or failing a column check)."
        ),
    },
    key=("source",),
)

VIEWS: tuple[Table, ...] = (
    LATEST_CLOUD_PRICE,
    CHEAPEST_PFLOP_DAY_BY_MONTH,
    FRONTIER_MODEL,
    TREND_SUMMARY,
    ACCELERATOR_SPEC_SHEET,
    PRICE_QUALITY,
    EFFICIENCY_SUMMARY,
    MLPERF_BENCHMARK_PROGRESS,
)

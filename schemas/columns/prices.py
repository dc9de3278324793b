"""Columns of prices: when and where a quote was observed (provider, region, instance type,
pricing), hourly prices, series of one price, the judgement of a quote, robust cloud figures,
and where in the upstream file a quote stood."""

from __future__ import annotations

from datetime import date

import pandera.polars as pa
import polars as pl

from schemas.columns.declare import UTC_TIMESTAMP, column

PRICE_COLUMNS: dict[str, pa.Column] = {
    "observed_at": column(
        UTC_TIMESTAMP,
        "When the upstream says the price applied (its price date, tick time or the date of "
        "the upstream version that listed it), not when flopbase loaded it.",
        nullable=False,
    ),
    "observed_on": column(
        pl.Date,
        "Date the upstream says the price applied.",
        nullable=False,
        checks=[pa.Check.in_range(date(1980, 1, 1), date(2035, 12, 31))],
    ),
    "provider": column(
        pl.String,
        "Cloud or marketplace provider, a lower-case id (aws, gcp, azure, lambda, runpod, ...).",
        nullable=False,
        checks=[pa.Check.str_matches(r"^[a-z0-9]+(_[a-z0-9]+)*$")],
    ),
    "region": column(
        pl.String,
        "Region as the upstream names it (us-east-1, us-central1, 'East US'; an availability "
        "zone id for AWS spot history); null where the upstream states none.",
    ),
    "instance_type": column(
        pl.String,
        "Provider's instance or machine type (p3.16xlarge, a2-highgpu-8g); null where the "
        "upstream prices an accelerator rather than an instance.",
    ),
    "hardware_text": column(
        pl.String,
        "The accelerator(s) as the upstream spells them (resolved to hardware_id through "
        "core.hardware_alias); null where the upstream names none or only an instance type.",
    ),
    "accelerators_per_instance": column(
        pl.Float64,
        "Accelerators in the priced instance (fractional for shared GPUs; counted in the "
        "units core.hardware specifies, e.g. K80 boards): the instance catalogue's count "
        "(analyses/cloud_instances.csv) where it lists the instance type, else the "
        "upstream's; null where unstated.",
        checks=[pa.Check.gt(0), pa.Check.le(1024)],
    ),
    "pricing": column(
        pl.String,
        "Pricing model: on_demand, spot (preemptible / low priority), reserved_1y, reserved_3y "
        "(committed use, effective hourly rate), or marketplace (cheapest offer of a provider "
        "on an aggregated GPU marketplace at that moment).",
        nullable=False,
        checks=[pa.Check.isin(["on_demand", "spot", "reserved_1y", "reserved_3y", "marketplace"])],
    ),
    "usd_per_hour": column(
        pl.Float64,
        "Price of the whole instance per hour, nominal USD (derived as per-accelerator price "
        "x accelerators when the upstream states only that).",
        "USD/h",
        checks=[pa.Check.gt(0), pa.Check.lt(1_000)],
    ),
    "usd_per_accelerator_hour": column(
        pl.Float64,
        "Price per accelerator per hour, nominal USD (derived as instance price / "
        "accelerators when the upstream states only that).",
        "USD/(accelerator*h)",
        checks=[pa.Check.gt(0), pa.Check.lt(100)],
    ),
    "first_seen_at": column(
        UTC_TIMESTAMP, "First observation of this value in the series.", nullable=False
    ),
    "last_seen_at": column(
        UTC_TIMESTAMP,
        "Last observation of this value before it changed (or the latest observation).",
        nullable=False,
    ),
    "observations": column(
        pl.Int64,
        "How many observations (upstream versions or ticks) stated this value in a row.",
        nullable=False,
        checks=[pa.Check.ge(1)],
    ),
    # judged quotes and the robust cloud figures (analyses/price_quality.py,
    # analyses/price_performance.py)
    "is_suspect": column(
        pl.Boolean,
        "True when the quote cannot be right by analyses/price_quality.py (a region priced "
        "without the accelerator charge, far off the offer's own history, or far below other "
        "providers' prices of the chip that month): kept as stated, but it never sets a "
        "cheapest or best figure.",
        nullable=False,
    ),
    "suspect_reason": column(
        pl.String,
        "Why the quote is suspect, with the figures compared ('; ' between several); null "
        "when it is not.",
    ),
    "robust_usd_per_pflop_day": column(
        pl.Float64,
        "25th percentile (linear interpolation) of the providers' cheapest non-suspect "
        "dollars per PFLOP/s-day over the same period: the price of the cheaper quarter of the "
        "market, which no single provider's quote moves far; equals the cheapest when one "
        "provider is behind it (see n_providers).",
        "USD/(PFLOP/s*day)",
        checks=[pa.Check.gt(0)],
    ),
    "n_providers": column(
        pl.Int64,
        "Independent providers with a non-suspect quote behind the robust figure.",
        checks=[pa.Check.ge(1)],
    ),
    "is_single_provider": column(
        pl.Boolean,
        "True when the figure rests on one provider's quotes only (n_providers = 1).",
    ),
    "n_suspect_excluded": column(
        pl.Int64,
        "Suspect quotes (core.cloud_price.is_suspect) of the same group left out of the "
        "cheapest and robust figures.",
        checks=[pa.Check.ge(0)],
    ),
    "record_number": column(
        pl.Int64,
        "1-based number of the upstream record the quote came from (CSV row, JSON line or "
        "array position, in file order).",
        nullable=False,
        checks=[pa.Check.ge(1)],
    ),
    "price_field": column(
        pl.String,
        "Upstream field holding the price, as a path (e.g. 'Spot', "
        "'cost.us-central1.hour_spot', 'pricing.us-east-1.linux.ondemand').",
        nullable=False,
    ),
}

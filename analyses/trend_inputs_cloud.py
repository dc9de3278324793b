"""Trend inputs of cloud prices: each major accelerator's price per accelerator-hour fitted
within offers, and the month's cheapest PFLOP/s-day per pricing model and precision.

Pure polars over frames of the warehouse tables named in each function, so a notebook can call
them; `analyses.trend_estimates` fits what they return. Decisions (issue "Trend engine"):
- **Cloud prices** (core.cloud_price), like with like (issue 19): a point is one *offer*'s
  month, an offer being one accelerator, pricing model, provider, region and instance type
  (whichever source quotes it), its value the median of the offer's quotes that month, so a
  tracker quoting every few minutes counts once. The trend of an accelerator and pricing model
  is the slope *within offers* (`trend_fit.fit_trend(groups=...)`: each offer's own level
  removed), so a provider entering or leaving the data moves no estimate; only offers quoted in
  at least two months count, and quotes judged suspect (core.cloud_price `is_suspect`) none. A
  series is fitted when those offers cover at least
  `MAJOR_MONTHS` (12) distinct months. (The median across providers of each month,
  `monthly_cloud_prices`, read H100 on demand as "doubling every 2.0 years" when GCP's dearer
  offers entered the data; it stays as a description of the going rate, not a trend.)
- **Cloud price-performance** (analysis.price_performance cloud rows): per pricing model and
  precision (fp32, bf16), the month's minimum of the daily cheapest USD per PFLOP/s-day: what
  the best offer of the month cost, whichever accelerator it was on.
"""

from __future__ import annotations

import polars as pl

from analyses.trend_input import TrendInput, points_frame

MAJOR_MONTHS = 12
CLOUD_PRECISIONS = ("fp32", "bf16")


def monthly_cloud_prices(cloud_price: pl.DataFrame) -> pl.DataFrame:
    """One price per `hardware_id`, `pricing` and `month` (first day): the median across
    providers and regions of each one's median that month (core.cloud_price `observed_at`,
    `provider`, `region`, `hardware_id`, `pricing`, `usd_per_accelerator_hour`); `quotes`
    and `places` (provider-regions) say what it rests on."""
    quotes = cloud_price.filter(
        pl.col("hardware_id").is_not_null() & pl.col("usd_per_accelerator_hour").is_not_null()
    ).with_columns(month=pl.col("observed_at").dt.date().dt.truncate("1mo"))
    per_place = quotes.group_by("hardware_id", "pricing", "month", "provider", "region").agg(
        usd=pl.col("usd_per_accelerator_hour").median(), quotes=pl.len()
    )
    return (
        per_place.group_by("hardware_id", "pricing", "month")
        .agg(
            usd_per_accelerator_hour=pl.col("usd").median(),
            quotes=pl.col("quotes").sum(),
            places=pl.len(),
        )
        .sort("hardware_id", "pricing", "month")
    )


def major_series(monthly: pl.DataFrame, min_months: int = MAJOR_MONTHS) -> pl.DataFrame:
    """(`hardware_id`, `pricing`, `months`) of the series with at least `min_months` months."""
    return (
        monthly.group_by("hardware_id", "pricing")
        .agg(months=pl.col("month").n_unique())
        .filter(pl.col("months") >= min_months)
        .sort("pricing", "months", "hardware_id", descending=[False, True, False])
    )


OFFER = ("hardware_id", "pricing", "provider", "region", "instance_type")


def offer_months(cloud_price: pl.DataFrame) -> pl.DataFrame:
    """One row per offer (`OFFER`) and `month` (first day): the median of the offer's quotes that
    month (`usd_per_accelerator_hour`), their count (`quotes`), sources (comma list) and the
    first and last day quoted (core.cloud_price `observed_at`, `source` and the `OFFER` columns;
    a null region or instance type is an offer of its own). Quotes judged suspect
    (`is_suspect`, when the frame has it: e.g. a GCP A2 price without its GPU charge, 1.41
    against the offer's 5.03) are left out: one would read as a price jump within its offer."""
    usable = pl.col("hardware_id").is_not_null() & pl.col("usd_per_accelerator_hour").is_not_null()
    if "is_suspect" in cloud_price.columns:
        usable &= ~pl.col("is_suspect").fill_null(False)
    quotes = cloud_price.filter(usable).with_columns(
        day=pl.col("observed_at").dt.date(),
        month=pl.col("observed_at").dt.date().dt.truncate("1mo"),
    )
    return (
        quotes.group_by(*OFFER, "month")
        .agg(
            usd_per_accelerator_hour=pl.col("usd_per_accelerator_hour").median(),
            quotes=pl.len(),
            source=pl.col("source").unique().sort().str.join(","),
            first_on=pl.col("day").min(),
            last_on=pl.col("day").max(),
        )
        .sort(*OFFER, "month", nulls_last=True)
    )


def major_offer_series(offers: pl.DataFrame, min_months: int = MAJOR_MONTHS) -> pl.DataFrame:
    """(`hardware_id`, `pricing`, `months`, `offers`) of the series whose offers quoted in at
    least two months cover at least `min_months` distinct months (`offer_months` rows)."""
    changing = offers.filter(pl.col("month").n_unique().over(*OFFER) >= 2)
    return (
        changing.group_by("hardware_id", "pricing")
        .agg(
            months=pl.col("month").n_unique(),
            offers=pl.struct(*OFFER).n_unique(),
        )
        .filter(pl.col("months") >= min_months)
        .sort("pricing", "months", "hardware_id", descending=[False, True, False])
    )


def cloud_price_inputs(offers: pl.DataFrame, min_months: int = MAJOR_MONTHS) -> list[TrendInput]:
    """Price per accelerator-hour of each major accelerator and pricing model, fitted within
    offers (`offer_months` rows; see the module docstring)."""
    inputs = []
    for hardware_id, pricing, _, _ in major_offer_series(offers, min_months).iter_rows():
        series = offers.filter(
            (pl.col("hardware_id") == hardware_id) & (pl.col("pricing") == pricing)
        )
        group = pl.concat_str(
            [pl.col(c).fill_null("") for c in ("provider", "region", "instance_type")],
            separator="|",
        )
        data = points_frame(
            series["month"],
            series["usd_per_accelerator_hour"],
            series["source"],
            provider=series["provider"],
            first_on=series["first_on"],
            last_on=series["last_on"],
            group=series.select(group).to_series(),
        )
        inputs.append(
            TrendInput(
                metric="usd_per_accelerator_hour",
                subset=f"{hardware_id} {pricing}",
                unit="USD/(accelerator*h)",
                points="an offer's month (provider, region, instance type): the median of its "
                "quotes that month, dated the 1st; the slope is within offers",
                data=data,
                figure=f"usd_per_accelerator_hour {pricing}",
                monthly=True,
            )
        )
    return inputs


def cloud_price_performance_inputs(price_performance: pl.DataFrame) -> list[TrendInput]:
    """Monthly cheapest USD per PFLOP/s-day per pricing model and precision (analysis.
    price_performance cloud rows: `basis`, `precision`, `priced_on`, `usd_per_pflop_day`, and
    `provider`, `source` of the offer when selected): the month's cheapest row is the point."""
    rows = price_performance.filter(
        pl.col("basis").str.starts_with("cloud_")
        & pl.col("precision").is_in(CLOUD_PRECISIONS)
        & pl.col("usd_per_pflop_day").is_not_null()
    )
    for name in ("provider", "source"):
        if name not in rows.columns:
            rows = rows.with_columns(pl.lit(None, pl.String).alias(name))
    monthly = (
        rows.sort("usd_per_pflop_day", "priced_on", nulls_last=True)
        .group_by("precision", "basis", month=pl.col("priced_on").dt.truncate("1mo"))
        .agg(
            pl.col("usd_per_pflop_day").first(),
            pl.col("provider").first(),
            pl.col("source").first(),
            first_on=pl.col("priced_on").min(),
            last_on=pl.col("priced_on").max(),
        )
        .sort("precision", "basis", "month")
    )
    return [
        TrendInput(
            metric="usd_per_pflop_day",
            subset=f"{precision} {basis}",
            unit="USD/(PFLOP/s*day)",
            points="a month: its cheapest daily price, any accelerator, provider and region, "
            "dated the 1st",
            data=points_frame(
                part["month"],
                part["usd_per_pflop_day"],
                part["source"],
                provider=part["provider"],
                first_on=part["first_on"],
                last_on=part["last_on"],
            ),
            figure=f"usd_per_pflop_day {precision}",
            headline=precision == "bf16" and basis in ("cloud_on_demand", "cloud_spot"),
            monthly=True,
        )
        for (precision, basis), part in monthly.group_by("precision", "basis", maintain_order=True)
    ]

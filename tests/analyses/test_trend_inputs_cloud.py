"""Trend inputs of cloud prices: monthly medians, offer months, within-offer series, the
month's cheapest PFLOP/s-day, on small excerpts of the real warehouse tables (values as the
2026-11-23 build states them, a few rows each; tick counts shortened where noted)."""

from datetime import UTC, date, datetime

import polars as pl
import pytest

from analyses.trend_estimates import fit_all
from analyses.trend_inputs_cloud import (
    MAJOR_MONTHS,
    cloud_price_inputs,
    cloud_price_performance_inputs,
    major_offer_series,
    monthly_cloud_prices,
    offer_months,
)
from schemas import PRICE_PERFORMANCE as PRICE_PERFORMANCE_TABLE
from tests.analyses._trend_inputs_testkit import by_subset


def quotes(rows):
    return pl.DataFrame(
        rows,
        schema={
            "observed_at": pl.Datetime("us", "UTC"),
            "provider": pl.String,
            "region": pl.String,
            "hardware_id": pl.String,
            "pricing": pl.String,
            "usd_per_accelerator_hour": pl.Float64,
        },
        orient="row",
    )


def test_a_month_is_the_median_of_each_provider_region_not_of_every_tick():
    """H100 marketplace ticks of October 2025 (gpu_price_tracker): nebius quoted 2.12 311
    times, hyperstack 2.40 296 times, vultr 2.99 3 times; shortened here to 5, 2 and 1."""
    at = datetime(2025, 10, 20, tzinfo=UTC)
    h100 = "nvidia-h100-sxm5-80gb"
    rows = (
        [(at, "nebius", None, h100, "marketplace", 2.12)] * 5
        + [(at, "hyperstack", None, h100, "marketplace", 2.4)] * 2
        + [(datetime(2025, 10, 31, 13, 44, tzinfo=UTC), "vultr", None, h100, "marketplace", 2.99)]
    )
    monthly = monthly_cloud_prices(quotes(rows))
    assert monthly.rows(named=True) == [
        {
            "hardware_id": h100,
            "pricing": "marketplace",
            "month": date(2025, 10, 1),
            "usd_per_accelerator_hour": 2.4,  # the median of every tick would be 2.12
            "quotes": 8,
            "places": 3,
        }
    ]


def test_regions_of_one_provider_count_as_places():
    """H100 on-demand, June 2024: three GCP regions and Oblivus (epoch_hardware_prices)."""
    h100 = "nvidia-h100-sxm5-80gb"
    rows = [
        (datetime(2024, 6, 27, 3, 53, 56, tzinfo=UTC), "gcp", region, h100, "on_demand", usd)
        for region, usd in (("us-central1", 11.06125), ("asia-east1", 12.794848))
    ] + [(datetime(2024, 6, 25, tzinfo=UTC), "oblivus", None, h100, "on_demand", 3.45)]
    monthly = monthly_cloud_prices(quotes(rows))
    assert monthly["usd_per_accelerator_hour"].item() == 11.06125
    assert monthly["places"].item() == 3


def offer_quotes(rows):
    """core.cloud_price rows: (observed_at, provider, region, instance_type, pricing, usd,
    source) of one accelerator."""
    return pl.DataFrame(
        [
            (at, p, r, i, "nvidia-h100-sxm5-80gb", pr, usd, src)
            for at, p, r, i, pr, usd, src in rows
        ],
        schema={
            "observed_at": pl.Datetime("us", "UTC"),
            "provider": pl.String,
            "region": pl.String,
            "instance_type": pl.String,
            "hardware_id": pl.String,
            "pricing": pl.String,
            "usd_per_accelerator_hour": pl.Float64,
            "source": pl.String,
        },
        orient="row",
    )


def test_an_offer_month_is_the_median_of_its_quotes_with_its_sources_and_days():
    """H100 on demand in us-central1 (gcp_pricing) quoted twice in June 2024, once by a second
    source; Oblivus (epoch_hardware_prices) once."""
    rows = [
        (
            datetime(2024, 6, 3, tzinfo=UTC),
            "gcp",
            "us-central1",
            "a3-highgpu-8g",
            "on_demand",
            11.06125,
            "gcp_pricing",
        ),
        (
            datetime(2024, 6, 27, tzinfo=UTC),
            "gcp",
            "us-central1",
            "a3-highgpu-8g",
            "on_demand",
            11.06125,
            "epoch_hardware_prices",
        ),
        (
            datetime(2024, 6, 25, tzinfo=UTC),
            "oblivus",
            None,
            None,
            "on_demand",
            3.45,
            "epoch_hardware_prices",
        ),
    ]
    offers = offer_months(offer_quotes(rows))
    assert offers.height == 2
    gcp = offers.filter(provider="gcp").row(0, named=True)
    assert gcp["usd_per_accelerator_hour"] == 11.06125 and gcp["quotes"] == 2
    assert gcp["source"] == "epoch_hardware_prices,gcp_pricing"
    assert (gcp["month"], gcp["first_on"], gcp["last_on"]) == (
        date(2024, 6, 1),
        date(2024, 6, 3),
        date(2024, 6, 27),
    )


def test_suspect_quotes_do_not_enter_an_offer_month():
    """GCP a2-ultragpu-8g in us-central1, reserved 3 years: 2022-09's 1.41 USD per A100-hour
    is flagged suspect (off its own history, median 5.03); the next months quote 5.03."""
    rows = [
        (
            datetime(2022, 9, 1, tzinfo=UTC),
            "gcp",
            "us-central1",
            "a2-ultragpu-8g",
            "reserved_3y",
            1.411782196,
            "gcp_pricing",
        ),
        (
            datetime(2022, 10, 1, tzinfo=UTC),
            "gcp",
            "us-central1",
            "a2-ultragpu-8g",
            "reserved_3y",
            5.027702,
            "gcp_pricing",
        ),
    ]
    quotes = offer_quotes(rows).with_columns(is_suspect=pl.Series([True, False]))
    offers = offer_months(quotes)
    assert offers["month"].to_list() == [date(2022, 10, 1)]
    assert offer_months(quotes.drop("is_suspect")).height == 2  # a frame without the flag


def h100_entering_gcp():
    """Synthetic on the shape of the real H100 on-demand data: a small cloud's offer at a fixed
    $2.49 from 2023-04, then GCP's dearer offer (~$11.06 an H100-hour) from 2024-02, both
    fixed. The median across providers jumps when GCP enters: the pooled series read
    'doubles every 2.0 years'."""
    rows = []
    for i in range(24):
        month = datetime(2023 + (3 + i) // 12, (3 + i) % 12 + 1, 1, tzinfo=UTC)
        rows.append((month, "lambda", None, "gpu_8x_h100", "on_demand", 2.49, "fsdl_cloud_gpus"))
        if month >= datetime(2024, 2, 1, tzinfo=UTC):
            rows.append(
                (month, "gcp", "us-central1", "a3-highgpu-8g", "on_demand", 11.06125, "gcp_pricing")
            )
    return offer_quotes(rows)


def test_cloud_prices_are_fitted_within_offers():
    offers = offer_months(h100_entering_gcp())
    assert major_offer_series(offers).rows() == [("nvidia-h100-sxm5-80gb", "on_demand", 24, 2)]
    (item,) = cloud_price_inputs(offers)
    assert (item.metric, item.subset, item.figure_name, item.monthly) == (
        "usd_per_accelerator_hour",
        "nvidia-h100-sxm5-80gb on_demand",
        "usd_per_accelerator_hour on_demand",
        True,
    )
    assert (
        item.groups.n_unique() == 2 and item.data.height == 24 + 14
    )  # GCP from 2024-02 to 2025-03
    (fitted,), _ = fit_all([item])
    e = fitted.fit.estimate
    assert e.pct_per_year == 0.0 and e.doubling_time_years is None and e.n_groups == 2
    # the market median of the same quotes rises when GCP enters
    monthly = monthly_cloud_prices(h100_entering_gcp())
    assert monthly["usd_per_accelerator_hour"].head(1).item() == 2.49
    assert monthly["usd_per_accelerator_hour"].tail(1).item() == pytest.approx(6.775625)


def test_major_series_need_twelve_months_of_offers_quoted_twice():
    months = [datetime(2023, m, 1, tzinfo=UTC) for m in range(1, 13)]
    rows = [
        (m, "gcp", "us-east1", "g2-standard-4", "on_demand", 0.7, "gcp_pricing") for m in months
    ]
    # quoted once only: says nothing about change, so its month does not count
    rows.append(
        (
            datetime(2024, 1, 1, tzinfo=UTC),
            "aws",
            "us-east-1",
            "g6.xlarge",
            "on_demand",
            0.8,
            "aws_instance_pages",
        )
    )
    offers = offer_months(offer_quotes(rows))
    assert MAJOR_MONTHS == 12
    assert major_offer_series(offers)["months"].to_list() == [12]
    assert len(cloud_price_inputs(offers)) == 1
    assert cloud_price_inputs(offers.filter(pl.col("month") > date(2023, 1, 1))) == []
    assert len(cloud_price_inputs(offers.filter(pl.col("month") > date(2023, 1, 1)), 11)) == 1


def test_cloud_price_performance_is_the_months_cheapest_offer():
    """bf16 rows of analysis.price_performance, May and June 2024."""
    rows = pl.DataFrame(
        [
            ("cloud_on_demand", "bf16", date(2024, 5, 20), 21.344113),  # GH200
            ("cloud_on_demand", "bf16", date(2024, 5, 30), 46.557846),  # A100 40GB
            ("cloud_on_demand", "bf16", date(2024, 6, 25), 83.687083),  # H100 SXM
            ("cloud_spot", "bf16", date(2024, 5, 30), 13.956741),  # A100 40GB
            ("cloud_spot", "fp8", date(2024, 5, 30), 1.0),  # precision not fitted
            ("launch_price", "bf16", date(2022, 9, 20), None),
        ],
        schema=["basis", "precision", "priced_on", "usd_per_pflop_day"],
        orient="row",
    )
    inputs = by_subset(cloud_price_performance_inputs(rows))
    assert set(inputs) == {
        ("usd_per_pflop_day", "bf16 cloud_on_demand"),
        ("usd_per_pflop_day", "bf16 cloud_spot"),
    }
    on_demand = inputs["usd_per_pflop_day", "bf16 cloud_on_demand"]
    assert on_demand.data.select("date", "value").rows() == [
        (date(2024, 5, 1), 21.344113),
        (date(2024, 6, 1), 83.687083),
    ]
    assert on_demand.monthly
    assert on_demand.unit == PRICE_PERFORMANCE_TABLE.unit("usd_per_pflop_day")
    assert on_demand.headline

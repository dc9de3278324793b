"""schemas/columns/prices.py: the price columns accept every readable cloud quote of the bundled
FSDL and ec2instances.info 2024 snapshots, keep purchase quotes out of the cloud pricings,
and reject a provider spelled as a name or a price out of range; prices declare their units."""

import polars as pl
import pytest

from schemas.columns.declare import unit_of
from schemas.columns.prices import PRICE_COLUMNS
from sources import registry
from tests.schemas._schemas_testkit import failures

PRICING_CHECK = "isin(['on_demand', 'spot', 'reserved_1y', 'reserved_3y', 'marketplace'])"


def quotes(bundled_store, source: str) -> pl.DataFrame:
    return registry.parsed(bundled_store.latest(source)).quotes


@pytest.mark.parametrize("source", ["fsdl_serverless_gpus", "fsdl_cloud_gpus", "ec2instances_2024"])
def test_real_cloud_quotes_pass(bundled_store, source):
    rows = quotes(bundled_store, source).filter(pl.col("parse_error").is_null())  # readable
    assert rows.height > 50
    assert {"observed_at", "provider", "pricing", "usd_per_accelerator_hour"} <= set(rows.columns)
    assert failures(PRICE_COLUMNS, rows) == []


def test_purchase_quotes_are_not_a_cloud_pricing(bundled_store):
    """Epoch's hardware prices hold cloud and purchase quotes: only the purchases fail."""
    rows = quotes(bundled_store, "epoch_hardware_prices").filter(pl.col("parse_error").is_null())
    purchases = rows.filter(pl.col("pricing") == "purchase").height
    assert 0 < purchases < rows.height
    cases = failures({"pricing": PRICE_COLUMNS["pricing"]}, rows)
    assert len(cases) == purchases
    assert set(cases) == {("pricing", PRICING_CHECK, "purchase")}


def test_bad_providers_and_prices_are_rejected(bundled_store):
    row = quotes(bundled_store, "fsdl_serverless_gpus").head(1)
    # Fault injection: the provider's display name, a price in cents, a negative count.
    broken = row.with_columns(
        provider=pl.lit("Lambda Labs"),
        usd_per_accelerator_hour=pl.lit(249.0),
        accelerators_per_instance=pl.lit(-8.0),
    )
    assert [c[:2] for c in failures(PRICE_COLUMNS, broken)] == [
        ("accelerators_per_instance", "greater_than(0)"),
        ("provider", "str_matches('^[a-z0-9]+(_[a-z0-9]+)*$')"),
        ("usd_per_accelerator_hour", "less_than(100)"),
    ]


def test_prices_declare_their_units():
    assert unit_of(PRICE_COLUMNS["usd_per_hour"]) == "USD/h"
    assert unit_of(PRICE_COLUMNS["usd_per_accelerator_hour"]) == "USD/(accelerator*h)"
    assert unit_of(PRICE_COLUMNS["robust_usd_per_pflop_day"]) == "USD/(PFLOP/s*day)"
    assert PRICE_COLUMNS["observed_at"].dtype.type == pl.Datetime("us", "UTC")

"""schemas/prices.py: the price tables keep the warehouse contract's columns, a quote is keyed
by where it was read, the cloud pricing check accepts exactly the cloud pricings (never the
purchase one), and core.hardware_price accepts the bundled Epoch purchase prices, quarantining
the one record stating no price and a zero price."""

import polars as pl
import pytest

from analyses.cloud_prices import purchase_rows
from schemas.prices import CLOUD_PRICE, CLOUD_PRICE_CHANGE, HARDWARE_PRICE, PRICINGS, PURCHASE
from schemas.validation import split_valid
from sources import registry


@pytest.fixture(scope="module")
def purchases(bundled_store) -> pl.DataFrame:
    """Epoch's hardware purchase prices, no accelerator linked yet (hardware_id is optional)."""
    snapshot = bundled_store.latest("epoch_hardware_prices")
    quotes = registry.parsed(snapshot).quotes.with_columns(
        hardware_id=pl.lit(None, pl.String),
        source=pl.lit(snapshot.source),
        sha256=pl.lit(snapshot.sha256),
    )
    return purchase_rows(quotes)


def test_contract_columns_and_keys():
    contract = {
        CLOUD_PRICE: ["observed_at", "provider", "region", "instance_type", "hardware_id"]
        + ["accelerators_per_instance", "pricing", "usd_per_hour", "usd_per_accelerator_hour"]
        + ["source"],
        HARDWARE_PRICE: ["observed_on", "hardware_id", "price_usd", "source"],
    }
    for table, names in contract.items():
        assert [n for n in names if n not in table.columns] == [], table
    assert CLOUD_PRICE.key == HARDWARE_PRICE.key == ("source", "sha256", "row_number")
    assert CLOUD_PRICE_CHANGE.key == ()
    assert (CLOUD_PRICE.unit("usd_per_hour"), HARDWARE_PRICE.unit("price_usd")) == ("USD/h", "USD")


def test_the_pricing_check_accepts_the_cloud_pricings_only():
    (check,) = CLOUD_PRICE.columns["pricing"].checks
    assert check.statistics == {"allowed_values": list(PRICINGS)}
    assert PURCHASE not in PRICINGS
    assert {"on_demand", "spot", "reserved_1y", "reserved_3y"} <= set(PRICINGS)


def test_real_purchase_prices_load(purchases):
    valid, rejects = split_valid(purchases, HARDWARE_PRICE)
    assert valid.height == purchases.height - 1 > 100
    (reason,) = rejects["reason"].to_list()
    assert reason.startswith("no price in any price field")


def test_a_zero_price_is_rejected(purchases):
    row = purchases.filter(pl.col("parse_error").is_null()).head(1)
    broken = row.with_columns(price_usd=pl.lit(0.0))  # fault: a placeholder price
    _, rejects = split_valid(broken, HARDWARE_PRICE)
    assert rejects["reason"].to_list() == ["price_usd failed greater_than(0) (value 0.0)"]

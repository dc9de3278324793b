"""FLOP/s per dollar at launch price, checked against Epoch's own published ratio, and at
dated purchase prices (core.hardware_price rows as the 2026-12-04 build states them)."""

from datetime import date

import polars as pl
import pytest

from analyses.hardware_merge import merge, spec_rows
from analyses.price_performance import (
    at_launch_price,
    at_purchase_prices,
    peak_column,
    usd_per_pflop_day,
)
from schemas import PRECISIONS, PRICE_PERFORMANCE


@pytest.fixture(scope="module")
def rows(epoch_records):
    return at_launch_price(merge(spec_rows(epoch_records)))


def test_h100_at_launch_price(rows):
    # 989.4 TFLOP/s dense BF16 (datasheet) at Epoch's $33,600 launch price.
    h100 = rows.filter(
        (pl.col("hardware_id") == "nvidia-h100-sxm5-80gb") & (pl.col("precision") == "bf16")
    )
    assert h100["flop_per_s_per_usd"].item() == pytest.approx(989.4e12 / 33_600)
    assert h100["usd_per_pflop_day"].item() is None  # a purchase needs an amortisation period
    PRICE_PERFORMANCE.pandera.validate(rows)


def test_matches_epochs_published_price_performance(rows, epoch_raw):
    """Epoch's CSV carries 'Price-performance' = its 'ML OP/s' / release price. Where ML OP/s is
    one of our peaks, our ratio at that precision must equal Epoch's (Epoch AI, Data on Machine
    Learning Hardware, 2025-11 export)."""
    published = epoch_raw.filter(pl.col("Price-performance") != "inf").select(
        name="Hardware name",
        ml_ops=pl.col("ML OP/s").cast(pl.Float64),
        epoch_ratio=pl.col("Price-performance").cast(pl.Float64),
    )
    compared = 0
    for name, ml_ops, epoch_ratio in published.iter_rows():
        match = rows.filter(
            (pl.col("peak_flop_per_s") == ml_ops)
            & pl.col("hardware_id").is_in(_ids_named(epoch_raw, name))
        )
        if match.height:
            assert match["flop_per_s_per_usd"][0] == pytest.approx(epoch_ratio, rel=1e-9), name
            compared += 1
    assert compared >= 40  # most of Epoch's 53 priced chips


def _ids_named(raw, name):
    from analyses.hardware_ids import hardware_id

    vendor = raw.filter(pl.col("Hardware name") == name)["Manufacturer"].item()
    return [hardware_id(name, vendor)]


def test_one_row_per_chip_and_precision_with_both_numbers(rows, epoch_records):
    hardware = merge(spec_rows(epoch_records))
    expected = sum(
        hardware.filter(
            pl.col(peak_column(p)).is_not_null() & pl.col("launch_price_usd").is_not_null()
        ).height
        for p in PRECISIONS
    )
    assert rows.height == expected == rows.unique(["hardware_id", "precision"]).height


def test_usd_per_pflop_day_from_an_hourly_price():
    # $2.00/h for a chip of 989.4 TFLOP/s: 2 * 24 / 0.9894 = $48.51 per PFLOP/s-day at peak.
    value = pl.select(usd_per_pflop_day(pl.lit(2.0), pl.lit(989.4e12))).item()
    assert value == pytest.approx(48.5142, rel=1e-4)
    assert pl.select(usd_per_pflop_day(pl.lit(2.0), pl.lit(989.4e12), 0.5)).item() == pytest.approx(
        2 * value
    )


# core.hardware_price rows of Epoch's hardware prices (version e397345924db...), as built.
EPOCH_PRICES = "e397345924db0a6bf83bd39d27c1fc7e9ec298339261c6e5d35f535abc898d2f"
HARDWARE_PRICES = pl.DataFrame(
    [
        ("nvidia-a100-sxm4-80gb", date(2025, 3, 4), 17348.56, "$138,788.44 / 8 = 17,348.555 US$ per chip", 765),
        ("nvidia-a100-sxm4-80gb", date(2025, 3, 4), 17499.0, "Single-unit list price", 766),
        ("nvidia-a100-sxm4-80gb", date(2021, 6, 30), 37500.0, "DGX A100, 8 GPU, 640GB", 139),
        ("nvidia-a100", date(2022, 1, 20), 20875.0, "This is not a real sale price. Estimating "
         "the price of a generic A100 SXM based on the previous known release prices.", 774),
        ("google-tpu-v4", date(2021, 5, 20), 5176.0, "Estimated TPU purchase price based on "
         "geometric mean of TPU manufacturing cost and price of equivalent GPU. Page 14, table 3.", 132),
        (None, date(2021, 4, 20), 2_000_000.0, None, 780),
    ],
    schema=["hardware_id", "observed_on", "price_usd", "notes", "row_number"],
    orient="row",
).with_columns(source=pl.lit("epoch_hardware_prices"), sha256=pl.lit(EPOCH_PRICES))  # fmt: skip
# their chips' core.hardware peaks (A100 80GB: NVIDIA's datasheet, 312 TFLOP/s dense BF16)
HARDWARE = pl.DataFrame(
    [
        ("nvidia-a100-sxm4-80gb", date(2020, 11, 16), 19.49e12, 312e12),
        ("nvidia-a100", date(2020, 3, 1), 19.5e12, 312e12),
        ("google-tpu-v4", date(2021, 5, 20), None, 275e12),
    ],
    schema=["hardware_id", "released_on", "fp32_flop_per_s", "bf16_flop_per_s"],
    orient="row",
)


def test_purchase_rows_are_each_days_cheapest_observed_price():
    """Per chip and date the cheapest observed price (an 8-GPU system's per-chip share below
    the single-unit list price on 2025-03-04), named by its quote; Epoch's estimates (the
    generic A100, TPU v4) and a quote of no known chip give no row."""
    rows = at_purchase_prices(HARDWARE_PRICES, HARDWARE.with_columns(
        *(pl.lit(None, pl.Float64).alias(peak_column(p)) for p in PRECISIONS
          if peak_column(p) not in HARDWARE.columns))
    )  # fmt: skip
    PRICE_PERFORMANCE.pandera.validate(rows)
    bf16 = rows.filter(pl.col("precision") == "bf16")
    assert bf16.select("hardware_id", "priced_on", "price_usd", "row_number").rows() == [
        ("nvidia-a100-sxm4-80gb", date(2021, 6, 30), 37500.0, 139),
        ("nvidia-a100-sxm4-80gb", date(2025, 3, 4), 17348.56, 765),
    ]
    assert bf16["flop_per_s_per_usd"].to_list() == pytest.approx(
        [312e12 / 37_500, 312e12 / 17_348.56]  # 8.3e9 and 1.8e10 FLOP/s per dollar
    )
    assert set(rows["basis"]) == {"purchase"} and set(rows["precision"]) == {"fp32", "bf16"}
    assert rows["usd_per_pflop_day"].is_null().all()  # a purchase needs an amortisation period

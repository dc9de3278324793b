"""FLOP/s per dollar at launch price, checked against Epoch's own published ratio."""

import polars as pl
import pytest

from analyses.hardware_merge import merge, spec_rows
from analyses.price_performance import at_launch_price, peak_column, usd_per_pflop_day
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

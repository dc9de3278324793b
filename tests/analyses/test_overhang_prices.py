"""Dollars per PFLOP/s-day: amortised purchases, presets, the best price of each year.
Overhang arithmetic against hand-computed values, on the real rows' values of
`_overhang_testkit.py`."""

from datetime import date

import polars as pl
import pytest

from analyses.overhang_prices import amortised_purchase, best_available, purchase_presets
from tests.analyses._overhang_testkit import PRICE_PERFORMANCE, UTILISATION, inputs_of, value_of


def test_amortised_purchase_of_every_priced_chip_and_the_presets():
    rows = amortised_purchase(PRICE_PERFORMANCE, utilisation=UTILISATION, amortisation_days=365)
    assert rows.height == 4  # the launch prices, not the cloud quotes
    # $33,600 / (0.9894 PFLOP/s * 0.4 * 365 days) = $232.60
    assert value_of(rows, "nvidia-h100-sxm5-80gb/bf16", "usd_per_pflop_day") == pytest.approx(
        232.60, abs=0.01
    )
    assert inputs_of(rows, "nvidia-h100-sxm5-80gb/bf16", "usd_per_pflop_day")["price_usd"] == 33_600
    presets = pl.DataFrame(
        {
            "name": ["usd-10000-at-30-tflops-1y", "usd-1000-at-125-tflops-1y"],
            "price_usd": [10_000.0, 1_000.0],
            "peak_flop_per_s": [30e12, 125e12],
            "amortisation_days": [365.0, 365.0],
        }
    )
    at_peak = purchase_presets(presets, utilisation=1.0)
    # $10,000 / (0.03 * 365) = $913.24; $1,000 / (0.125 * 365) = $21.92
    assert value_of(at_peak, "preset/usd-10000-at-30-tflops-1y", "usd_per_pflop_day") == (
        pytest.approx(913.242, abs=1e-3)
    )
    assert value_of(at_peak, "preset/usd-1000-at-125-tflops-1y", "usd_per_pflop_day") == (
        pytest.approx(21.918, abs=1e-3)
    )
    at_04 = purchase_presets(presets, utilisation=UTILISATION)
    assert value_of(at_04, "preset/usd-1000-at-125-tflops-1y", "usd_per_pflop_day") == (
        pytest.approx(54.795, abs=1e-3)
    )
    assert inputs_of(at_04, "preset/usd-1000-at-125-tflops-1y", "usd_per_pflop_day") == {
        "name": "usd-1000-at-125-tflops-1y",
        "price_usd": 1000.0,
        "peak_flop_per_s": 125e12,
        "amortisation_days": 365.0,
        "utilisation": 0.4,
    }


def test_best_price_of_each_year_bought_or_rented(best):
    by = {(b, y): v for b, y, v in best.select("basis", "year", "usd_per_pflop_day").iter_rows()}
    # V100: $11,500 / (0.125 * 0.4 * 365) = $630.14, the only chip until 2022 (carried forward)
    assert [by[("purchase", y)] for y in range(2017, 2022)] == pytest.approx([630.137] * 5, 1e-5)
    # RTX 4090 from 2022: $1,599 / (0.33 * 0.4 * 365) = $33.19, cheaper than the H100's $232.60
    assert by[("purchase", 2022)] == by[("purchase", 2023)] == pytest.approx(33.188, abs=1e-3)
    # the cheaper of two spot quotes of 2023: $0.181438/h * 24 / 0.312 PFLOP/s / 0.4 = $34.89
    assert by[("cloud_spot", 2023)] == pytest.approx(34.892, abs=1e-3)
    assert ("cloud_spot", 2022) not in by  # no quote that year
    spot = best.filter(pl.col("basis") == "cloud_spot").row(0, named=True)
    assert (spot["source"], spot["row_number"], spot["priced_on"]) == (
        "gcp_pricing",
        694,
        date(2023, 5, 25),
    )
    rows = best_available(best, utilisation=UTILISATION, amortisation_days=365)
    assert inputs_of(rows, "cloud_spot/2023", "usd_per_pflop_day")["price"]["row_number"] == 694
    assert inputs_of(rows, "purchase/2022", "usd_per_pflop_day")["price"]["hardware_id"] == (
        "nvidia-geforce-rtx-4090"
    )

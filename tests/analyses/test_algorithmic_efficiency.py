"""The halving time of the compute to reach a fixed capability, on the real efficiency frontier,
against the published figures: Hernandez and Brown, 'Measuring the Algorithmic Efficiency of
Neural Networks', arXiv:2005.04305 (2020), abstract: a 44x decrease in compute to AlexNet-level
performance between 2012 and 2019, 'algorithmic efficiency doubling every 16 months'."""

import polars as pl
import pytest

from analyses.algorithmic_efficiency import efficiency_trends, frontier
from sources import algorithmic_efficiency as source


@pytest.fixture(scope="module")
def rows(bundled_store):
    return frontier(source.to_frontier(source.read(bundled_store.latest(source.SOURCE.name))))


@pytest.fixture(scope="module")
def trends(rows):
    return {r["capability"]: r for r in efficiency_trends(rows).iter_rows(named=True)}


def test_alexnet_level_compute_fell_44x_from_2012_to_2019(rows, trends):
    # 3.1 / 0.069 tf-s-days = 44.9: the paper's '44x' (the upstream rounds it down)
    alexnet = trends["AlexNet"]
    assert alexnet["reduction_factor"] == pytest.approx(3.1 / 0.069)
    assert 44 <= alexnet["reduction_factor"] < 45
    assert alexnet["published_reduction_factor"] == 44
    assert (alexnet["first_publication"], alexnet["latest_publication"]) == (
        "AlexNet",
        "EfficientNet (b0)",
    )
    b0 = rows.filter(pl.col("publication") == "EfficientNet (b0)")
    assert b0["reduction_factor"][0] == pytest.approx(44.93, abs=0.01)


def test_alexnet_level_halving_time_is_the_published_16_months_within_its_interval(trends):
    alexnet = trends["AlexNet"]
    assert (alexnet["n"], alexnet["trend_method"], alexnet["ci_level"]) == (6, "ols", 0.9)
    # OLS of log10 compute on the date: 15.7 months, 90% bootstrap interval 14.7 .. 17.5
    assert 12 * alexnet["halving_time_years"] == pytest.approx(15.68, abs=0.01)
    assert 12 * alexnet["halving_ci_low_years"] == pytest.approx(14.67, abs=0.05)
    assert 12 * alexnet["halving_ci_high_years"] == pytest.approx(17.55, abs=0.05)
    assert alexnet["published_halving_years"] == pytest.approx(16 / 12)
    assert alexnet["is_published_within_ci"] is True
    assert alexnet["efficiency_factor_per_year"] == pytest.approx(1.70, abs=0.01)
    assert alexnet["r2"] == pytest.approx(0.982, abs=0.001)


def test_capabilities_with_two_records_get_a_rate_without_an_interval(trends):
    for capability, factor in (
        ("ResNet-50", 17 / 0.75),
        ("Seq2Seq", 465 / 8),
        ("GNMT", 1620 / 181),
    ):
        row = trends[capability]
        assert (row["n"], row["trend_method"]) == (2, "two points")
        assert row["halving_ci_low_years"] is None and row["halving_ci_high_years"] is None
        assert row["reduction_factor"] == pytest.approx(factor)
        assert row["is_published_within_ci"] is None
    # Transformer (Big) matched GNMT with 9x less compute within a year: halving in 3.7 months
    assert 12 * trends["GNMT"]["halving_time_years"] == pytest.approx(3.65, abs=0.05)


def test_the_stated_reduction_factors_are_kept_beside_the_recomputed_ones(rows):
    # upstream's ResNet-50 -> EfficientNet (b1) says 10x, its own compute figures 22.7x
    b1 = rows.filter(pl.col("publication") == "EfficientNet (b1)").row(0, named=True)
    assert b1["stated_reduction_factor"] == 10
    assert b1["reduction_factor"] == pytest.approx(22.67, abs=0.01)

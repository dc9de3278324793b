"""Effective compute per dollar as the session build writes it: the combined rate against a hand
computation from its two parts as the warehouse states them, and the parts against their
sources.

Parts: FP32 FLOP/s per launch dollar of GPUs (analysis.trend_latest, 346 GPUs 2003-2025:
doubling every 3.15 years) and AlexNet-level algorithmic efficiency (Hernandez and Brown,
'Measuring the Algorithmic Efficiency of Neural Networks', arXiv:2005.04305 (2020): 44x less
compute 2012-2019, 'doubling every 16 months'; we fit 15.7 months, 90% CI 14.7-17.5)."""

import math

import pytest

import warehouse
from pipelines.cli import main

LOG10_2 = math.log10(2)


def one(db, sql, params=()):
    return warehouse.query(sql, list(params), path=db).row(0, named=True)


@pytest.fixture(scope="module")
def fp32(db):
    return one(
        db,
        "SELECT * FROM analysis.effective_compute_trend "
        "WHERE hardware_metric = 'fp32_flop_per_s_per_usd' AND hardware_subset = 'gpu'",
    )


def test_the_parts_are_the_trends_they_come_from(db, fp32):
    hardware = one(
        db,
        "SELECT * FROM analysis.trend_latest WHERE metric = 'fp32_flop_per_s_per_usd' "
        "AND subset = 'gpu' AND method = 'ols'",
    )
    assert fp32["hardware_n"] == hardware["n"] == 346
    assert fp32["hardware_log10_slope_per_year"] == hardware["log10_slope_per_year"]
    assert fp32["hardware_doubling_time_years"] == pytest.approx(hardware["doubling_time_years"])
    assert fp32["hardware_doubling_time_years"] == pytest.approx(3.152, abs=0.001)
    alexnet = one(
        db, "SELECT * FROM analysis.algorithmic_efficiency_trend WHERE capability = 'AlexNet'"
    )
    assert fp32["efficiency_log10_gain_per_year"] == -alexnet["log10_slope_per_year"]
    assert 12 * fp32["efficiency_doubling_time_years"] == pytest.approx(15.68, abs=0.01)
    # the gain's interval is the halving times' interval: the shortest halving, the most gain
    assert LOG10_2 / fp32["efficiency_log10_gain_ci_high"] == pytest.approx(
        alexnet["halving_ci_low_years"]
    )
    assert LOG10_2 / fp32["efficiency_log10_gain_ci_low"] == pytest.approx(
        alexnet["halving_ci_high_years"]
    )
    # stated for the window both cover: the efficiency frontier's 2012-06-01 .. 2019-05-28
    assert (str(fp32["overlap_start_on"]), str(fp32["overlap_end_on"])) == (
        "2012-06-01",
        "2019-05-28",
    )


def test_the_combined_rate_is_the_sum_of_the_parts_by_hand(fp32):
    h, h_low, h_high = (
        fp32["hardware_log10_slope_per_year"],
        fp32["hardware_log10_slope_ci_low"],
        fp32["hardware_log10_slope_ci_high"],
    )
    e, e_low, e_high = (
        fp32["efficiency_log10_gain_per_year"],
        fp32["efficiency_log10_gain_ci_low"],
        fp32["efficiency_log10_gain_ci_high"],
    )
    slope = h + e  # 0.0955 + 0.2303 = 0.3258 orders of magnitude a year
    low = slope - math.sqrt((h - h_low) ** 2 + (e - e_low) ** 2)
    high = slope + math.sqrt((h_high - h) ** 2 + (e_high - e) ** 2)
    assert fp32["effective_log10_slope_per_year"] == pytest.approx(slope)
    assert fp32["effective_log10_slope_ci_low"] == pytest.approx(low)
    assert fp32["effective_log10_slope_ci_high"] == pytest.approx(high)
    assert fp32["effective_doubling_time_years"] == pytest.approx(LOG10_2 / slope)
    assert fp32["effective_doubling_ci_low_years"] == pytest.approx(LOG10_2 / high)
    assert fp32["effective_doubling_ci_high_years"] == pytest.approx(LOG10_2 / low)
    # the figures: x2.12 a year, doubling every 11.1 months (90% CI 10.5 .. 12.1), x189 over
    # 2012-06 .. 2019-05 (of which x4.6 hardware, x41 algorithms at the fitted rates)
    assert slope == pytest.approx(0.3258, abs=1e-4)
    assert fp32["effective_factor_per_year"] == pytest.approx(2.118, abs=0.001)
    assert 12 * fp32["effective_doubling_time_years"] == pytest.approx(11.09, abs=0.01)
    assert 12 * fp32["effective_doubling_ci_low_years"] == pytest.approx(10.47, abs=0.05)
    assert 12 * fp32["effective_doubling_ci_high_years"] == pytest.approx(12.09, abs=0.05)
    years = (fp32["overlap_end_on"] - fp32["overlap_start_on"]).days / 365.25
    assert fp32["effective_factor_over_overlap"] == pytest.approx(10 ** (slope * years))
    assert fp32["effective_factor_over_overlap"] == pytest.approx(189.1, abs=0.5)
    assert fp32["ci_level"] == 0.9
    assert "independent" in fp32["assumption"] and "quadrature" in fp32["interval_method"]


def test_the_tensor_series_rests_on_a_two_year_overlap(db):
    rows = warehouse.query(
        "SELECT hardware_metric, hardware_subset, hardware_n, overlap_start_on, "
        "overlap_end_on, effective_doubling_time_years FROM analysis.effective_compute_trend "
        "ORDER BY ALL",
        path=db,
    )
    assert rows.height == 2
    tensor = rows.filter(hardware_metric="fp16_tensor_flop_per_s_per_usd").row(0, named=True)
    # 17 ML GPUs from the V100 (2017-06-21) on; the frontier ends with EfficientNet (2019-05)
    assert tensor["hardware_subset"] == "ml gpu" and tensor["hardware_n"] == 17
    assert str(tensor["overlap_start_on"]) == "2017-06-21"
    assert 12 * tensor["effective_doubling_time_years"] == pytest.approx(11.02, abs=0.05)


def test_the_efficiency_summary_view_and_the_summary_sections(db, monkeypatch, capsys):
    rows = {
        figure: row
        for figure, *row in warehouse.query(
            "SELECT figure, value, value_low, value_high, n, summary "
            "FROM analysis.efficiency_summary",
            path=db,
        ).iter_rows()
    }
    assert len(rows) == 15  # 4 capabilities, 2 hardware series, 8 matched ratios, 1 spec
    # Hernandez and Brown: AlexNet-level compute halves every 16 months (we fit 15.7)
    alexnet = rows["AlexNet-level: months for the compute to reach it to halve"]
    assert tuple(alexnet[:4]) == (15.68, 14.67, 17.55, 6)
    assert "published 16 months" in alexnet[4]
    cifar = rows["CIFAR10 train: CPU/GPU time, geometric mean"]
    assert tuple(cifar[:4]) == (14.23, 7.54, 32.06, 11)
    spec = rows["GPU/CPU peak FP32 FLOP/s per launch dollar, median over years"]
    assert spec[0] is None and spec[3] == 0
    assert (
        spec[4] == "withheld: none of the 784 server CPUs in core.hardware states peak FP32 FLOP/s"
    )
    monkeypatch.setenv("FLOPBASE_DB", str(db))
    assert main(["summary"]) == 0
    out = capsys.readouterr().out
    efficiency = out.split("Algorithmic efficiency (months")[1].split("CPU against GPU")[0]
    assert "11.09" in efficiency and "15.68" in efficiency
    assert "withheld: none of the 784 server CPUs" in out.split("CPU against GPU")[1]


def test_the_data_dictionary_describes_the_new_relations(db):
    # the export (tests/e2e/test_export.py) and the dictionary pick them up from the schemas
    described = warehouse.query(
        "SELECT table_name, count(*) AS n, count(*) FILTER (WHERE length(description) > 10) "
        "AS described FROM meta.data_dictionary WHERE table_name IN "
        "('analysis.effective_compute_trend', 'analysis.efficiency_summary') GROUP BY ALL "
        "ORDER BY ALL",
        path=db,
    )
    assert described.rows() == [
        ("analysis.effective_compute_trend", 31, 31),
        ("analysis.efficiency_summary", 11, 11),
    ]

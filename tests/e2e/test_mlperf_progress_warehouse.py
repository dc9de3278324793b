"""analysis.mlperf_benchmark_progress on the session warehouse: the ResNet-50 row worked by hand
from the logs and the price quotes, every row against the frontier and cost tables it reads,
and its trends against analysis.trend_latest; the frontier plot in the asset's metadata."""

import base64
import math
import re

import pytest

from tests.e2e.conftest import q


@pytest.fixture(scope="module")
def progress(db):
    return q(db, "SELECT * FROM analysis.mlperf_benchmark_progress")


def test_resnet_time_then_and_now_worked_by_hand(progress):
    """v0.5 (2018-12-12): NVIDIA's 80 DGX-1 (dgx1_multi_ngc18.11_mxnet), five runs of 374.175541,
    374.484113, 374.853527, 375.931459 and 373.416687 s in its logs: dropping the fastest and
    the slowest, (374.175541 + 374.484113 + 374.853527) / 3 = 374.504394 s (6.24 min).
    v3.0 (2023-06-19): NVIDIA and CoreWeave's 448-node HGX H100 (3,584 GPUs), runs 10.961,
    10.973, 10.977, 10.987, 11.007 s: (10.973 + 10.977 + 10.987) / 3 = 10.979 s (0.183 min),
    still the fastest when ResNet-50 was last run (v4.0). 374.504394 / 10.979 = 34.11x."""
    row = progress.filter(benchmark="resnet").row(0, named=True)
    assert (row["first_round"], row["latest_round"]) == ("v0.5", "v4.0")
    assert (row["first_round_on"].isoformat(), row["latest_round_on"].isoformat()) == (
        "2018-12-12",
        "2024-06-11",
    )
    assert row["first_best_time_system_id"] == "v0.5/nvidia/submission/dgx1_multi_ngc18.11_mxnet"
    assert row["first_best_time_s"] == pytest.approx(1123.513181 / 3, abs=1e-6)
    assert row["best_time_system_id"] == (
        "v3.0/NVIDIA_CoreWeave/coreweave_hgxh100_n448_ngc23.04_mxnet"
    )
    assert row["best_time_round"] == "v3.0"
    assert row["best_time_s"] == pytest.approx(32.937 / 3, abs=1e-9)
    assert row["times_faster"] == pytest.approx(374.504394 / 10.979, rel=1e-6)
    # ten rounds v0.5-v4.0; the 332 rated results are the MLPerf points of the ImageNet series
    assert (row["time_rounds"], row["time_results"]) == (10, 332)


def test_resnet_cost_then_and_now_worked_by_hand(progress):
    """v0.5's cheapest priced ResNet-50: Google's Cloud TPU v2-8 (4 chips), 18,094.67 s at GCP's
    1.13 USD per TPU v2 chip-hour (the one provider quoting it near 2018-12-12):
    4 x 18094.667879 / 3600 x 1.13 = 22.72 USD. The cheapest since: Lenovo's v2.1 SR670 V2
    with 4 A100 SXM4 40 GB, 3,719.924 s at 1.10 USD/h (25th percentile of 5 providers):
    4 x 3719.924 / 3600 x 1.1 = 4.55 USD. 22.72 / 4.55 = 5.0x cheaper."""
    row = progress.filter(benchmark="resnet").row(0, named=True)
    assert (row["first_cost_round"], row["best_cost_round"]) == ("v0.5", "v2.1")
    assert row["first_best_cost_system_id"] == "v0.5/google/cloud_v2.8/resnet-tpuv2-8/tpu"
    assert row["first_best_cost_usd"] == pytest.approx(4 * 18094.667879 / 3600 * 1.13, abs=1e-5)
    assert row["best_cost_system_id"] == "v2.1/Lenovo/SR670v2-4xA100_SXM4_40GB_400W"
    assert row["best_cost_usd"] == pytest.approx(4 * 3719.924 / 3600 * 1.1, abs=1e-6)
    assert row["times_cheaper"] == pytest.approx(22.718861 / 4.546574, rel=1e-6)
    assert (row["cost_rounds"], row["cost_results"]) == (10, 187)


def test_every_row_agrees_with_the_cost_table(db, progress):
    """Recomputed from analysis.mlperf_cost without the frontier table: the first round's
    fastest score, the fastest of all rounds, and the counts of rated and priced results."""
    independent = q(
        db,
        "WITH rated AS (SELECT * FROM analysis.mlperf_cost WHERE score_s IS NOT NULL), "
        "first AS (SELECT benchmark, min(round_published_on) AS first_on FROM rated GROUP BY 1) "
        "SELECT benchmark, min(score_s) AS best, "
        "min(score_s) FILTER (WHERE round_published_on = first_on) AS first_best, "
        "count(*) AS results, count(cost_to_train_usd) AS priced, "
        "min(cost_to_train_usd) AS cheapest FROM rated JOIN first USING (benchmark) GROUP BY 1",
    )
    assert sorted(independent["benchmark"]) == sorted(progress["benchmark"])
    assert progress.height == 20
    mine = {r["benchmark"]: r for r in progress.iter_rows(named=True)}
    for row in independent.iter_rows(named=True):
        view = mine[row["benchmark"]]
        assert view["best_time_s"] == pytest.approx(row["best"])
        assert view["first_best_time_s"] == pytest.approx(row["first_best"])
        assert view["time_results"] == row["results"]
        assert (view["cost_results"] or 0) == row["priced"]
        assert view["best_cost_usd"] == (pytest.approx(row["cheapest"]) if row["priced"] else None)
        assert view["times_faster"] >= 1 and (view["times_cheaper"] or 1) >= 1


def test_trends_are_the_fitted_ones(db, progress):
    """Every MLPerf trend of analysis.trend_latest lands on its benchmark's row (the view names
    the subset as analyses/trend_inputs_mlperf.py does), with its doubling time rounded."""
    trends = q(
        db,
        "SELECT metric, subset, doubling_time_years, log10_slope_per_year FROM "
        "analysis.trend_latest WHERE subset LIKE 'mlperf %' AND method = 'ols'",
    )
    assert trends.height == 16  # 7 cost and 9 time fits: 5 rounds or more (figures_unchanged.json)
    mine = {r["benchmark"]: r for r in progress.iter_rows(named=True)}
    for metric, subset, doubling, slope in trends.iter_rows():
        row = mine[subset.removeprefix("mlperf ").removesuffix(" closed best per round")]
        kind = "time" if metric == "time_to_train_s" else "cost"
        assert row[f"{kind}_trend"] is not None
        if doubling is None:
            assert row[f"{kind}_doubling_time_years"] is None
            assert row[f"{kind}_trend"].startswith("no clear trend")
        else:
            assert row[f"{kind}_doubling_time_years"] == round(doubling, 2)
            assert doubling == pytest.approx(math.log10(2) / slope)
    resnet = mine["resnet"]
    # ResNet-50's fastest time halves every 1.12 years (slope -0.270 log10/yr over 10 rounds)
    assert resnet["time_trend"].startswith("halves every 1.12 years")
    assert resnet["time_ci_low_years"] < resnet["time_doubling_time_years"] < 0
    assert resnet["time_doubling_time_years"] < resnet["time_ci_high_years"] < 0
    # a benchmark of one round has no trend
    assert mine["flux1"]["time_trend"] is None and mine["flux1"]["cost_rounds"] is None


def test_frontier_asset_carries_its_plot(built):
    """One panel per benchmark (20), drawn in the session build's run."""
    _, result = built
    (event,) = [
        e
        for e in result.get_asset_materialization_events()
        if e.asset_key.to_user_string() == "analysis/mlperf_frontier"
    ]
    metadata = event.materialization.metadata
    encoded = re.search(r"base64,([A-Za-z0-9+/=]+)\)", metadata["plot"].value).group(1)
    assert base64.b64decode(encoded).startswith(b"\x89PNG\r\n\x1a\n")
    assert metadata["plots_drawn"].value == 1

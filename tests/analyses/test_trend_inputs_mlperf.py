"""analyses/trend_inputs_mlperf.py on real rows: MLPerf ResNet-50's analysis.mlperf_cost rows
(_mlperf_testkit.py) give one point per round, its fastest score and its cheapest cost; a
benchmark of fewer than MIN_ROUNDS rounds is not fitted; the ImageNet series (DAWNBench of the
bundled snapshot, then MLPerf) gives each date's best, headline trends."""

import polars as pl
import pytest

from analyses.dawnbench_leaderboard import mark_first_at_target
from analyses.imagenet_series import series
from analyses.trend_inputs_mlperf import MIN_ROUNDS, imagenet_inputs, mlperf_inputs
from tests.analyses._mlperf_testkit import RESNET_COSTS, RESNET_RUNS


def test_one_point_per_round_the_fastest_and_the_cheapest() -> None:
    time, cost = mlperf_inputs(RESNET_COSTS)
    assert (time.metric, time.subset, time.unit) == (
        "time_to_train_s",
        "mlperf resnet closed best per round",
        "s",
    )
    assert time.data.height == 10  # rounds v0.5 to v4.0
    assert time.data["value"].to_list()[:3] == [374.5043936570485, 76.94666655858357, 63.516]
    assert time.data["value"][-1] == 10.979000000000001
    assert set(time.data["source"]) == {"mlperf"}
    assert (cost.metric, cost.unit) == ("cost_to_train_usd", "USD")
    # each round's own cheapest (v0.7: 25.23 USD, dearer than v0.6's), not the frontier
    assert cost.data["value"].to_list() == pytest.approx(
        [22.71886078084398, 22.49936592525906, 25.232840925925927, 16.59981881481481,
         14.992628324745185, 4.562273222222223, 4.546573777777779, 4.923319940740741,
         4.858875479166667, 6.316867244444445]
    )  # fmt: skip


def test_a_benchmark_of_too_few_rounds_is_not_fitted() -> None:
    rounds = RESNET_COSTS["round"].unique().sort()[: MIN_ROUNDS - 1]
    assert mlperf_inputs(RESNET_COSTS.filter(pl.col("round").is_in(rounds.implode()))) == []


def test_imagenet_inputs_are_each_dates_best_and_headlines(
    dawnbench_entries, dawnbench_curves, dawnbench_times
) -> None:
    curves = mark_first_at_target(dawnbench_curves, dawnbench_times)
    points = series(dawnbench_entries, curves, RESNET_COSTS, RESNET_RUNS)
    time, cost = imagenet_inputs(points)
    assert time.subset == cost.subset == "imagenet dawnbench+mlperf best per date"
    assert time.headline and cost.headline
    assert time.data["date"].n_unique() == time.data.height == points["reported_on"].n_unique()
    first = time.data.row(0, named=True)
    assert (str(first["date"]), first["value"]) == ("2017-10-27", 878398.1920000003)
    assert set(time.data["source"]) == {"dawnbench", "mlperf"}  # each date names its benchmark
    assert cost.data["value"].min() == pytest.approx(4.546573777777779)

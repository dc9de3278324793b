"""analyses/mlperf_frontier.py on the real ResNet-50 rows of analysis.mlperf_cost
(_mlperf_testkit.py, each round's bests of a build of the bundled MLPerf snapshots): the best
time and cost to date round by round, the result holding it, whether the round set it and by
what factor, as the build's analysis.mlperf_frontier states them."""

import polars as pl
import pytest

from analyses.mlperf_frontier import frontiers
from tests.analyses._mlperf_testkit import RESNET_COSTS


@pytest.fixture(scope="module")
def frontier() -> pl.DataFrame:
    return frontiers(RESNET_COSTS)


def test_the_time_frontier_round_by_round(frontier) -> None:
    time = frontier.filter(pl.col("frontier_measure") == "time")
    assert time.select("round", "system_id", "is_record").rows() == [
        ("v0.5", "v0.5/nvidia/submission/dgx1_multi_ngc18.11_mxnet", True),
        ("v0.6", "v0.6/Google/tpu-v3-2048", True),
        ("v0.7", "v0.7/NVIDIA/dgxa100_n96_ngc20.06_mxnet", True),
        ("v1.0", "v0.7/NVIDIA/dgxa100_n96_ngc20.06_mxnet", False),  # v1.0's best 294.6 s
        ("v1.1", "v1.1/NVIDIA/dgxa100_n540_ngc21.09_mxnet", True),
        ("v2.0", "v2.0/Google/cloud-tpu-v4-8192-TF", True),
        ("v2.1", "v2.0/Google/cloud-tpu-v4-8192-TF", False),
        ("v3.0", "v3.0/NVIDIA_CoreWeave/coreweave_hgxh100_n448_ngc23.04_mxnet", True),
        # v3.1 and v4.0 rerun the same 10.979 s: a tie stays with the earlier round
        ("v3.1", "v3.0/NVIDIA_CoreWeave/coreweave_hgxh100_n448_ngc23.04_mxnet", False),
        ("v4.0", "v3.0/NVIDIA_CoreWeave/coreweave_hgxh100_n448_ngc23.04_mxnet", False),
    ]
    improvement = time["improvement"].to_list()
    assert improvement[0] is None
    # v0.5's 374.50 s to v0.6's 76.95 s (TPU v3 pod), then 76.95 s to 63.52 s (768 A100)
    assert improvement[1:3] == pytest.approx([4.867064557915819, 1.2114532804109763])
    assert improvement[3] == 1.0
    assert time["score_s"].min() == 10.979000000000001


def test_the_cost_frontier_and_the_accelerator_time_frontier(frontier) -> None:
    cost = frontier.filter(pl.col("frontier_measure") == "cost")
    assert cost["cost_to_train_usd"].to_list() == pytest.approx(
        [22.71886078084398, 22.49936592525906, 22.49936592525906, 16.59981881481481,
         14.992628324745185, 4.562273222222223, 4.546573777777779, 4.546573777777779,
         4.546573777777779, 4.546573777777779]
    )  # fmt: skip
    assert cost["is_record"].to_list() == [True, True, False, True, True, True, True] + [False] * 3
    assert cost["improvement"][5] == pytest.approx(3.2862188638151033)  # v2.0: 14.99 -> 4.56 USD
    chips = frontier.filter(pl.col("frontier_measure") == "accelerator_time")
    assert chips.height == 10
    # H200 (8 chips, 721.6 s) in v4.0: 5,772.8 accelerator-seconds, the least of any round
    assert chips.row(-1, named=True)["system_id"] == "v4.0/NVIDIA/h200_ngc24.04_mxnet"
    assert chips.row(-1, named=True)["accelerator_time_s"] == pytest.approx(5772.845333333334)


def test_rated_results_count_the_round_and_unrated_rounds_add_no_row(frontier) -> None:
    counts = dict(
        frontier.filter(pl.col("frontier_measure") == "cost")
        .select("round", "rated_results")
        .iter_rows()
    )
    # of the excerpt's rows: NVIDIA's v0.5 result states no chip count, so it has no cost;
    # in v0.7 only Fujitsu's V100 result is priced (no A100 quote within the price window yet)
    assert counts["v0.5"] == 2
    assert counts["v0.7"] == 1
    unpriced = RESNET_COSTS.filter(pl.col("round") == "v0.5").with_columns(
        cost_to_train_usd=pl.lit(None, pl.Float64)
    )
    only_time = frontiers(unpriced)
    assert only_time["frontier_measure"].unique().sort().to_list() == ["accelerator_time", "time"]

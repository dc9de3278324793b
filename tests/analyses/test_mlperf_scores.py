"""Official-style MLPerf scores recomputed from the bundled logs against the scores the
submitters' summary CSVs publish (mlcommons/training_results_v<round>/<submitter>/summary.csv,
bundled byte-identical; minutes), one per log format era."""

import polars as pl
import pytest

from analyses.mlperf_scores import olympic_mean, scores
from sources import mlperf, mlperf_conform
from sources.snapshots import SnapshotStore
from tests.conftest import REPO


@pytest.fixture(scope="module")
def scored():
    snapshot = SnapshotStore(REPO / "data" / "snapshots").latest("mlperf")
    systems, results = mlperf.read_version(snapshot)
    conformed = mlperf_conform.to_systems(systems).with_columns(hardware_id=pl.lit(None, pl.String))
    rows = mlperf_conform.to_results(results, conformed)
    loaded = rows.filter(pl.col("not_loaded").is_null())
    missing = rows.filter(pl.col("not_loaded").is_not_null()).select("system_id", "benchmark")
    return snapshot, scores(loaded, missing)


def score_min(scored, system_id, benchmark):
    _, frame = scored
    row = frame.filter(system_id=system_id, benchmark=benchmark)
    assert row.height == 1
    return row["score_s"][0] / 60


@pytest.mark.parametrize(
    ("system_id", "benchmark", "published_min"),
    [
        # v1.1 NVIDIA/summarizer.csv (MLLOG era, 5 runs)
        ("v1.1/NVIDIA/dgxa100_ngc21.09_mxnet", "resnet", 29.146589),
        # one of 5 dlrm runs failed: dropped as a slowest run
        ("v1.1/NVIDIA/dgxa100_n14_ngc21.09_merlin_hugectr", "dlrm", 0.6325),
        # unet3d: 40 runs, 4 dropped at each end, 2 of them failed runs
        ("v1.1/NVIDIA/dgxa100_n96_ngc21.09_mxnet", "unet3d", 1.372829),
        ("v1.1/NVIDIA/dgxa100_n540_ngc21.09_pytorch", "bert", 0.226219),
    ],
)
def test_scores_match_the_published_summaries(scored, system_id, benchmark, published_min):
    assert score_min(scored, system_id, benchmark) == pytest.approx(published_min, abs=5e-7)


def test_a_hundred_and_five_published_scores_are_reproduced(scored):
    """Every summary row whose system folder matches a results folder (105 of 194 rows; the
    other rows name systems by another spelling) but 5 of H3C's v2.0/v3.0 rows is equal to
    the recomputed score to 1e-4 minutes."""
    snapshot, frame = scored
    published = mlperf.summary_scores(snapshot).with_columns(
        system_id=pl.col("round")
        + "/"
        + pl.col("file").str.split("/").list.get(1)
        + "/"
        + pl.col("system")
    )
    joined = published.join(frame, on=["system_id", "benchmark"])
    equal = (joined["score_s"] / 60 - joined["minutes"]).abs() < 1e-4
    assert joined.height == 110
    assert equal.sum() == 105
    assert set(joined.filter(~equal)["system_id"].str.split("/").list.get(1)) == {"H3C"}


def test_earlier_formats_worked_by_hand(scored):
    """No summary CSV exists before v1.1 in the snapshot, so the v0.5 (seconds) and v0.6
    scores are pinned as computed from their logs: Google v0.5 tpuv3-8 resnet runs
    11005.547, 10812.265, 11008.156, 11001.874, 11005.099 s -> drop 10812.265 and 11008.156,
    mean of the other three = 11004.173 s (183.40 min). NVIDIA v0.6 dgx1_n130 resnet runs
    101.557, 101.442, 101.444, 97.085, 101.464 s -> mean of 101.442, 101.444, 101.464 =
    101.450 s (1.69 min)."""
    v05 = score_min(scored, "v0.5/google/cloud_v3.8/resnet-tpuv3-8/tpu", "resnet") * 60
    assert v05 == pytest.approx((11005.547027 + 11001.874022 + 11005.099126) / 3, abs=1e-3)
    v06 = score_min(scored, "v0.6/NVIDIA/dgx1_n130_ngc19.05_mxnet", "resnet") * 60
    assert v06 == pytest.approx((101.442 + 101.444 + 101.464) / 3, abs=1e-6)


def test_olympic_mean_follows_the_summarizer():
    assert olympic_mean([1, 2, 3, 4, 5], failed=0, dropped=1) == 3
    assert olympic_mean([1, 2, 3, 4], failed=1, dropped=1) == 3  # the failure is the slowest
    assert olympic_mean([1, 2, 3], failed=2, dropped=1) is None


def test_missing_logs_leave_no_score(scored):
    _, frame = scored
    row = frame.filter(system_id="v4.0/JuniperNetworks/a100_n8", benchmark="bert")
    assert row.height == 0 or row["score_s"][0] is None

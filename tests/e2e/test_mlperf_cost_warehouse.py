"""MLPerf Training in dollars and over time, as built into the session warehouse: every
closed-division available result is priced or says why, one priced result worked by hand, the
frontiers per benchmark, and the ImageNet series DAWNBench -> MLPerf with its targets."""

import json

import pytest

from tests.e2e.conftest import q


def test_every_closed_available_result_is_priced_or_says_why(db):
    expected = q(
        db,
        "SELECT count(*) AS n FROM analysis.mlperf_score "
        "WHERE division = 'closed' AND availability = 'available'",
    )["n"][0]
    counts = q(
        db,
        "SELECT count(*) AS n, count(cost_to_train_usd) AS priced, "
        "count(*) FILTER (WHERE (cost_to_train_usd IS NULL) = (unpriced_reason IS NULL)) AS bad "
        "FROM analysis.mlperf_cost",
    ).row(0)
    assert counts == (expected, 1163, 0)
    assert expected == 2063


def test_a_priced_result_worked_by_hand(db):
    """Azure's v2.1 ND96amsr_A100_v4_n1 ResNet-50: 8 NVIDIA A100 SXM4 80 GB, olympic mean of
    5 runs 29.3742 min (the score Azure's own v2.1 summary.csv publishes, PROVENANCE.md).
    Accelerator time 8 x 29.374189 / 60 = 3.916559 accelerator-hours.

    Price on the round's date, 2022-11-08: each provider's cheapest on-demand A100 SXM4 80 GB
    quote on its quoted day nearest the date (within 183 days): lambda 1.50 (2023-02-02),
    datacrunch 1.85 (2022-08-08), paperspace 3.18 (2022-08-04), azure 3.67 (2022-08-04, NC24ads
    A100 v4), gcp 5.0277 (2022-10-27, a2-ultragpu-1g), aws 5.12 (2022-12-09) USD per
    accelerator-hour. 25th percentile of the 6 (linear): position 5 x 0.25 = 1.25, so
    1.85 + 0.25 x (3.18 - 1.85) = 2.1825. Cost: 3.916559 x 2.1825 = 8.548 USD."""
    row = q(
        db,
        "SELECT accelerator_chips, score_s, accelerator_time_s, "
        "robust_usd_per_accelerator_hour, cheapest_usd_per_accelerator_hour, n_providers, "
        "price_quotes, cost_to_train_usd, hardware_id FROM analysis.mlperf_cost "
        "WHERE system_id = 'v2.1/Azure/ND96amsr_A100_v4_n1_mxnet' AND benchmark = 'resnet'",
    ).row(0, named=True)
    assert row["hardware_id"] == "nvidia-a100-sxm4-80gb"
    assert row["accelerator_chips"] == 8
    assert row["score_s"] / 60 == pytest.approx(29.3742, abs=1e-4)
    assert row["accelerator_time_s"] / 3600 == pytest.approx(3.916559, abs=1e-6)
    quotes = {x["provider"]: x["usd_per_accelerator_hour"] for x in json.loads(row["price_quotes"])}
    assert quotes == pytest.approx(
        {
            "lambda": 1.5,
            "datacrunch": 1.85,
            "paperspace": 3.18,
            "azure": 3.67,
            "gcp": 5.027702,
            "aws": 5.12,
        },
        abs=1e-6,
    )
    assert row["n_providers"] == 6
    assert row["cheapest_usd_per_accelerator_hour"] == 1.5
    assert row["robust_usd_per_accelerator_hour"] == pytest.approx(2.1825)
    assert row["cost_to_train_usd"] == pytest.approx(3.916559 * 2.1825, abs=1e-4)


def test_no_price_far_from_the_date(db):
    """v0.7 (2020-07-28) A100s: the first A100 SXM4 40 GB quote is from 2021-06-15."""
    reason = q(
        db,
        "SELECT unpriced_reason FROM analysis.mlperf_cost "
        "WHERE system_id = 'v0.7/NVIDIA/dgxa100_ngc20.06_mxnet' AND benchmark = 'resnet'",
    )["unpriced_reason"][0]
    assert reason == (
        "no on-demand cloud quote of nvidia-a100-sxm4-40gb within 183 days of 2020-07-28: "
        "the nearest is 322 days away (2021-06-15)"
    )


def test_resnet_time_frontier(db):
    """The fastest ResNet-50 to date by round (closed, available). v1.1: NVIDIA's 540-node
    DGX A100 (4,320 GPUs), 20.822 s = 0.347 min; v2.0: Google's TPU v4 8192 (4,096 chips)."""
    rows = q(
        db,
        "SELECT round, system_id, accelerator_chips, score_s, is_record FROM "
        "analysis.mlperf_frontier WHERE benchmark = 'resnet' AND frontier_measure = 'time' "
        "ORDER BY round_published_on",
    )
    records = rows.filter(rows["is_record"])
    assert records["round"].to_list() == ["v0.5", "v0.6", "v0.7", "v1.1", "v2.0", "v3.0"]
    by_round = {r: (s, c, t) for r, s, c, t, _ in rows.rows()}
    assert by_round["v1.1"][0] == "v1.1/NVIDIA/dgxa100_n540_ngc21.09_mxnet"
    assert by_round["v1.1"][1:] == (4320, pytest.approx(20.822))
    assert by_round["v2.0"][0] == "v2.0/Google/cloud-tpu-v4-8192-TF"
    assert by_round["v4.0"][0] == by_round["v3.0"][0]  # v4.0 set no record


def test_imagenet_series_states_its_targets(db):
    rows = q(
        db,
        "SELECT series_source, target_metric, target_value, count(*) AS n "
        "FROM analysis.imagenet_series GROUP BY ALL ORDER BY ALL",
    ).rows()
    assert rows == [
        ("dawnbench", "top5_accuracy", 0.93, 27),
        ("mlperf", "top1_accuracy", 0.749, 12),  # v0.5's logged eval_target
        ("mlperf", "top1_accuracy", 0.759, 320),  # the rules' 75.90% from v0.6
    ]
    top1 = q(
        db,
        "SELECT min(top1_accuracy_reached) AS lo, max(top1_accuracy_reached) AS hi "
        "FROM analysis.imagenet_series WHERE series_source = 'dawnbench'",
    ).row(0)
    assert top1 == (pytest.approx(0.753265), pytest.approx(0.77234))


def test_imagenet_records_run_from_dawnbench_into_mlperf(db):
    """DAWNBench's first ImageNet entry (ResNet-152 on 8 K80s, 2017-10-27): 244.0 h and
    $1,112.64 as submitted; the series' cheapest is MLPerf v2.1 Lenovo 4x A100 40 GB."""
    records = q(
        db,
        "SELECT series_source, point_id, time_to_quality_s, cost_to_train_usd, is_time_record, "
        "is_cost_record FROM analysis.imagenet_series "
        "WHERE is_time_record OR is_cost_record ORDER BY reported_on, point_id",
    )
    first = records.row(0, named=True)
    assert first["point_id"] == "ImageNet/train/dawn_resnet152_b_8k80_ec2_mxnet"
    assert first["time_to_quality_s"] / 3600 == pytest.approx(244.0, abs=0.05)
    assert first["cost_to_train_usd"] == pytest.approx(1112.64, abs=0.01)
    time_records = records.filter(records["is_time_record"])
    assert time_records["series_source"].to_list()[-1] == "mlperf"
    cheapest = records.filter(records["is_cost_record"]).row(-1, named=True)
    assert cheapest["point_id"] == "v2.1/Lenovo/SR670v2-4xA100_SXM4_40GB_400W"
    assert cheapest["cost_to_train_usd"] == pytest.approx(3719.924 * 4 / 3600 * 1.1, abs=1e-3)

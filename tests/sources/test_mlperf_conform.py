"""MLPerf records in the warehouse's terms (sources/mlperf_conform.py), from the bundled
snapshot: one system per file with normalised vocabularies, chips counted by the rules of
data/snapshots/mlperf/PROVENANCE.md, and the three log formats' times in seconds."""

import pytest

from tests.sources._mlperf_testkit import conformed_version


@pytest.fixture(scope="module")
def version():
    return conformed_version()


def test_systems_one_per_file_and_every_run_has_its_system(version):
    _, systems, results = version
    assert systems.height == 1_116
    assert results["system_id"].is_in(systems["system_id"].implode()).all()
    assert set(systems["availability"]) == {"available", "preview", "research"}
    assert set(systems["division"]) == {"closed", "open"}


@pytest.mark.parametrize(
    ("system_id", "chips", "rule"),
    [
        ("v0.5/google/cloud_v3.8/resnet-tpuv3-8/tpu", 4, "tpu_cores_halved"),  # 8 cores
        ("v0.5/google/cloud_v2.512/resnet-tpuv2-512/tpu", 256, "tpu_cores_halved"),
        ("v0.5/nvidia/submission/results/dgx1_multi_ngc18.11_pytorch", None, "cluster_entry"),
        ("v0.6/NVIDIA/dgx1_n130_ngc19.05_mxnet", 1040, "nodes_x_per_node"),  # redacted file
        ("v0.6/Google/tpu-v3-1024", 512, "nodes_x_per_node"),
        ("v1.0/Google/tpu-v4-4096-TF", 2048, "nodes_x_per_node"),  # 512 x 4
        ("v4.0/Google/cloud-tpu-v5p-12288-maxtext", 6144, "nodes_x_per_node"),  # 1,536 x 4
    ],
)
def test_chips_follow_the_provenance_rules(version, system_id, chips, rule):
    _, systems, _ = version
    row = systems.filter(system_id=system_id.replace("/submission/results", "/submission"))
    assert row.height == 1, system_id
    assert row["accelerator_chips"][0] == chips
    assert row["chips_rule"][0] == rule


def test_three_log_formats_give_seconds(version):
    """v0.5 seconds, v0.6 seconds, v0.7+ milliseconds: run_stop - run_start of one log each."""
    _, _, results = version
    time = dict(results.select("result_id", "time_to_train_s").iter_rows())
    base = "v0.5/v0.5.0/google/cloud_v3.8/resnet-tpuv3-8/results/tpu/resnet/"
    assert time[base + "result_0.txt"] == pytest.approx(11005.547027, abs=1e-3)
    assert time["v0.6/NVIDIA/results/dgx1_n130_ngc19.05_mxnet/resnet/result_0.txt"] == (
        pytest.approx(1558636062.045 - 1558635960.488, abs=1e-6)
    )
    # Azure v2.1 NC96ads_A100_v4 resnet result_0: time_ms 1654816948894 - 1654813356337
    key = "v2.1/Azure/results/NC96ads_A100_v4_mxnet/resnet/result_0.txt"
    assert time[key] == pytest.approx((1654816948894 - 1654813356337) / 1000)
    # Alibaba v0.6 logs date-times to the second; its 64 ranks log run_start from 00:30:56 to
    # 00:31:00, and the last one before run_stop (00:55:21) counts, as the summarizer reads it.
    assert time["v0.6/Alibaba/results/sinian/resnet/result_1.txt"] == pytest.approx(1461)

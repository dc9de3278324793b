"""MLPerf Training, read from the bundled snapshot: every result file of the index is a run or
an accounted-for missing log, the three log formats give times in seconds, systems count chips
(data/snapshots/mlperf/PROVENANCE.md, the upstream counts cited there)."""

import polars as pl
import pytest

from sources import mlperf, mlperf_conform, mlperf_logs
from sources.snapshots import SnapshotStore
from tests.conftest import REPO


@pytest.fixture(scope="module")
def version():
    snapshot = SnapshotStore(REPO / "data" / "snapshots").latest("mlperf")
    systems, results = mlperf.read_version(snapshot)
    conformed = mlperf_conform.to_systems(systems).with_columns(hardware_id=pl.lit(None, pl.String))
    return snapshot, conformed, mlperf_conform.to_results(results, conformed)


def test_every_indexed_result_file_is_a_run_or_accounted_for(version):
    """PROVENANCE.md: 22,091 result files, 21,775 extracted, 315 missing, 1 without lines."""
    _, _, results = version
    assert results.height == 22_091
    assert results["result_id"].n_unique() == 22_091
    counts = dict(results.group_by("index_status").len().iter_rows())
    assert counts == {"extracted": 21_775, "missing_from_snapshot": 315, "no_matching_lines": 1}
    not_loaded = results.filter(pl.col("not_loaded").is_not_null())
    assert not_loaded.height == 316
    missing = results.filter(index_status="missing_from_snapshot")
    by_round = dict(missing.group_by("round").len().iter_rows())
    assert by_round == {
        "v0.5": 95,
        "v0.6": 20,
        "v0.7": 60,
        "v1.0": 70,
        "v1.1": 20,
        "v4.0": 30,
        "v4.1": 10,
        "v5.1": 10,
    }


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


def test_log_lines_read_whatever_their_prefix():
    lines = [
        '0: :::MLLOG {"namespace": "", "time_ms": 1000, "event_type": "INTERVAL_START", '
        '"key": "run_start", "value": null, "metadata": {}}',
        'Torch distributed is available.:::MLLOG {"namespace": "", "time_ms": 61000.000, '
        '"event_type": "INTERVAL_END", "key": "run_stop", "value": null, '
        '"metadata": {"status": "aborted"}}',
    ]
    out = mlperf_logs.summarise(lines)
    assert (out["run_start"], out["run_stop"], out["run_stop_status"]) == (1000, 61000, "aborted")


def test_chip_spellings_the_resolver_can_read():
    assert mlperf.chip_spelling("tpuv3-8", "v0.5") == "TPU v3"
    assert mlperf.chip_spelling("TPU", "v0.7") == "TPU v4"
    assert mlperf.chip_spelling("N/A", "v1.0") is None
    assert mlperf.chip_spelling("NVIDIA Blackwell Ultra GPU (GB300)", "v5.1") == "NVIDIA GB300"
    assert mlperf.chip_spelling("NVIDIA Blackwell GPU (B200-SXM-180GB)", "v5.0") == "NVIDIA B200"
    assert mlperf.chip_spelling("AMD Instinct MI300X 192GB HBM3", "v5.0") == "AMD Instinct MI300X"


def test_no_personal_fields_are_read(version):
    snapshot, systems, _ = version
    assert not any("poc" in c or "email" in c for c in systems.columns)
    redacted = [n for n in snapshot.files if "/systems_redacted/" in n]
    assert len(redacted) == 22
    assert not any(b"poc_email" in snapshot.path(n).read_bytes() for n in redacted)

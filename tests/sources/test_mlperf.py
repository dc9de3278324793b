"""MLPerf Training, read from the bundled snapshot (sources/mlperf.py): every result file of the
index is a run or an accounted-for missing log (data/snapshots/mlperf/PROVENANCE.md, the
upstream counts cited there), and the chip spellings handed to the hardware resolver."""

import polars as pl
import pytest

from sources import mlperf
from tests.sources._mlperf_testkit import conformed_version


@pytest.fixture(scope="module")
def version():
    return conformed_version()


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


def test_chip_spellings_the_resolver_can_read():
    assert mlperf.chip_spelling("tpuv3-8", "v0.5") == "TPU v3"
    assert mlperf.chip_spelling("TPU", "v0.7") == "TPU v4"
    assert mlperf.chip_spelling("N/A", "v1.0") is None
    assert mlperf.chip_spelling("NVIDIA Blackwell Ultra GPU (GB300)", "v5.1") == "NVIDIA GB300"
    assert mlperf.chip_spelling("NVIDIA Blackwell GPU (B200-SXM-180GB)", "v5.0") == "NVIDIA B200"
    assert mlperf.chip_spelling("AMD Instinct MI300X 192GB HBM3", "v5.0") == "AMD Instinct MI300X"

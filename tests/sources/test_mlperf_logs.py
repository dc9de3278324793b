"""MLPerf Training result logs (sources/mlperf_logs.py): a real gzip extract of the bundled
snapshot read into one record per section (Fujitsu's v0.6 `:::MLL` logs), log lines read
whatever precedes their marker, and a broken section line refused."""

import gzip

import pytest

from sources import mlperf, mlperf_logs

FUJITSU_V06 = "training_results_v0.6/results_extract/Fujitsu.mllog.txt.gz"


@pytest.fixture(scope="module")
def fujitsu_v06(bundled_store) -> bytes:
    snapshot = bundled_store.latest("mlperf")
    (stored,) = [n for n, up in mlperf.upstream_names(snapshot).items() if up == FUJITSU_V06]
    return snapshot.path(stored).read_bytes()


def test_an_extract_gives_one_record_per_section(fujitsu_v06):
    sections = mlperf_logs.read_extract(fujitsu_v06)
    folder = "Fujitsu/results/abci_2048xV100_mxnet/resnet/"
    assert [s["path"] for s in sections] == [f"{folder}result_{i}.txt" for i in range(5)]
    assert {s["section_status"] for s in sections} == {mlperf_logs.EXTRACTED}
    first = sections[0]
    assert first["blob"] == "7ba773f7e85076bc803eb55be99554f829d307fa"
    # :::MLL 1560722679.397 run_start ... :::MLL 1560722749.842 run_stop (v0.6: seconds)
    assert (first["run_start"], first["run_stop"]) == (1560722679.397, 1560722749.842)
    assert first["run_stop_status"] == "success"
    assert (first["eval_accuracy"], first["eval_target"]) == (0.75978, 0.759)
    assert first["global_batch_size"] == 86016.0
    assert (first["log_org"], first["log_platform"]) == ("Fujitsu", "abci_2048xV100")
    assert (first["log_division"], first["log_status"]) == ("open", "cloud")
    # the section line states 10 kept lines, and every one reads
    assert (first["lines_read"], first["unread_lines"]) == (10, 0)


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


def test_a_section_line_of_the_wrong_shape_is_refused():
    """Synthetic fault input: a section line lacking its status field."""
    broken = gzip.compress(b"# header\n#####\tx/result_0.txt\tabc\t10\t2\t1\n")
    with pytest.raises(ValueError, match="not an extract section line"):
        mlperf_logs.read_extract(broken)

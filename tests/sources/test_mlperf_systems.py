"""MLPerf Training system descriptions (sources/mlperf_systems.py), each of the three shapes
read from a real file of the bundled snapshot: a system JSON (with Alibaba v0.7's trailing
comma, and keys spelled two ways), a v0.5 `entry.json` read as written, NVIDIA's v0.6 redacted
log-style file; and no personal field is ever read."""

import json

import pytest

from sources import mlperf, mlperf_systems
from tests.sources._mlperf_testkit import conformed_version


@pytest.fixture(scope="module")
def version():
    return conformed_version()


@pytest.fixture(scope="module")
def upstream_file(bundled_store):
    """The bytes of a file of the newest mlperf version, by its upstream path."""
    snapshot = bundled_store.latest("mlperf")
    stored = {upstream: name for name, upstream in mlperf.upstream_names(snapshot).items()}
    return lambda upstream: snapshot.path(stored[upstream]).read_bytes()


def test_a_trailing_comma_is_dropped_before_reading(upstream_file):
    data = upstream_file("training_results_v0.7/Alibaba/systems/n126_pai_eflops.json")
    with pytest.raises(json.JSONDecodeError):
        json.loads(data)  # as upstream wrote it: not valid JSON
    fields = mlperf_systems.read_json(data)
    assert fields["submitter_as_written"] == "Alibaba"
    assert (fields["number_of_nodes"], fields["accelerators_per_node"]) == ("126", "8")
    assert fields["accelerator_model_name"] == "NVIDIA V100-SXM2-32GB"
    assert fields["system_type"] is None  # the file has no system_type


@pytest.mark.parametrize(
    ("upstream", "spelling", "column", "value"),
    [
        (
            "v0.6/Intel/systems/clx-8260l-2s-x32.json",
            "sumitter",
            "submitter_as_written",
            "Intel_Corp",
        ),
        ("v0.6/Intel/systems/clx-8260l-2s-x32.json", "number of nodes", "number_of_nodes", "32"),
        (
            "v0.7/SIAT/systems/modelarts_1024_tensorflow_open.json",
            "divison",
            "division_as_written",
            "open",
        ),
        (
            "v1.0/PCL/systems/CloudBrainII_1024_mindspore_close.json",
            "system-type",
            "system_type",
            "datacenter",
        ),
    ],
)
def test_keys_spelled_another_way_are_read_under_their_usual_name(
    upstream_file, upstream, spelling, column, value
):
    data = upstream_file(f"training_results_{upstream}")
    assert f'"{spelling}"'.encode() in data
    assert mlperf_systems.read_json(data)[column] == value


def test_a_v05_entry_reads_its_first_node_group_as_written(upstream_file):
    """Google's tpuv2-512 entry: 64 nodes, and `num_accelerators` 512 is the slice's total
    TensorCores, kept as written (mlperf_conform counts the chips)."""
    entry = "v0.5/v0.5.0/google/cloud_v2.512/resnet-tpuv2-512/results/tpu/entry.json"
    fields = mlperf_systems.read_entry(upstream_file(f"training_results_{entry}"))
    assert fields["system_name"] == "tpuv2-512 + tpuv2-8"
    assert (fields["number_of_nodes"], fields["accelerators_per_node"]) == ("64", "512")
    assert fields["accelerator_model_name"] == "tpuv2-512"
    assert (fields["division_as_written"], fields["status_as_written"]) == ("closed", "cloud")
    assert fields["submitter_as_written"] is None and fields["nodes_in_entry"] == "1"


def test_nvidias_log_style_file_reads_its_entry_line(upstream_file):
    """Upstream's systems/dgx1_n130_ngc19.05_mxnet.json, stored as its redacted copy."""
    data = upstream_file("training_results_v0.6/NVIDIA/systems/dgx1_n130_ngc19.05_mxnet.json")
    assert b"poc_name" not in data and b"poc_email" not in data
    fields = mlperf_systems.read_log_style(data)
    assert fields["submitter_as_written"] == "NVIDIA"  # the org line
    assert fields["system_name"] == "DGX-1 with V100"
    assert (fields["number_of_nodes"], fields["accelerators_per_node"]) == ("130", "8")
    assert fields["accelerator_model_name"] == "Tesla V100-SXM2-16GB"
    assert fields["framework"] == "MXNet NVIDIA Release 19.05"


def test_a_file_that_is_no_description_is_refused():
    """Synthetic fault inputs: a JSON list, and a log-style file without its entry line."""
    with pytest.raises(ValueError, match="not a JSON object"):
        mlperf_systems.read_json(b"[]")
    with pytest.raises(ValueError, match="no entry line"):
        mlperf_systems.read_log_style(b'org: {"value": "NVIDIA", "metadata": {}}\n')


def test_no_personal_fields_are_read(version):
    snapshot, systems, _ = version
    assert not any("poc" in c or "email" in c for c in systems.columns)
    redacted = [n for n in snapshot.files if "/systems_redacted/" in n]
    assert len(redacted) == 22
    assert not any(b"poc_email" in snapshot.path(n).read_bytes() for n in redacted)

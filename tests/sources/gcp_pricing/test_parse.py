"""Reading one GCP extract (sources/gcp_pricing/parse.py): every bundled version's machine types
with their GPU keys and counts, and, on crafted fault inputs, a machine type without a GPU key
kept as a null row and a key that is neither an attribute nor a count refused."""

import json

import polars as pl
import pytest

from sources import gcp_pricing
from sources.upstream import UpstreamFormatError
from tests.sources.gcp_pricing._gcp_pricing_testkit import FILE


def machines(frame: pl.DataFrame) -> dict[str, tuple[str, float]]:
    return {m: (k, c) for m, k, c in frame.iter_rows()}


def test_may_2024_machine_types(versions):
    (may,) = [v for v in versions if v.version == "2024-05-30-62843104472b"]
    frame = gcp_pricing.parse(may.path(FILE))
    assert frame.height == 18 and frame["machine_type"].is_unique().all()
    read = machines(frame)
    # Google Cloud, "GPU machine types" (cloud.google.com/compute/docs/gpus): a2-highgpu-1g
    # has 1 A100 40GB, a2-megagpu-16g 16; g2-standard-96 has 8 L4, g2-standard-24 has 2.
    assert read["a2-highgpu-1g"] == ("a100", 1.0)
    assert read["a2-megagpu-16g"] == ("a100", 16.0)
    assert read["g2-standard-96"] == ("l4", 8.0)
    assert read["g2-standard-24"] == ("l4", 2.0)


def test_every_version_has_gpu_keys_only(versions):
    frames = [gcp_pricing.parse(v.path(FILE)) for v in versions]
    assert [f.height for f in frames][:3] == [5, 5, 5]  # 2022: the five A2 machine types
    rows = pl.concat(frames)
    assert rows.height == 926 and rows["gpu_key"].null_count() == 0
    assert dict(rows["gpu_key"].value_counts().iter_rows()) == {
        "l4": 320,
        "a100": 274,
        "a100-80gb": 184,
        "h100-80gb": 96,
        "rtx6000": 28,
        "h100-80gb-mega": 24,
    }
    shared = machines(frames[-1])["g4-standard-6"]
    assert shared == ("rtx6000", 0.125)  # an eighth of a shared RTX PRO 6000


def write(tmp_path, instances: dict):
    path = tmp_path / FILE
    path.write_text(json.dumps({"instances": instances}))
    return path


def test_fault_inputs(tmp_path):
    cost = {"us-central1": {"hour": 1.0}}
    # fault input: a machine type without a GPU key is one row with a null key, not none
    plain = gcp_pricing.parse(write(tmp_path, {"n1-standard-1": {"cpu": 1, "cost": cost}}))
    assert plain.rows() == [("n1-standard-1", None, None)]
    # fault input: a GPU key whose value is not a count
    with pytest.raises(UpstreamFormatError, match=r"key 'l4' = 'one', neither a known attribute"):
        gcp_pricing.parse(write(tmp_path, {"g2-standard-4": {"l4": "one", "cost": cost}}))
    with pytest.raises(UpstreamFormatError, match=r"machine type 'g2-standard-4' has no 'cost'"):
        gcp_pricing.parse(write(tmp_path, {"g2-standard-4": {"l4": 1}}))
    with pytest.raises(UpstreamFormatError, match=r"no 'instances' object of machine types"):
        gcp_pricing.parse(write(tmp_path, {}))

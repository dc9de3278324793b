"""Canonical ids from product names, as spelled in the bundled Epoch data."""

import polars as pl
import pytest

from analyses.hardware_ids import hardware_id, hardware_id_expr
from sources import epoch_hardware


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("NVIDIA H100 SXM5 80GB", "nvidia-h100-sxm5-80gb"),
        ("NVIDIA A100 SXM4 80 GB", "nvidia-a100-sxm4-80-gb"),
        ("Cambricon MLU370-S4/S8", "cambricon-mlu370-s4-s8"),
        ("Google TPU v5e", "google-tpu-v5e"),
        ("Intel Habana GAUDI HL-205", "intel-habana-gaudi-hl-205"),
        ("  AMD Instinct MI300X ", "amd-instinct-mi300x"),
        ("Tianshu Zhixin Tiangai 100 (BI-V100)", "tianshu-zhixin-tiangai-100-bi-v100"),
        ("TPU v4.5.", "tpu-v4.5"),
        ("Ünïcode Chip.", "unicode-chip"),
    ],
)
def test_slugs(name, expected):
    assert hardware_id(name) == expected


def test_every_epoch_name_gets_a_distinct_valid_id(bundled_store):
    raw = epoch_hardware.parse(bundled_store.latest("epoch_hardware").path())
    ids = raw.select(hardware_id_expr(pl.col("Hardware name")).alias("id"))["id"]
    assert ids.null_count() == 0
    assert ids.n_unique() == raw.height == 169
    assert ids.str.contains(r"^[a-z0-9]+(-[a-z0-9.]+)*$").all()

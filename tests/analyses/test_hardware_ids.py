"""Canonical ids, on real spellings."""

import polars as pl
import pytest

from analyses.hardware_ids import hardware_id, hardware_id_expr
from sources import epoch_hardware


@pytest.mark.parametrize(
    ("name", "vendor", "expected"),
    [
        # Epoch ML hardware and the TechPowerUp database spell the same chip differently.
        ("NVIDIA H100 SXM5 80GB", "NVIDIA", "nvidia-h100-sxm5-80gb"),
        ("H100 SXM5 80 GB", "nvidia", "nvidia-h100-sxm5-80gb"),
        ("NVIDIA Tesla V100 SXM2 32 GB", "NVIDIA", "nvidia-v100-sxm2-32gb"),
        ("Tesla V100 SXM2 32 GB", "nvidia", "nvidia-v100-sxm2-32gb"),
        ("NVIDIA A100 SXM4 80 GB", None, "nvidia-a100-sxm4-80gb"),
        ("Google TPU v4", "Google", "google-tpu-v4"),
        ("AWS Trainium", "Amazon AWS", "aws-trainium"),
        ("Cambricon MLU370-S4/S8", "Cambricon", "cambricon-mlu370-s4-s8"),
        (
            "Tianshu Zhixin Tiangai 100 (BI-V100)",
            "Iluvatar CoreX",
            "iluvatar-corex-tianshu-zhixin-tiangai-100-bi-v100",
        ),
        ("Tesla Dojo D1", "Tesla", "tesla-dojo-d1"),  # the vendor Tesla keeps its name
        ("  AMD Instinct MI300X ", "AMD", "amd-instinct-mi300x"),
        ("Ünïcode TPU v4.5.", "Google", "google-unicode-tpu-v4.5"),
        ("", "NVIDIA", None),
        # Reported by the TechPowerUp/Epoch chips parsers: distinct products stay distinct.
        ("GeForce 9800 GTX+", "NVIDIA", "nvidia-geforce-9800-gtx-plus"),
        ("GeForce 9800 GTX", "NVIDIA", "nvidia-geforce-9800-gtx"),
        ("Intel Xeon E-2124G", "Intel", "intel-xeon-e-2124g"),
        ("Nvidia H100 80G", None, "nvidia-h100-80gb"),
    ],
)
def test_ids(name, vendor, expected):
    assert hardware_id(name, vendor) == expected


def test_every_epoch_name_gets_a_valid_id_and_only_true_duplicates_collide(bundled_store):
    raw = epoch_hardware.parse(bundled_store.latest("epoch_hardware").path())
    ids = raw.select(
        hardware_id_expr(pl.col("Hardware name"), pl.col("Manufacturer")).alias("id"),
        "Hardware name",
    )
    assert ids["id"].null_count() == 0
    assert ids["id"].str.contains(r"^[a-z0-9]+(-[a-z0-9.]+)*$").all()
    collisions = ids.filter(pl.col("id").is_duplicated()).sort("Hardware name")
    # Epoch lists the P100 PCIe 16GB twice, once with NVIDIA's old 'Tesla' brand.
    assert collisions["Hardware name"].to_list() == [
        "NVIDIA P100 PCIe 16GB",
        "NVIDIA Tesla P100 PCIe 16GB",
    ]

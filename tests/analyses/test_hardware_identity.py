"""One chip, one id: merges found in the real bundled spec sources, and families."""

import polars as pl
import pytest

from analyses.hardware_identity import canonical, curated_merges, families, merges
from analyses.hardware_ids import hardware_id_expr
from sources import curated, epoch_chips, epoch_hardware, techpowerup, wikipedia_gpus
from tests.conftest import REPO


@pytest.fixture(scope="module")
def records(bundled_store) -> pl.DataFrame:
    """Every record of the four bundled spec sources, with the id its own spelling gives."""
    frames = []
    for module in (epoch_hardware, epoch_chips, techpowerup, wikipedia_gpus):
        raw = module.parse(bundled_store.latest(module.SOURCE.name).path())
        frames.append(
            module.to_spec_records(raw)
            .with_columns(hardware_id=hardware_id_expr(pl.col("name"), pl.col("vendor")))
            .select(
                "hardware_id",
                "name",
                "vendor",
                "memory_bytes",
                "released_on",
                "fp32_flop_per_s",
                source=pl.lit(module.SOURCE.name),
            )
        )
    return pl.concat(frames).filter(pl.col("hardware_id").is_not_null())


@pytest.fixture(scope="module")
def merged(records) -> pl.DataFrame:
    return merges(records, curated.load("hardware_merges"))


def target(merged: pl.DataFrame, from_id: str) -> tuple[str, str]:
    row = merged.filter(pl.col("from_id") == from_id)
    assert row.height == 1, f"{from_id} is not merged"
    return row["to_id"].item(), row["rule"].item()


@pytest.mark.parametrize(
    ("from_id", "to_id", "rule"),
    [
        # TechPowerUp's 'H200 SXM 141 GB' is NVIDIA's only H200 SXM (141 GB HBM3e, nvidia.com).
        ("nvidia-h200-sxm-141gb", "nvidia-h200-sxm", "memory_variant"),
        # Epoch's 'NVIDIA A100 PCIe' states 40 GB: the 40 GB card, not the 80 GB one.
        ("nvidia-a100-pcie", "nvidia-a100-pcie-40gb", "memory_variant"),
        ("nvidia-h100-pcie", "nvidia-h100-pcie-80gb", "memory_variant"),
        ("amd-radeon-instinct-mi300x", "amd-instinct-mi300x", "brand_rename"),
        ("amd-mi300x-gpu-only", "amd-instinct-mi300x", "curated"),
        # Epoch's chip table: 'GeForce GT 6408', a footnote [8] glued on (released the same
        # day as the GT 640, FP32 691.2 vs 692.7 GFLOPS).
        ("nvidia-geforce-gt-6408", "nvidia-geforce-gt-640", "footnote"),
        # Wikipedia: 'Radeon RX 6800 (Navi 21)'; TechPowerUp and Epoch: 'Radeon RX 6800'.
        ("amd-radeon-rx-6800-navi-21", "amd-radeon-rx-6800", "codename"),
    ],
)
def test_one_product_spelled_several_ways_gets_one_id(merged, from_id, to_id, rule):
    assert target(merged, from_id) == (to_id, rule)


@pytest.mark.parametrize(
    "hardware_id",
    [
        "nvidia-a100-pcie-40gb",
        "nvidia-a100-pcie-80gb",  # a different product from the 40 GB card
        "nvidia-h100-pcie-96gb",
        "nvidia-l40",
        "nvidia-l40s",  # L40 and L40S differ in a word, not a suffix
        "nvidia-geforce-gtx-1080-ti",
        "nvidia-geforce-gtx-1080-ti-10gb",  # a memory size that disagrees stays apart
        # Wikipedia lists the Radeon Pro SSG twice, on two dies: a family, not one product.
        "amd-radeon-pro-ssg-fiji",
        "amd-radeon-pro-ssg-vega-10",
    ],
)
def test_different_products_stay_apart(merged, records, hardware_id):
    assert hardware_id in set(records["hardware_id"])
    assert hardware_id not in set(merged["from_id"])


def test_merges_point_at_final_ids_and_every_curated_row_applies(merged, records):
    assert not set(merged["to_id"]) & set(merged["from_id"])
    ids = set(records["hardware_id"])
    listed = curated_merges(curated.load("hardware_merges"))
    assert set(listed["from_id"]) <= ids and set(listed["to_id"]) <= ids
    assert merged["reason"].null_count() == 0


def test_canonical_replaces_merged_ids_only(merged):
    frame = pl.DataFrame({"id": ["nvidia-h200-sxm-141gb", "nvidia-h200-sxm", "nvidia-t4"]})
    assert frame.select(canonical(pl.col("id"), merged))["id"].to_list() == [
        "nvidia-h200-sxm",
        "nvidia-h200-sxm",
        "nvidia-t4",
    ]


def test_a_generic_spelling_names_a_family_of_its_variants(merged, records):
    known = set(records.select(canonical(pl.col("hardware_id"), merged))["hardware_id"])
    family = families(known)
    assert family["nvidia-h200"] == ("nvidia-h200-nvl", "nvidia-h200-sxm")
    assert family["nvidia-a100-pcie"] == ("nvidia-a100-pcie-40gb", "nvidia-a100-pcie-80gb")
    assert {"nvidia-a100-sxm4-40gb", "nvidia-a100-sxm4-80gb"} <= set(family["nvidia-a100"])
    assert "nvidia-t4" not in family and "nvidia-l40" not in family


def test_the_curated_files_cite_a_source():
    for name in ("hardware_merges.csv", "hardware_spec_corrections.csv"):
        curated = pl.read_csv(REPO / "data" / "curated" / name)
        assert curated["citation"].str.starts_with("https://").all(), name
        assert curated["reason"].str.len_chars().min() > 30, name

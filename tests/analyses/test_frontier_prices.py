"""analyses/frontier_prices.py on real rows of a build of the bundled snapshots: which chips of
core.hardware are datacenter training class, and what a frontier run paid per PFLOP/s-day in
2022 renting A100 SXM4 40 GB nodes from GCP (gcp_pricing of 2022-02-27, us-central1 and the
suspect northamerica-northeast2) and AWS (p4d.24xlarge, aws_instance_pages of 2022-07-07), and
in 2018 renting TPU v3 chips (epoch_hardware_prices, GCP's price of 2018-10-11)."""

from datetime import UTC, datetime

import polars as pl
import pytest

from analyses.frontier_prices import is_datacenter, rented

# core.hardware: hardware_id, name, kind, tdp_w, bf16_flop_per_s
HARDWARE = pl.DataFrame(
    [
        ("nvidia-a100-sxm4-40gb", "NVIDIA A100 SXM4 40 GB", "gpu", 400.0, 312e12),
        ("nvidia-h100-sxm5-80gb", "NVIDIA H100 SXM5 80GB", "gpu", 700.0, 989.4e12),
        ("nvidia-v100-pcie-16gb", "NVIDIA Tesla V100 PCIe 16 GB", "gpu", 250.0, None),
        ("amd-radeon-instinct-mi50", "AMD Radeon Instinct MI50", "gpu", 300.0, None),
        ("nvidia-t4", "NVIDIA Tesla T4", "gpu", 70.0, None),
        ("nvidia-a10-pcie", "NVIDIA A10 PCIe", "gpu", 150.0, None),
        ("nvidia-rtx-a6000", "NVIDIA RTX A6000", "gpu", 300.0, None),
        ("aws-inferentia2", "AWS Inferentia2", None, None, 190e12),
    ],
    schema=["hardware_id", "name", "kind", "tdp_w", "bf16_flop_per_s"],
    orient="row",
)
A100 = "nvidia-a100-sxm4-40gb"


def quote(provider, sha, row, at, region, instance, n, usd, suspect) -> dict:
    return {
        "hardware_id": A100, "provider": provider, "sha256": sha, "row_number": row,
        "observed_at": datetime.fromisoformat(at).replace(tzinfo=UTC), "region": region,
        "instance_type": instance, "accelerators_per_instance": n, "pricing": "on_demand",
        "usd_per_accelerator_hour": usd, "is_suspect": suspect,
        "source": "aws_instance_pages" if provider == "aws" else "gcp_pricing",
    }  # fmt: skip


QUOTES = pl.DataFrame(
    [
        quote("gcp", "330e50ae3b49", 415, "2022-02-27T15:41:02", "us-central1", "a2-megagpu-16g", 16.0, 3.483719, False),
        quote("gcp", "330e50ae3b49", 328, "2022-02-27T15:41:02", "us-central1", "a2-highgpu-8g", 8.0, 3.673385, False),
        # priced without its GPUs (analyses/price_quality.py): suspect, never the price
        quote("gcp", "330e50ae3b49", 406, "2022-02-27T15:41:02", "northamerica-northeast2", "a2-megagpu-16g", 16.0, 0.605252, True),
        quote("aws", "ac529cf7c855", 1577, "2022-07-07T00:00:00", "us-east-1", "p4d.24xlarge", 8.0, 4.096625, False),
    ]
)  # fmt: skip


def test_datacenter_training_class() -> None:
    flagged = dict(HARDWARE.select("hardware_id", is_datacenter()).iter_rows())
    assert [h for h, dc in flagged.items() if dc] == [
        "nvidia-a100-sxm4-40gb",
        "nvidia-h100-sxm5-80gb",
        "nvidia-v100-pcie-16gb",  # 250 W: at the bound
        "amd-radeon-instinct-mi50",  # "Radeon" but Instinct, AMD's datacenter line
    ]
    # T4 70 W and A10 150 W (inference cards), RTX A6000 (workstation), Inferentia (no kind)
    assert flagged["nvidia-t4"] is False and flagged["aws-inferentia2"] is False


def test_tpus_are_training_class_whatever_they_draw_but_the_inference_ones() -> None:
    """core.hardware's TPU rows (TDP per chip): v3 220 W and v4 170 W are training chips (their
    pods trained frontier models); v1 and v4i are inference chips (Jouppi et al., ISCA 2017 and
    ISCA 2021); a GPU or an ASIC below 250 W is not training class."""
    chips = pl.DataFrame(
        [
            ("Google TPU v3", "tpu", 220.0, True),
            ("Google TPU v4", "tpu", 170.0, True),
            ("Google TPU v1", "tpu", 75.0, False),
            ("Google TPU v4i", "tpu", 175.0, False),
            ("NVIDIA A10", "gpu", 150.0, False),
            ("Baidu Kunlun R100 (100W)", "asic", 100.0, False),
        ],
        schema=["name", "kind", "tdp_w", "training_class"],
        orient="row",
    )
    assert chips.select(is_datacenter()).to_series().to_list() == chips["training_class"].to_list()


def test_the_price_of_2022_over_providers() -> None:
    rows = rented(QUOTES, HARDWARE, precision="bf16", utilisation=0.4, cluster_overhead=1.0,
                  min_accelerators=8, quantile=0.25)  # fmt: skip
    [row] = rows.iter_rows(named=True)
    per_pflop_day = 24 / (312e12 * 0.4 / 1e15)  # USD per accelerator-hour -> per PFLOP/s-day
    gcp, aws = 3.483719 * per_pflop_day, 4.096625 * per_pflop_day  # each provider's cheapest
    assert (row["year"], row["basis"], row["n_providers"], row["n_suspect_excluded"]) == (
        2022,
        "cloud_on_demand",
        2,
        1,
    )
    assert row["cheapest_usd_per_pflop_day"] == pytest.approx(gcp)  # 669.9 USD
    assert row["usd_per_pflop_day"] == pytest.approx(gcp + 0.25 * (aws - gcp))  # 699.4 USD
    assert (row["instance_type"], row["row_number"]) == ("a2-megagpu-16g", 415)


def test_nodes_below_the_minimum_do_not_count() -> None:
    rows = rented(QUOTES, HARDWARE, precision="bf16", utilisation=0.4, cluster_overhead=1.5,
                  min_accelerators=16, quantile=0.25)  # fmt: skip
    [row] = rows.iter_rows(named=True)
    assert row["n_providers"] == 1  # only GCP's 16-GPU a2-megagpu-16g
    assert row["usd_per_pflop_day"] == pytest.approx(3.483719 * 24 / 0.1248 * 1.5)


def test_a_tpu_chip_hour_counts_without_a_stated_node_size() -> None:
    """Google prices TPUs per chip-hour of a pod slice and states no chips per instance: the
    quote counts (TPU v3, $2.00 a chip-hour in the US, 123 TFLOP/s dense BF16 per chip, TPU v4
    paper, Jouppi et al. 2023); an A100 quote stating no count still does not."""
    hardware = pl.concat(
        [HARDWARE, pl.DataFrame([("google-tpu-v3", "Google TPU v3", "tpu", 220.0, 123e12)],
                                schema=HARDWARE.columns, orient="row")]
    )  # fmt: skip
    tpu = {
        **quote("gcp", "e397345924db", 47, "2018-10-11T00:00:00", "US", None, None, 2.0, False),
        "hardware_id": "google-tpu-v3",
        "source": "epoch_hardware_prices",
    }
    a100 = quote("gcp", "e397345924db", 12, "2018-10-11T00:00:00", "US", None, None, 1.0, False)
    rows = rented(pl.DataFrame([tpu, a100]), hardware, precision="bf16", utilisation=0.4,
                  cluster_overhead=1.0, min_accelerators=8, quantile=0.25)  # fmt: skip
    [row] = rows.iter_rows(named=True)
    assert (row["year"], row["hardware_id"], row["n_providers"]) == (2018, "google-tpu-v3", 1)
    assert row["usd_per_pflop_day"] == pytest.approx(2.0 * 24 / (123e12 * 0.4 / 1e15))  # 975.6

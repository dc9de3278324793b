"""The FSDL "Cloud GPUs" table read as price quotes (sources/fsdl_cloud_gpus/quotes.py), from every
bundled version: counts and reasons, published AWS prices, "$" texts, Spot per instance, On-demand
checked against Per-GPU, Per-GPU alone, and odd cells of a crafted table."""

from datetime import UTC, datetime

import polars as pl
import pytest

from sources import fsdl_cloud_gpus as cloud
from sources.prices import NO_FIELD, NO_PRICE
from tests.sources._fsdl_testkit import quote, stored

HEADER = "Cloud,GPU Type,GPU Arch,GPUs,GPU RAM,vCPUs,RAM,On-demand,Per-GPU,Spot,Name\n"


def test_cloud_quote_counts_and_reasons(fsdl_cloud_quotes):
    assert fsdl_cloud_quotes.height == 8821
    counts = dict(fsdl_cloud_quotes.group_by("pricing").len().iter_rows())
    assert counts == {"on_demand": 6038, "spot": 2783}
    fields = dict(fsdl_cloud_quotes.group_by("price_field").len().iter_rows())
    assert fields == {"On-demand": 6032, "Per-GPU": 6, "Spot": 2783}
    reasons = fsdl_cloud_quotes["parse_error"].drop_nulls()
    assert reasons.len() == 466
    assert reasons.str.contains("disagrees with Per-GPU").sum() == 462
    assert reasons.str.contains("is stated without On-demand").sum() == 4
    bad = fsdl_cloud_quotes.filter(pl.col("parse_error").is_not_null())
    assert set(bad["provider"]) == {"cudo", "oblivus", "exoscale"}
    assert set(bad["pricing"]) == {"on_demand"}
    assert fsdl_cloud_quotes.filter(pl.col("price_field") == NO_FIELD).height == 0


def test_known_aws_prices_in_the_last_version(fsdl_cloud_quotes):
    p3 = quote(fsdl_cloud_quotes, "2025-04-22", 5, "on_demand")
    assert (p3["provider"], p3["instance_type"], p3["hardware_text"]) == (
        "aws",
        "p3.16xlarge",
        "V100 (16 GB)",
    )
    assert (p3["value_text"], p3["usd_per_hour"], p3["usd_per_accelerator_hour"]) == (
        "24.48",
        24.48,
        3.06,
    )
    assert (p3["accelerators_per_instance"], p3["hardware_context"]) == (8.0, "GPU Type")
    assert p3["observed_at"] == datetime(2025, 4, 22, 0, 14, 20, tzinfo=UTC)
    spot = quote(fsdl_cloud_quotes, "2025-04-22", 5, "spot")
    assert (spot["price_field"], spot["value_text"], spot["usd_per_hour"]) == ("Spot", "7.34", 7.34)
    assert spot["usd_per_accelerator_hour"] == pytest.approx(7.34 / 8)
    p4d = quote(fsdl_cloud_quotes, "2025-04-22", 2, "on_demand")
    assert (p4d["instance_type"], p4d["hardware_text"], p4d["usd_per_hour"]) == (
        "p4d.24xlarge",
        "A100 (40 GB)",
        32.77,
    )
    assert p4d["usd_per_accelerator_hour"] == 4.10
    assert quote(fsdl_cloud_quotes, "2025-04-22", 2, "spot")["usd_per_hour"] == 9.83


def test_dollar_signs_of_the_first_versions_read(fsdl_cloud_quotes):
    dollars = fsdl_cloud_quotes.filter(pl.col("value_text").str.starts_with("$"))
    assert dict(dollars.group_by(pl.col("version").str.slice(0, 10)).len().iter_rows()) == {
        "2022-08-05": 159 + 113,  # every on-demand and spot quote of the first two versions
        "2022-08-08": 1,  # one record added by hand: Azure ND96amsr A100 v4, "$37.18"
    }
    assert dollars["parse_error"].null_count() == dollars.height
    p3 = dollars.filter(pl.col("instance_type") == "p3.16xlarge", pl.col("pricing") == "on_demand")
    assert set(p3["usd_per_hour"]) == {24.48} and set(p3["usd_per_accelerator_hour"]) == {3.06}


def test_spot_is_an_instance_price(fsdl_cloud_quotes):
    """The evidence for reading Spot per instance: it is always below On-demand, never a
    multiple of Per-GPU's scale, and on multi-GPU rows often above Per-GPU."""
    pairs = (
        fsdl_cloud_quotes.filter(pl.col("pricing") == "spot")
        .join(
            fsdl_cloud_quotes.filter(pl.col("pricing") == "on_demand"),
            on=["version", "record_number"],
            suffix="_od",
        )
        .filter(pl.col("accelerators_per_instance") > 1)
    )
    assert pairs.height == 1689
    ratio = pairs["usd_per_hour"] / pairs["usd_per_hour_od"]
    assert ratio.min() > 0.09 and ratio.max() < 0.67
    above_per_gpu = pairs.filter(pl.col("usd_per_hour") > pl.col("usd_per_accelerator_hour_od"))
    assert above_per_gpu.height == 1188


def test_inconsistent_on_demand_and_per_gpu_are_refused_stating_both(fsdl_cloud_quotes):
    cudo = quote(fsdl_cloud_quotes, "2025-04-22", 71, "on_demand")
    assert cudo["parse_error"] == (
        "On-demand '2.89' disagrees with Per-GPU '0.29' x 8 GPUs = 2.32 (24.6% apart)"
    )
    one_gpu = quote(fsdl_cloud_quotes, "2025-04-22", 46, "on_demand")
    assert one_gpu["parse_error"] == (
        "On-demand '0.30' disagrees with Per-GPU '0.29' x 1 GPUs = 0.29 (3.4% apart)"
    )
    # within rounding: RunPod.io's 10 x A40 at 0.74 is 0.074 per GPU, written 0.07
    runpod = fsdl_cloud_quotes.filter(
        (pl.col("provider") == "runpod") & (pl.col("accelerators_per_instance") == 10)
    )
    assert runpod.height == 6 and runpod["parse_error"].is_null().all()
    assert set(runpod["value_text"]) == {"0.74", "0.32"}


def test_exoscale_per_gpu_alone(fsdl_cloud_quotes):
    small = quote(fsdl_cloud_quotes, "2025-04-22", 105, "on_demand")
    assert (small["price_field"], small["value_text"], small["parse_error"]) == (
        "Per-GPU",
        "0.92361",
        None,
    )
    assert small["usd_per_hour"] == small["usd_per_accelerator_hour"] == 0.92361
    medium = quote(fsdl_cloud_quotes, "2025-04-22", 106, "on_demand")
    assert medium["parse_error"].startswith(
        "Per-GPU '1.70868' is stated without On-demand for 2 GPUs"
    )
    assert medium["instance_type"] == "GPU3080Ti MEDIUM"


def test_odd_cells_are_read_or_given_a_reason(tmp_path):
    text = HEADER + (
        "AWS,V100 (16 GB),Volta,1,16,8,61,3.06,3.06,0,p3.2xlarge\n"  # zero spot
        "AWS,V100 (16 GB),Volta,two,32,16,122,6.12,3.06,,p3.4xlarge\n"  # unreadable count
        "Vast,RTX 3090 (24 GB),Ampere,0.5,12,4,16,0.20,0.40,,\n"  # a shared half GPU
        "Lambda,A10 (24 GB),Ampere,1,24,30,200,N/A,0.60,,gpu_1x_a10\n"  # text, Per-GPU reads
        "Lambda,A100 (40 GB),Ampere,1,40,30,200,,,,gpu_1x_a100\n"  # no price at all
        ",H100 (80 GB),Hopper,8,640,208,1800,27.92,3.49,,\n"  # no provider
    )
    q = cloud.quotes(stored(tmp_path, cloud, text))
    assert q["record_number"].to_list() == [1, 1, 2, 3, 4, 5, 6]
    reasons = q["parse_error"].to_list()
    assert reasons[0] is None
    assert reasons[1] == "price '0' is zero, which this upstream writes for a missing price"
    assert reasons[2] == "unreadable GPUs 'two'"
    assert reasons[3] is None
    assert (q["accelerators_per_instance"][3], q["usd_per_hour"][3]) == (0.5, 0.2)
    assert q["usd_per_accelerator_hour"][3] == 0.4
    assert reasons[4] == "unreadable price 'N/A'"
    assert q["usd_per_accelerator_hour"][4] == 0.6
    assert (q["price_field"][5], q["value_text"][5], reasons[5]) == (NO_FIELD, None, NO_PRICE)
    assert reasons[6] == "no Cloud (the provider)" and q["provider"][6] is None
    assert set(q["observed_at"]) == {datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)}

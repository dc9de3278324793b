"""analyses.cloud_prices on real quotes: accelerator ids, both price forms, duplicates."""

import polars as pl
import pytest

from analyses.cloud_prices import (
    both_price_forms,
    conform,
    instance_catalogue,
    instance_family,
    reject_duplicates,
    resolve_hardware,
)
from analyses.price_performance import at_cloud_prices
from sources import curated, ec2instances_history, fsdl_cloud_gpus, gcp_pricing, gpu_price_tracker

NO_ALIASES = pl.DataFrame(
    schema={"alias": pl.String, "source": pl.String, "context": pl.String, "hardware_id": pl.String}
)


def tagged(module, snapshot) -> pl.DataFrame:
    return module.quotes(snapshot).with_columns(
        source=pl.lit(snapshot.source), sha256=pl.lit(snapshot.sha256)
    )


@pytest.fixture(scope="module")
def catalogue():
    return instance_catalogue(curated.load("cloud_instances"))


def test_instance_families_of_aws_and_gcp():
    frame = pl.DataFrame(
        {
            "provider": ["aws", "aws", "gcp", "gcp", "azure"],
            "instance_type": [
                "p3dn.24xlarge",
                "g4dn.xlarge",
                "a2-highgpu-8g",
                "g2-standard-48",
                "ND40s_v2",
            ],
        }
    )
    assert frame.select(instance_family()).to_series().to_list() == [
        "p3dn",
        "g4dn",
        "a2-highgpu",
        "g2-standard",
        "nd40s_v2",  # no family rule elsewhere: each instance type is its own
    ]


def test_the_catalogue_names_each_instance_once_with_a_count_and_a_reference(catalogue):
    assert catalogue.select("provider", "instance_type").is_duplicated().sum() == 0
    docs = r"(aws\.amazon|cloud\.google|alibabacloud|learn\.microsoft|support\.huaweicloud)\.com"
    assert catalogue["reference"].str.contains(docs).all()
    assert (catalogue["accelerators_per_instance"] > 0).all()
    # one accelerator per family, so a size not listed yet still resolves by its family
    families = catalogue.group_by("provider", "family").agg(pl.col("hardware_id").n_unique())
    assert (families["hardware_id"] == 1).all()
    counts = dict(
        catalogue.filter(pl.col("instance_type").str.starts_with("p2."))
        .select("instance_type", "accelerators_per_instance")
        .iter_rows()
    )
    assert counts == {"p2.xlarge": 0.5, "p2.8xlarge": 4.0, "p2.16xlarge": 8.0}  # K80 boards


def test_an_instance_type_decides_before_a_label(bundled_store, catalogue):
    """GCP's `a100` key is resolved by aliases to the generic A100; the machine family says
    which A100 it is (A2 Ultra: 80 GB)."""
    snapshot = bundled_store.versions("gcp_pricing")[-1]
    quotes = tagged(gcp_pricing, snapshot)
    aliases = pl.DataFrame(
        {
            "alias": ["a100"],
            "source": ["gcp_pricing"],
            "context": ["machine type a2-ultragpu-8g"],
            "hardware_id": ["nvidia-a100"],
        }
    )
    resolved = resolve_hardware(quotes, aliases, catalogue)
    ids = dict(
        resolved.group_by(pl.col("instance_type").str.replace(r"-\d+g?$", ""))
        .agg(pl.col("hardware_id").unique())
        .iter_rows()
    )
    assert ids["a2-ultragpu"] == ["nvidia-a100-sxm4-80gb"]
    assert ids["a3-highgpu"] == ["nvidia-h100-sxm5-80gb"]
    assert resolved.height == quotes.height


def test_aliases_resolve_what_no_instance_names(bundled_store, catalogue):
    snapshot = bundled_store.versions("gpu_price_tracker")[-1]
    quotes = tagged(gpu_price_tracker, snapshot)
    contexts = quotes.select("hardware_text", "hardware_context").unique()
    aliases = contexts.select(
        alias="hardware_text",
        source=pl.lit("gpu_price_tracker"),
        context="hardware_context",
        hardware_id=pl.lit("nvidia-h100-sxm5-80gb"),
    )
    resolved = resolve_hardware(quotes, aliases, catalogue)
    assert resolved["hardware_id"].null_count() == 0
    assert resolve_hardware(quotes, NO_ALIASES, catalogue)["hardware_id"].null_count() == (
        quotes.height
    )


def test_both_price_forms_from_either_one(bundled_store):
    snapshot = bundled_store.versions("ec2instances_history")[-1]
    quotes = both_price_forms(tagged(ec2instances_history, snapshot))
    p3 = quotes.filter(
        (pl.col("instance_type") == "p3.16xlarge")
        & (pl.col("region") == "us-east-1")
        & (pl.col("pricing") == "on_demand")
    ).row(0, named=True)
    # AWS list price: 24.48 USD/h for 8 V100 = 3.06 per GPU-hour.
    assert (p3["usd_per_hour"], p3["usd_per_accelerator_hour"]) == (24.48, 3.06)


def test_a_repeated_observation_is_rejected_naming_the_first(bundled_store):
    """From its second version on, FSDL's table lists AWS g4dn.4xlarge twice, same prices."""
    snapshot = bundled_store.versions("fsdl_cloud_gpus")[1]
    quotes = reject_duplicates(both_price_forms(tagged(fsdl_cloud_gpus, snapshot)))
    repeats = quotes.filter(pl.col("parse_error").str.starts_with("duplicate observation"))
    assert repeats.height == 2  # on-demand and spot of the second g4dn.4xlarge listing
    assert set(repeats["instance_type"]) == {"g4dn.4xlarge"}
    assert repeats["parse_error"].str.contains("same price").all()
    named = repeats.with_columns(
        first=pl.col("parse_error").str.extract(r"quote (\d+)").cast(pl.Int64)
    ).join(quotes, left_on="first", right_on="row_number", suffix="_first")
    assert named.height == 2
    assert named["parse_error_first"].null_count() == 2  # the first listing loads
    for column in ("instance_type", "pricing", "usd_per_hour", "accelerators_per_instance"):
        assert named[column].equals(named[f"{column}_first"], check_names=False)


def test_same_name_other_socket_is_not_a_duplicate(bundled_store):
    """The tracker names PCIe and SXM H100s both 'H100_80GB' at the same ticks."""
    snapshot = bundled_store.versions("gpu_price_tracker")[-1]
    quotes = reject_duplicates(both_price_forms(tagged(gpu_price_tracker, snapshot)))
    assert quotes["parse_error"].null_count() == quotes.height


def test_cheapest_price_of_the_day_becomes_dollars_per_pflop_day(bundled_store, catalogue):
    snapshot = bundled_store.versions("gcp_pricing")[-1]
    cloud = conform(tagged(gcp_pricing, snapshot), NO_ALIASES, catalogue).filter(
        pl.col("parse_error").is_null()
    )
    hardware = pl.DataFrame(
        {
            "hardware_id": ["nvidia-h100-sxm5-80gb"],
            "released_on": [None],
            # NVIDIA H100 SXM5 datasheet: 989.4 TFLOPS dense BF16.
            **{c: [None] for c in ("fp64", "fp32", "tf32", "fp16", "fp8")},
            "bf16": [989.4e12],
        }
    ).rename(
        lambda c: f"{c}_flop_per_s" if c in ("fp64", "fp32", "tf32", "fp16", "fp8", "bf16") else c
    )
    hardware = hardware.with_columns(
        int8_op_per_s=pl.lit(None, pl.Float64), fp16_tensor_flop_per_s=pl.lit(989.4e12)
    ).cast(
        {
            "released_on": pl.Date,
            "fp64_flop_per_s": pl.Float64,
            "fp32_flop_per_s": pl.Float64,
            "tf32_flop_per_s": pl.Float64,
            "fp16_flop_per_s": pl.Float64,
            "fp8_flop_per_s": pl.Float64,
        }
    )
    rows = at_cloud_prices(cloud, hardware)
    on_demand = rows.filter(
        (pl.col("basis") == "cloud_on_demand") & (pl.col("precision") == "bf16")
    ).row(0, named=True)
    h100 = cloud.filter(
        (pl.col("hardware_id") == "nvidia-h100-sxm5-80gb") & (pl.col("pricing") == "on_demand")
    )
    assert on_demand["usd_per_accelerator_hour"] == h100["usd_per_accelerator_hour"].min()
    assert on_demand["usd_per_pflop_day"] == pytest.approx(
        on_demand["usd_per_accelerator_hour"] * 24 / 0.9894
    )
    assert rows.select("basis", "priced_on", "precision").is_duplicated().sum() == 0
    with pytest.raises(ValueError, match="utilisation"):
        at_cloud_prices(cloud, hardware, utilisation=1.5)

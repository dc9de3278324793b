"""analyses/price_quality.py judges real core.cloud_price quotes (values as a build of the
bundled snapshots holds them; source, sha256 prefix and row number name each): GCP's
northamerica-northeast2 priced a2-megagpu-16g without its 16 A100s (gcp_pricing of 2022-02-27),
and RunPod's A40 at 0.07 USD per GPU-hour among its 0.79 quotes (fsdl_cloud_gpus of
2023-05-22), far below Exoscale's and Oblivus's that month; the thresholds of the module's
docstring, each check needing its evidence."""

from datetime import UTC, datetime

import polars as pl

from analyses.price_quality import COLUMNS, judge
from schemas import CLOUD_PRICE

A40 = "nvidia-a40-pcie"


def quote(provider, source, sha, row, at, region, instance, chip, text, n, usd, per_accelerator):
    observed = datetime.fromisoformat(at).replace(tzinfo=UTC)
    return {
        "source": source, "sha256": sha, "row_number": row, "observed_at": observed,
        "provider": provider, "region": region, "instance_type": instance, "hardware_id": chip,
        "hardware_text": text, "accelerators_per_instance": n, "pricing": "on_demand",
        "usd_per_hour": usd, "usd_per_accelerator_hour": per_accelerator,
    }  # fmt: skip


def frame(rows: list[dict]) -> pl.DataFrame:
    """The quotes with core.cloud_price's types, the columns `judge` reads."""
    return pl.DataFrame(rows, schema={c: CLOUD_PRICE.polars_schema[c] for c in COLUMNS})


def gcp(region: str, usd: float, row: int) -> dict:
    return quote("gcp", "gcp_pricing", "330e50ae3b49", row, "2022-02-27T15:41:02", region,
                 "a2-megagpu-16g", "nvidia-a100-sxm4-40gb", "a100", 16.0, usd, usd / 16)  # fmt: skip


def runpod(sha: str, row: int, at: str, n: float, usd: float, per: float, source="fsdl_cloud_gpus"):
    return quote("runpod", source, sha, row, at, None, None, A40, "A40 (48 GB)", n, usd, per)


# a2-megagpu-16g on demand in four of the version's 29 regions
GCP_REGIONS = [
    gcp("northamerica-northeast2", 9.684032, 406),
    gcp("us-central1", 55.739504, 415),
    gcp("europe-west4", 56.62656, 397),
    gcp("asia-east1", 57.12848, 349),
]
RUNPOD_A40 = [
    runpod("207caef8d5bc", 220, "2023-05-22T19:49:18", 10.0, 0.74, 0.07),
    runpod("e397345924db", 376, "2023-05-23T00:00:00", 8.0, 6.32, 0.79, "epoch_hardware_prices"),
    runpod("e30220793b02", 219, "2023-05-23T02:09:15", 8.0, 6.32, 0.79),
    runpod("ef153d5a4cd3", 248, "2023-05-24T18:39:15", 8.0, 6.32, 0.79),
    runpod("27eb82d2de3e", 248, "2023-05-24T18:45:54", 8.0, 6.32, 0.79),
    runpod("006831d495ce", 280, "2023-05-25T02:49:34", 8.0, 6.32, 0.79),
]
OTHER_A40 = [
    quote("exoscale", "fsdl_cloud_gpus", "84da962775b9", 103, "2023-05-12T18:21:19", None,
          "GPU3 SMALL", A40, "A40 (48 GB)", 1.0, 2.13, 2.13),
    quote("oblivus", "epoch_hardware_prices", "e397345924db", 421, "2023-05-24T00:00:00", None,
          None, A40, "NVIDIA A40 PCIe", 1.0, 1.54, 1.54),
]  # fmt: skip


def test_a_region_priced_without_its_accelerators_is_suspect() -> None:
    judged = judge(frame(GCP_REGIONS))
    assert judged["is_suspect"].to_list() == [True, False, False, False]
    # median of the four: (55.7395 + 56.6266) / 2 = 56.183 USD/h; 9.684 is 17% of it
    assert judged["suspect_reason"][0] == (
        "accelerator charge missing: on-demand 9.684 USD/h is 17% of the instance's median "
        "56.183 USD/h over 4 regions of this version"
    )
    # two regions are too few to judge a machine type's price (MIN_REGIONS = 3)
    assert not judge(frame(GCP_REGIONS[:2]))["is_suspect"].any()


def test_a_price_off_its_history_and_far_below_other_providers() -> None:
    judged = judge(frame(RUNPOD_A40 + OTHER_A40))
    assert judged["is_suspect"].to_list() == [True] + [False] * 7
    assert judged["suspect_reason"][0] == (
        "off its own history: 0.07 USD per accelerator-hour against the offer's median 0.79 "
        "over 6 quotes within 2 months; far below other providers: 0.07 USD per "
        "accelerator-hour against the median 1.835 of 2 other providers' medians for this "
        "chip, pricing and month"
    )
    assert judged["suspect_reason"][1:].null_count() == 7


def test_context_is_evidence_only_and_each_check_needs_enough_of_it() -> None:
    low = frame(RUNPOD_A40[:1])
    assert judge(low)["is_suspect"].to_list() == [False]  # no history, no other provider
    judged = judge(low, context=frame(RUNPOD_A40[1:] + OTHER_A40))
    assert judged.height == 1 and judged["is_suspect"].to_list() == [True]
    # one other provider is not enough to call a price far below the others'
    alone = judge(low, context=frame(OTHER_A40[:1]))
    assert alone["is_suspect"].to_list() == [False]

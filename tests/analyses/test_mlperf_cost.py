"""The price rule of analyses/mlperf_cost.py on small frames of real core.cloud_price quotes
(copied from a build of the bundled snapshots; source, sha256 prefix and row number name each)
and real analysis.mlperf_score rows: the 25th percentile over providers of each one's cheapest
trusted quote on its day nearest the round's date, within 183 days; nothing else."""

import json
from datetime import UTC, date, datetime

import polars as pl
import pytest

from analyses.mlperf_cost import WINDOW_DAYS, cost_to_train, prices_on

A100_80 = "nvidia-a100-sxm4-80gb"
A100_40 = "nvidia-a100-sxm4-40gb"
EPOCH = ("epoch_hardware_prices", "e397345924db")
GCP_2022_09 = ("gcp_pricing", "667881f8b4ec")
GCP_2022_10 = ("gcp_pricing", "3de7494c6405")

# (hardware_id, provider, observed on, USD per accelerator-hour, suspect, region, instance,
#  (source, sha256 prefix), row_number): on-demand quotes of core.cloud_price as built
QUOTES = [
    (A100_80, "lambda", "2023-02-02", 1.50, False, None, None, EPOCH, 352),
    (A100_80, "datacrunch", "2022-08-08", 1.85, False, None, "2A100.44V", EPOCH, 294),
    (A100_80, "paperspace", "2022-08-04", 3.18, False, None, None, EPOCH, 198),
    (A100_80, "azure", "2022-08-04", 3.67, False, None, "NC24ads A100 v4", EPOCH, 237),
    # the same provider and day, dearer: the day's cheapest counts
    (A100_80, "azure", "2022-08-04", 4.64, False, None, "ND96amsr A100 v4", EPOCH, 236),
    # the same provider on a day farther from 2022-11-08: the nearest day counts
    (A100_80, "azure", "2022-05-30", 4.10, False, "East US", None, EPOCH, 173),
    (A100_80, "gcp", "2022-10-27", 5.027702, False, "us-central1", "a2-ultragpu-1g", GCP_2022_10, 604),
    (A100_80, "aws", "2022-12-09", 5.12, False, "US East (Northern Virginia)", None, EPOCH, 331),
    # 196 days after 2022-11-08: outside the window, ignored
    (A100_80, "runpod", "2023-05-23", 1.89, False, None, None, EPOCH, 387),
    # GCP's northamerica-northeast2 region priced without the GPU charge (judged suspect)
    (A100_80, "gcp", "2022-09-29", 1.210504, True, "northamerica-northeast2", "a2-ultragpu-1g", GCP_2022_09, 595),
    (A100_80, "gcp", "2022-09-29", 4.03353, False, "us-east1", "a2-ultragpu-1g", GCP_2022_09, 607),
    # the first on-demand A100 SXM4 40 GB quote: 322 days after v0.7's 2020-07-28
    (A100_40, "aws", "2021-06-15", 4.10, False, "US East (Northern Virginia)", "p4d.24xlarge", EPOCH, 133),
]  # fmt: skip


def quotes(rows=QUOTES) -> pl.DataFrame:
    """core.cloud_price columns as the read cloud_price_per_accelerator gives them."""
    return pl.DataFrame(
        [
            {
                "hardware_id": h,
                "observed_at": datetime.fromisoformat(on).replace(tzinfo=UTC),
                "pricing": "on_demand",
                "usd_per_accelerator_hour": usd,
                "provider": provider,
                "region": region,
                "instance_type": instance,
                "source": source,
                "sha256": sha,
                "row_number": row,
                "is_suspect": suspect,
            }
            for h, provider, on, usd, suspect, region, instance, (source, sha), row in rows
        ]
    )


def wanted(*pairs: tuple[str, str]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "hardware_id": [h for h, _ in pairs],
            "priced_for_on": [date.fromisoformat(on) for _, on in pairs],
        }
    )


def test_several_providers_give_the_25th_percentile():
    """v2.1 (2022-11-08), A100 SXM4 80 GB: lambda 1.50, datacrunch 1.85, paperspace 3.18,
    azure 3.67 (not 4.64 the same day, not 4.10 on a farther day), gcp 5.027702 (its 2022-10-27
    quote is nearer than 2022-09-29), aws 5.12; runpod's 1.89 is 196 days away. Linear 25th
    percentile of 6: position 1.25, 1.85 + 0.25 x (3.18 - 1.85) = 2.1825 USD/h (the price
    tests/e2e/test_mlperf_cost_warehouse.py finds for Azure's ND96amsr A100 v4 ResNet-50)."""
    [row] = prices_on(wanted((A100_80, "2022-11-08")), quotes()).iter_rows(named=True)
    assert row["n_providers"] == 6
    assert row["robust_usd_per_accelerator_hour"] == pytest.approx(2.1825)
    assert row["cheapest_usd_per_accelerator_hour"] == 1.50
    assert (row["price_first_on"], row["price_last_on"]) == (date(2022, 8, 4), date(2023, 2, 2))
    assert row["unpriced_reason"] is None and row["price_window_days"] == WINDOW_DAYS == 183
    used = {q["provider"]: q for q in json.loads(row["price_quotes"])}
    assert {p: q["usd_per_accelerator_hour"] for p, q in used.items()} == {
        "lambda": 1.5,
        "datacrunch": 1.85,
        "paperspace": 3.18,
        "azure": 3.67,
        "gcp": 5.027702,
        "aws": 5.12,
    }
    assert (used["azure"]["row_number"], used["gcp"]["row_number"]) == (237, 604)
    assert used["gcp"]["sha256"] == GCP_2022_10[1]


def test_a_quote_outside_the_window_is_ignored():
    """runpod's 1.89 (2023-05-23) is 196 days after 2022-11-08; a window of 200 days takes it
    in and the percentile moves: 7 providers, position 1.5, 1.85 + 0.5 x (1.89 - 1.85)."""
    wide = prices_on(wanted((A100_80, "2022-11-08")), quotes(), window_days=200).row(0, named=True)
    assert wide["n_providers"] == 7
    assert wide["robust_usd_per_accelerator_hour"] == pytest.approx(1.87)


def test_no_quote_within_the_window_leaves_no_price_and_says_why():
    """v0.7's A100 SXM4 40 GB (2020-07-28): the nearest quote is AWS's of 2021-06-15."""
    [row] = prices_on(wanted((A100_40, "2020-07-28")), quotes()).iter_rows(named=True)
    assert row["robust_usd_per_accelerator_hour"] is None and row["n_providers"] is None
    assert row["unpriced_reason"] == (
        "no on-demand cloud quote of nvidia-a100-sxm4-40gb within 183 days of 2020-07-28: "
        "the nearest is 322 days away (2021-06-15)"
    )
    [never] = prices_on(wanted(("google-tpu-v4", "2022-06-29")), quotes()).iter_rows(named=True)
    assert (
        never["unpriced_reason"] == "no on-demand cloud quote of google-tpu-v4 in core.cloud_price"
    )


def test_suspect_quotes_never_set_a_price():
    """On 2022-09-29 GCP quoted the A100 80 GB at 1.210504 USD/h in northamerica-northeast2
    (the GPU charge missing, judged suspect) and 4.03353 in us-east1: the price is 4.03353. The
    suspect quote alone prices nothing, and is not even the nearest quote named."""
    only_gcp = quotes().filter(provider="gcp", observed_at=datetime(2022, 9, 29, tzinfo=UTC))
    [row] = prices_on(wanted((A100_80, "2022-09-29")), only_gcp).iter_rows(named=True)
    assert (row["robust_usd_per_accelerator_hour"], row["n_providers"]) == (4.03353, 1)
    suspect_only = only_gcp.filter("is_suspect")
    [alone] = prices_on(wanted((A100_80, "2022-09-29")), suspect_only).iter_rows(named=True)
    assert alone["robust_usd_per_accelerator_hour"] is None
    assert alone["unpriced_reason"] == (
        "no on-demand cloud quote of nvidia-a100-sxm4-80gb in core.cloud_price"
    )


def test_cost_is_accelerator_hours_at_that_price_or_why_not():
    """analysis.mlperf_score rows of v2.1 ResNet-50: Azure's ND96amsr A100 v4 (8 chips,
    1,762.45 s) at 2.1825 USD/h = 8.55 USD; v0.5's fastest, NVIDIA's 80 DGX-1 cluster entry,
    states no chip count and says so."""
    scores = pl.DataFrame(
        {
            "system_id": [
                "v2.1/Azure/ND96amsr_A100_v4_n1_mxnet",
                "v0.5/nvidia/submission/dgx1_multi_ngc18.11_mxnet",
            ],
            "benchmark": ["resnet", "resnet"],
            "round": ["v2.1", "v0.5"],
            "round_published_on": [date(2022, 11, 8), date(2018, 12, 12)],
            "division": ["closed", "closed"],
            "availability": ["available", "available"],
            "hardware_id": [A100_80, "nvidia-v100-sxm2-16gb"],
            "accelerator_model_name": ["NVIDIA A100-SXM4-80GB", "Tesla V100-SXM2-16GB"],
            "accelerator_chips": [8, None],
            "score_s": [1762.451333, 374.504394],
        }
    )
    costs = {r["system_id"]: r for r in cost_to_train(scores, quotes()).iter_rows(named=True)}
    azure = costs["v2.1/Azure/ND96amsr_A100_v4_n1_mxnet"]
    assert azure["accelerator_time_s"] / 3600 == pytest.approx(3.916559, abs=1e-6)
    assert azure["cost_to_train_usd"] == pytest.approx(3.916559 * 2.1825, abs=1e-4)
    assert azure["is_single_provider"] is False and azure["unpriced_reason"] is None
    cluster = costs["v0.5/nvidia/submission/dgx1_multi_ngc18.11_mxnet"]
    assert cluster["cost_to_train_usd"] is None
    assert cluster["unpriced_reason"].startswith("no accelerator count")

"""What the trend assets fit, on small excerpts of the real warehouse tables (values as the
2026-11-23 build states them, a few rows each; tick counts shortened where noted)."""

from datetime import UTC, date, datetime

import polars as pl
import pytest

from analyses.trend_estimates import fit_all
from analyses.trend_inputs import (
    EPOCH_2022_GPU_SUBSET,
    MAJOR_MONTHS,
    OPENAI_2018_SUBSET,
    cloud_price_inputs,
    cloud_price_performance_inputs,
    compute_inputs,
    dawnbench_inputs,
    launch_price_inputs,
    major_offer_series,
    ml_hardware_inputs,
    monthly_cloud_prices,
    offer_months,
    published_compute_inputs,
    source_names,
    subset_name,
    training_cost_inputs,
)
from schemas import PRICE_PERFORMANCE as PRICE_PERFORMANCE_TABLE
from schemas.columns import COLUMNS
from schemas.columns.declare import unit_of

# core.model: name, published_on, training_compute_flop, training_cost_usd, is_notable,
# is_large_scale, is_frontier
MODELS = pl.DataFrame(
    [
        ("Theseus", date(1950, 7, 2), 40.0, None, True, False, True),
        ("Perceptron Mark I", date(1957, 1, 1), 694894.937736, None, True, False, True),
        ("TD-Gammon", date(1992, 5, 1), 1.8232e13, None, True, False, True),
        ("Deep Blue", date(1997, 5, 1), None, None, True, False, False),
        ("LeNet-5", date(1998, 11, 1), 2.8109e12, None, True, False, True),
        ("AlexNet", date(2012, 9, 30), 4.7e17, 15.569753, True, False, True),
        ("Transformer", date(2017, 6, 12), 7.4245e18, 438.035652, True, False, False),
        ("GPT-3 175B (davinci)", date(2020, 5, 28), 3.14e23, 2.1169e6, True, True, True),
        ("Chinchilla", date(2022, 3, 29), 5.76e23, None, True, True, False),
        ("PaLM (540B)", date(2022, 4, 4), 2.5272e24, 3.0604e6, True, True, True),
        ("Llama 3.1-405B", date(2024, 7, 23), 3.8e25, 5.2885e7, True, True, True),
        ("Grok 4", date(2025, 7, 9), 5e26, 3.8784e8, True, True, True),
    ],
    schema={
        "name": pl.String,
        "published_on": pl.Date,
        "training_compute_flop": pl.Float64,
        "training_cost_usd": pl.Float64,
        "is_notable": pl.Boolean,
        "is_large_scale": pl.Boolean,
        "is_frontier": pl.Boolean,
    },
    orient="row",
)

# core.hardware: hardware_id, kind, sources, released_on, fp32, bf16, memory, bandwidth
HARDWARE = pl.DataFrame(
    [
        (
            "nvidia-geforce-gtx-1080",
            "gpu",
            "epoch_hardware,epoch_chips,techpowerup",
            date(2016, 5, 27),
            8.873e12,
            None,
            8e9,
            3.203e11,
        ),
        (
            "nvidia-geforce-gtx-1060-6gb",
            "gpu",
            "epoch_chips,techpowerup",
            date(2016, 7, 19),
            4.375e12,
            None,
            6e9,
            1.92e11,
        ),
        (
            "nvidia-geforce-rtx-4090",
            "gpu",
            "epoch_hardware,epoch_chips,techpowerup,wikipedia_gpus",
            date(2022, 9, 20),
            8.26e13,
            3.3e14,
            2.4e10,
            1.008e12,
        ),
        (
            "google-tpu-v4",
            "tpu",
            "epoch_hardware,epoch_chips",
            date(2021, 5, 20),
            None,
            2.75e14,
            3.2e10,
            1.2e12,
        ),
    ],
    schema={
        "hardware_id": pl.String,
        "kind": pl.String,
        "sources": pl.String,
        "released_on": pl.Date,
        "fp32_flop_per_s": pl.Float64,
        "bf16_flop_per_s": pl.Float64,
        "memory_bytes": pl.Float64,
        "memory_bandwidth_bytes_per_s": pl.Float64,
    },
    orient="row",
)

# analysis.price_performance launch rows of those chips (+ one cloud row that must be ignored)
PRICE_PERFORMANCE = pl.DataFrame(
    [
        ("nvidia-geforce-gtx-1080", "fp32", "launch_price", date(2016, 5, 27), 1.4813e10, None),
        ("nvidia-geforce-gtx-1060-6gb", "fp32", "launch_price", date(2016, 7, 19), 1.4632e10, None),
        ("nvidia-geforce-rtx-4090", "fp32", "launch_price", date(2022, 9, 20), 5.1657e10, None),
        ("nvidia-geforce-rtx-4090", "bf16", "launch_price", date(2022, 9, 20), 2.0638e11, None),
        ("nvidia-a100-sxm4-40gb", "bf16", "cloud_spot", date(2024, 5, 30), None, 13.956741),
    ],
    schema={
        "hardware_id": pl.String,
        "precision": pl.String,
        "basis": pl.String,
        "priced_on": pl.Date,
        "flop_per_s_per_usd": pl.Float64,
        "usd_per_pflop_day": pl.Float64,
    },
    orient="row",
)


def by_subset(inputs):
    return {(i.metric, i.subset): i for i in inputs}


def test_subset_names():
    assert subset_name("notable") == "notable"
    assert subset_name("notable", start=date(2010, 1, 1)) == "notable 2010-01-01.."
    assert subset_name("notable", end=date(2009, 12, 31)) == "notable ..2009-12-31"
    assert (
        subset_name("notable", start=date(2010, 1, 1), frontier_k=10)
        == "notable top10 2010-01-01.."
    )


def test_compute_inputs_split_the_eras_and_rank_the_frontier_over_notable_models():
    inputs = by_subset(compute_inputs(MODELS))
    assert set(inputs) == {
        ("training_compute_flop", "notable 2010-01-01.."),
        ("training_compute_flop", "notable ..2009-12-31"),
        ("training_compute_flop", "notable top10 2010-01-01.."),
        ("training_compute_flop", "notable 2010-01-01..2022-02-28"),  # Sevilla et al.'s era
        ("training_compute_flop", "large-scale"),
        ("training_compute_flop", "large-scale notable"),
    }
    deep = inputs["training_compute_flop", "notable 2010-01-01.."]
    assert (deep.start, deep.end, deep.frontier_k, deep.unit) == (
        date(2010, 1, 1),
        None,
        None,
        "FLOP",
    )
    before = inputs["training_compute_flop", "notable ..2009-12-31"]
    assert (before.start, before.end) == (None, date(2009, 12, 31))
    top = inputs["training_compute_flop", "notable top10 2010-01-01.."]
    assert top.frontier_k == 10 and top.start == date(2010, 1, 1)
    # every notable model is handed over, Deep Blue's missing compute included: the engine
    # counts what it drops, and the frontier ranks over the whole notable history
    assert deep.data.height == 12 and deep.data["value"].null_count() == 1
    assert inputs["training_compute_flop", "large-scale"].data.height == 5
    assert inputs["training_compute_flop", "large-scale"].data["date"].min() == date(2020, 5, 28)


def test_training_cost_inputs_keep_frontier_models_only():
    inputs = by_subset(training_cost_inputs(MODELS))
    everything = inputs["training_cost_usd", "frontier"]
    # 9 frontier models; Theseus, Perceptron Mark I, TD-Gammon and LeNet-5 state no cost
    assert everything.data.height == 9
    assert everything.data["value"].drop_nulls().to_list() == [
        15.569753,
        2.1169e6,
        3.0604e6,
        5.2885e7,
        3.8784e8,
    ]
    assert inputs["training_cost_usd", "frontier 2016-01-01.."].start == date(2016, 1, 1)


def test_launch_price_inputs_by_population_and_precision():
    inputs = by_subset(launch_price_inputs(PRICE_PERFORMANCE, HARDWARE))
    assert set(inputs) == {
        (f"{p}_flop_per_s_per_usd", s)
        for p in ("fp32", "bf16", "fp16", "fp16_tensor")  # vector and tensor FP16 apart
        for s in ("gpu", "ml gpu")
    } | {("fp32_flop_per_s_per_usd", EPOCH_2022_GPU_SUBSET)}
    epoch = inputs["fp32_flop_per_s_per_usd", EPOCH_2022_GPU_SUBSET]
    assert (epoch.start, epoch.end) == (date(2006, 1, 1), date(2021, 12, 31))
    assert epoch.data["value"].to_list() == [1.4813e10, 1.4632e10, 5.1657e10]  # windowed later
    assert epoch.headline
    gpu = inputs["fp32_flop_per_s_per_usd", "gpu"].data
    assert gpu["value"].to_list() == [1.4813e10, 1.4632e10, 5.1657e10]
    # the GTX 1060 is not in Epoch's ML hardware database
    ml = inputs["fp32_flop_per_s_per_usd", "ml gpu"].data
    assert ml["value"].to_list() == [1.4813e10, 5.1657e10]
    assert ml["date"].to_list() == [date(2016, 5, 27), date(2022, 9, 20)]
    assert inputs["bf16_flop_per_s_per_usd", "gpu"].data["value"].to_list() == [2.0638e11]
    assert inputs["fp16_flop_per_s_per_usd", "gpu"].data.height == 0  # fitted: skipped
    assert inputs["fp16_tensor_flop_per_s_per_usd", "gpu"].data.height == 0
    # a launch price's sources are the chip's
    assert gpu["source"].to_list()[0] == "epoch_hardware,epoch_chips,techpowerup"
    assert {i.unit for i in inputs.values()} == {PRICE_PERFORMANCE_TABLE.unit("flop_per_s_per_usd")}


def test_ml_hardware_is_what_epoch_lists_by_exact_source_name():
    hardware = pl.concat(
        [
            HARDWARE,
            # a source whose name merely starts the same does not count
            HARDWARE.head(1).with_columns(
                hardware_id=pl.lit("x"), sources=pl.lit("epoch_hardware_prices")
            ),
        ]
    )
    inputs = by_subset(ml_hardware_inputs(hardware))
    assert set(inputs) == {
        ("fp32_flop_per_s", "ml hardware"),
        ("bf16_flop_per_s", "ml hardware"),
        ("memory_bytes", "ml hardware"),
        ("memory_bandwidth_bytes_per_s", "ml hardware"),
    }
    memory = inputs["memory_bytes", "ml hardware"].data
    assert memory["value"].to_list() == [8e9, 2.4e10, 3.2e10]  # GTX 1080, RTX 4090, TPU v4
    for (metric, _), item in inputs.items():
        assert item.unit == unit_of(COLUMNS[metric])


def quotes(rows):
    return pl.DataFrame(
        rows,
        schema={
            "observed_at": pl.Datetime("us", "UTC"),
            "provider": pl.String,
            "region": pl.String,
            "hardware_id": pl.String,
            "pricing": pl.String,
            "usd_per_accelerator_hour": pl.Float64,
        },
        orient="row",
    )


def test_a_month_is_the_median_of_each_provider_region_not_of_every_tick():
    """H100 marketplace ticks of October 2025 (gpu_price_tracker): nebius quoted 2.12 311
    times, hyperstack 2.40 296 times, vultr 2.99 3 times; shortened here to 5, 2 and 1."""
    at = datetime(2025, 10, 20, tzinfo=UTC)
    h100 = "nvidia-h100-sxm5-80gb"
    rows = (
        [(at, "nebius", None, h100, "marketplace", 2.12)] * 5
        + [(at, "hyperstack", None, h100, "marketplace", 2.4)] * 2
        + [(datetime(2025, 10, 31, 13, 44, tzinfo=UTC), "vultr", None, h100, "marketplace", 2.99)]
    )
    monthly = monthly_cloud_prices(quotes(rows))
    assert monthly.rows(named=True) == [
        {
            "hardware_id": h100,
            "pricing": "marketplace",
            "month": date(2025, 10, 1),
            "usd_per_accelerator_hour": 2.4,  # the median of every tick would be 2.12
            "quotes": 8,
            "places": 3,
        }
    ]


def test_regions_of_one_provider_count_as_places():
    """H100 on-demand, June 2024: three GCP regions and Oblivus (epoch_hardware_prices)."""
    h100 = "nvidia-h100-sxm5-80gb"
    rows = [
        (datetime(2024, 6, 27, 3, 53, 56, tzinfo=UTC), "gcp", region, h100, "on_demand", usd)
        for region, usd in (("us-central1", 11.06125), ("asia-east1", 12.794848))
    ] + [(datetime(2024, 6, 25, tzinfo=UTC), "oblivus", None, h100, "on_demand", 3.45)]
    monthly = monthly_cloud_prices(quotes(rows))
    assert monthly["usd_per_accelerator_hour"].item() == 11.06125
    assert monthly["places"].item() == 3


def offer_quotes(rows):
    """core.cloud_price rows: (observed_at, provider, region, instance_type, pricing, usd,
    source) of one accelerator."""
    return pl.DataFrame(
        [
            (at, p, r, i, "nvidia-h100-sxm5-80gb", pr, usd, src)
            for at, p, r, i, pr, usd, src in rows
        ],
        schema={
            "observed_at": pl.Datetime("us", "UTC"),
            "provider": pl.String,
            "region": pl.String,
            "instance_type": pl.String,
            "hardware_id": pl.String,
            "pricing": pl.String,
            "usd_per_accelerator_hour": pl.Float64,
            "source": pl.String,
        },
        orient="row",
    )


def test_an_offer_month_is_the_median_of_its_quotes_with_its_sources_and_days():
    """H100 on demand in us-central1 (gcp_pricing) quoted twice in June 2024, once by a second
    source; Oblivus (epoch_hardware_prices) once."""
    rows = [
        (
            datetime(2024, 6, 3, tzinfo=UTC),
            "gcp",
            "us-central1",
            "a3-highgpu-8g",
            "on_demand",
            11.06125,
            "gcp_pricing",
        ),
        (
            datetime(2024, 6, 27, tzinfo=UTC),
            "gcp",
            "us-central1",
            "a3-highgpu-8g",
            "on_demand",
            11.06125,
            "epoch_hardware_prices",
        ),
        (
            datetime(2024, 6, 25, tzinfo=UTC),
            "oblivus",
            None,
            None,
            "on_demand",
            3.45,
            "epoch_hardware_prices",
        ),
    ]
    offers = offer_months(offer_quotes(rows))
    assert offers.height == 2
    gcp = offers.filter(provider="gcp").row(0, named=True)
    assert gcp["usd_per_accelerator_hour"] == 11.06125 and gcp["quotes"] == 2
    assert gcp["source"] == "epoch_hardware_prices,gcp_pricing"
    assert (gcp["month"], gcp["first_on"], gcp["last_on"]) == (
        date(2024, 6, 1),
        date(2024, 6, 3),
        date(2024, 6, 27),
    )


def test_suspect_quotes_do_not_enter_an_offer_month():
    """GCP a2-ultragpu-8g in us-central1, reserved 3 years: 2022-09's 1.41 USD per A100-hour
    is flagged suspect (off its own history, median 5.03); the next months quote 5.03."""
    rows = [
        (
            datetime(2022, 9, 1, tzinfo=UTC),
            "gcp",
            "us-central1",
            "a2-ultragpu-8g",
            "reserved_3y",
            1.411782196,
            "gcp_pricing",
        ),
        (
            datetime(2022, 10, 1, tzinfo=UTC),
            "gcp",
            "us-central1",
            "a2-ultragpu-8g",
            "reserved_3y",
            5.027702,
            "gcp_pricing",
        ),
    ]
    quotes = offer_quotes(rows).with_columns(is_suspect=pl.Series([True, False]))
    offers = offer_months(quotes)
    assert offers["month"].to_list() == [date(2022, 10, 1)]
    assert offer_months(quotes.drop("is_suspect")).height == 2  # a frame without the flag


def h100_entering_gcp():
    """Synthetic on the shape of the real H100 on-demand data: a small cloud's offer at a fixed
    $2.49 from 2023-04, then GCP's dearer offer (~$11.06 an H100-hour) from 2024-02, both
    fixed. The median across providers jumps when GCP enters: the pooled series read
    'doubles every 2.0 years'."""
    rows = []
    for i in range(24):
        month = datetime(2023 + (3 + i) // 12, (3 + i) % 12 + 1, 1, tzinfo=UTC)
        rows.append((month, "lambda", None, "gpu_8x_h100", "on_demand", 2.49, "fsdl_cloud_gpus"))
        if month >= datetime(2024, 2, 1, tzinfo=UTC):
            rows.append(
                (month, "gcp", "us-central1", "a3-highgpu-8g", "on_demand", 11.06125, "gcp_pricing")
            )
    return offer_quotes(rows)


def test_cloud_prices_are_fitted_within_offers():
    offers = offer_months(h100_entering_gcp())
    assert major_offer_series(offers).rows() == [("nvidia-h100-sxm5-80gb", "on_demand", 24, 2)]
    (item,) = cloud_price_inputs(offers)
    assert (item.metric, item.subset, item.figure_name, item.monthly) == (
        "usd_per_accelerator_hour",
        "nvidia-h100-sxm5-80gb on_demand",
        "usd_per_accelerator_hour on_demand",
        True,
    )
    assert (
        item.groups.n_unique() == 2 and item.data.height == 24 + 14
    )  # GCP from 2024-02 to 2025-03
    (fitted,), _ = fit_all([item])
    e = fitted.fit.estimate
    assert e.pct_per_year == 0.0 and e.doubling_time_years is None and e.n_groups == 2
    # the market median of the same quotes rises when GCP enters
    monthly = monthly_cloud_prices(h100_entering_gcp())
    assert monthly["usd_per_accelerator_hour"].head(1).item() == 2.49
    assert monthly["usd_per_accelerator_hour"].tail(1).item() == pytest.approx(6.775625)


def test_major_series_need_twelve_months_of_offers_quoted_twice():
    months = [datetime(2023, m, 1, tzinfo=UTC) for m in range(1, 13)]
    rows = [
        (m, "gcp", "us-east1", "g2-standard-4", "on_demand", 0.7, "gcp_pricing") for m in months
    ]
    # quoted once only: says nothing about change, so its month does not count
    rows.append(
        (
            datetime(2024, 1, 1, tzinfo=UTC),
            "aws",
            "us-east-1",
            "g6.xlarge",
            "on_demand",
            0.8,
            "aws_instance_pages",
        )
    )
    offers = offer_months(offer_quotes(rows))
    assert MAJOR_MONTHS == 12
    assert major_offer_series(offers)["months"].to_list() == [12]
    assert len(cloud_price_inputs(offers)) == 1
    assert cloud_price_inputs(offers.filter(pl.col("month") > date(2023, 1, 1))) == []
    assert len(cloud_price_inputs(offers.filter(pl.col("month") > date(2023, 1, 1)), 11)) == 1


def test_openai_2018_points_are_fitted_as_published():
    """core.model_estimate rows of openai_ai_and_compute (three of the twenty) and one OWID
    row that must not be mixed in."""
    estimates = pl.DataFrame(
        [
            ("openai_ai_and_compute", "training_compute_flop", date(2012, 6, 1), 5.00043456e17),
            ("openai_ai_and_compute", "training_compute_flop", date(2015, 12, 10), 1.041408e19),
            ("openai_ai_and_compute", "training_compute_flop", date(2017, 10, 19), 1.608768e23),
            ("owid_ai", "training_compute_flop", date(2017, 10, 19), 3.41e23),
        ],
        schema=["source", "quantity", "published_on", "value"],
        orient="row",
    )
    (item,) = published_compute_inputs(estimates)
    assert item.subset == OPENAI_2018_SUBSET and item.data.height == 3
    assert item.data["source"].unique().to_list() == ["openai_ai_and_compute"]


def test_source_names_of_versions():
    frame = pl.DataFrame({"v": ["epoch_models/2026-03-30-c72c,epoch_notable_models/1", None]})
    assert frame.select(source_names(pl.col("v"))).to_series().to_list() == [
        "epoch_models,epoch_notable_models",
        None,
    ]


def test_cloud_price_performance_is_the_months_cheapest_offer():
    """bf16 rows of analysis.price_performance, May and June 2024."""
    rows = pl.DataFrame(
        [
            ("cloud_on_demand", "bf16", date(2024, 5, 20), 21.344113),  # GH200
            ("cloud_on_demand", "bf16", date(2024, 5, 30), 46.557846),  # A100 40GB
            ("cloud_on_demand", "bf16", date(2024, 6, 25), 83.687083),  # H100 SXM
            ("cloud_spot", "bf16", date(2024, 5, 30), 13.956741),  # A100 40GB
            ("cloud_spot", "fp8", date(2024, 5, 30), 1.0),  # precision not fitted
            ("launch_price", "bf16", date(2022, 9, 20), None),
        ],
        schema=["basis", "precision", "priced_on", "usd_per_pflop_day"],
        orient="row",
    )
    inputs = by_subset(cloud_price_performance_inputs(rows))
    assert set(inputs) == {
        ("usd_per_pflop_day", "bf16 cloud_on_demand"),
        ("usd_per_pflop_day", "bf16 cloud_spot"),
    }
    on_demand = inputs["usd_per_pflop_day", "bf16 cloud_on_demand"]
    assert on_demand.data.select("date", "value").rows() == [
        (date(2024, 5, 1), 21.344113),
        (date(2024, 6, 1), 83.687083),
    ]
    assert on_demand.monthly
    assert on_demand.unit == PRICE_PERFORMANCE_TABLE.unit("usd_per_pflop_day")
    assert on_demand.headline


def test_dawnbench_inputs_fit_training_entries_per_task():
    """ImageNet entries of core.dawnbench_entry (the first inference entry must be ignored)."""
    entries = pl.DataFrame(
        [
            ("ImageNet", "train", date(2017, 10, 27), 1.1617e6, 2323.39273),
            ("ImageNet", "train", date(2017, 10, 27), 878398.192, 1112.63771),
            ("ImageNet", "inference", date(2017, 11, 30), None, None),
            ("ImageNet", "train", date(2017, 12, 5), 160107.0, None),
            ("ImageNet", "train", date(2018, 3, 25), 44799.0, 82.069279),
        ],
        schema=["task", "kind", "submitted_on", "time_to_target_s", "cost_usd"],
        orient="row",
    )
    inputs = by_subset(dawnbench_inputs(entries))
    assert set(inputs) == {
        ("time_to_target_s", "dawnbench ImageNet train"),
        ("cost_usd", "dawnbench ImageNet train"),
    }
    time = inputs["time_to_target_s", "dawnbench ImageNet train"]
    assert time.data["value"].to_list() == [1.1617e6, 878398.192, 160107.0, 44799.0]
    assert time.unit == "s"
    assert inputs["cost_usd", "dawnbench ImageNet train"].data["value"].null_count() == 1


@pytest.mark.parametrize(
    "build",
    [
        lambda: compute_inputs(MODELS.clear()),
        lambda: training_cost_inputs(MODELS.clear()),
        lambda: launch_price_inputs(PRICE_PERFORMANCE.clear(), HARDWARE.clear()),
        lambda: ml_hardware_inputs(HARDWARE.clear()),
        lambda: cloud_price_performance_inputs(PRICE_PERFORMANCE.clear()),
    ],
)
def test_empty_tables_give_inputs_without_points(build):
    """An empty table still names its estimates, which the fit then skips with a reason."""
    for item in build():
        assert item.data.height == 0
        assert item.data.select("date", "value").schema == pl.Schema(
            {"date": pl.Date, "value": pl.Float64}
        )

"""Small excerpts of the real warehouse tables for the trend inputs' tests (values as the
2026-11-23 build states them, a few rows each): core.model, core.hardware and
analysis.price_performance."""

from datetime import date

import polars as pl

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

"""Overhang test inputs: real rows' values, GPT-4 (Mar 2023) as Epoch states it (2.1e25
FLOP, 1.8e12 parameters, 95 days = 8.208e6 s), the H100's and other chips' launch prices and
peaks of core.hardware, and a GCP spot quote of the A100; helpers to read a row."""

import json
from datetime import date

import polars as pl

PNG = b"\x89PNG\r\n\x1a\n"
GPT4 = {
    "model_id": "gpt-4-mar-2023",
    "name": "GPT-4 (Mar 2023)",
    "published_on": date(2023, 3, 15),
    "training_compute_flop": 2.1e25,
    "parameters": 1.8e12,
    "training_time_s": 8.208e6,
    "versions": "epoch_models/2026-03-30-c72c366ce3eb",
    # GPT-4's active parameters are only rumoured: not curated, so the total is the basis
    "active_parameters": None,
    "base_model": None,
    "finetune_compute_flop": None,
    # 2.1e25 / (25,000 A100 x 312e12 FLOP/s x 8.208e6 s)
    "implied_utilisation": 0.328,
    "is_physically_implausible": False,
    "implausible_reason": None,
}
# Chinchilla: compute and parameters, no training time in Epoch's data.
CHINCHILLA = GPT4 | {
    "model_id": "chinchilla",
    "name": "Chinchilla",
    "published_on": date(2022, 3, 29),
    "training_compute_flop": 5.76e23,
    "parameters": 7e10,
    "training_time_s": None,
}
# core.model's types of the columns that are null in these rows
TYPES = {
    "active_parameters": pl.Float64,
    "base_model": pl.String,
    "finetune_compute_flop": pl.Float64,
    "implied_utilisation": pl.Float64,
    "implausible_reason": pl.String,
    "training_time_s": pl.Float64,
}


def models_frame(rows: list[dict]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema_overrides=TYPES)


MODELS = models_frame([GPT4, CHINCHILLA])


def _launch(hardware_id, released_on, price_usd, peak_flop_per_s, precision="bf16"):
    return {
        "hardware_id": hardware_id,
        "precision": precision,
        "basis": "launch_price",
        "priced_on": released_on,
        "price_usd": price_usd,
        "peak_flop_per_s": peak_flop_per_s,
        "usd_per_accelerator_hour": None,
        "usd_per_pflop_day": None,
        "utilisation": None,
        "provider": None,
        "region": None,
        "instance_type": None,
        "source": None,
        "sha256": None,
        "row_number": None,
    }


def _spot(priced_on, usd_per_hour, row_number):
    """A GCP spot quote of the A100 40GB (312 TFLOP/s bf16), as price_performance holds it at
    utilisation 1.0."""
    return _launch("nvidia-a100-sxm4-40gb", priced_on, None, 312e12) | {
        "basis": "cloud_spot",
        "usd_per_accelerator_hour": usd_per_hour,
        "usd_per_pflop_day": usd_per_hour * 24 / 0.312,
        "utilisation": 1.0,
        "provider": "gcp",
        "region": "northamerica-northeast2",
        "instance_type": "a2-megagpu-16g",
        "source": "gcp_pricing",
        "sha256": "45b851c2" * 8,
        "row_number": row_number,
    }


PRICE_PERFORMANCE = pl.DataFrame(
    [
        _launch("nvidia-v100-sxm2", date(2017, 7, 1), 11_500.0, 125e12),
        _launch("nvidia-geforce-rtx-4090", date(2022, 9, 20), 1_599.0, 330e12),
        _launch("nvidia-h100-sxm5-80gb", date(2022, 9, 20), 33_600.0, 989.4e12),
        _launch("nvidia-h100-sxm5-80gb", date(2022, 9, 20), 33_600.0, 66.9e12, "fp32"),
        _spot(date(2023, 5, 25), 0.181438, 694),
        _spot(date(2023, 6, 29), 0.25, 734),
    ]
)


UTILISATION = 0.4


def value_of(rows, subject, quantity):
    return rows.filter((pl.col("subject") == subject) & (pl.col("quantity") == quantity))[
        "value"
    ].item()


def inputs_of(rows, subject, quantity):
    return json.loads(
        rows.filter((pl.col("subject") == subject) & (pl.col("quantity") == quantity))[
            "inputs"
        ].item()
    )


def model_like(**fields):
    return GPT4 | fields

"""Specs as vendors state them: the judgement rules on the real bundled spec sources."""

import polars as pl
import pytest

from analyses.hardware_ids import hardware_id_expr
from analyses.hardware_merge import spec_rows
from analyses.hardware_specs import (
    DATASHEET_SOURCE,
    GEFORCE_REASON,
    NO_BF16_REASON,
    judge,
    lacks_bf16,
)
from sources import curated, epoch_hardware, techpowerup


@pytest.fixture(scope="module")
def judged(bundled_store) -> pl.DataFrame:
    frames = []
    for module in (epoch_hardware, techpowerup):
        snapshot = bundled_store.latest(module.SOURCE.name)
        frames.append(
            module.to_spec_records(module.parse(snapshot.path())).with_columns(
                hardware_id=hardware_id_expr(pl.col("name"), pl.col("vendor")),
                source=pl.lit(module.SOURCE.name),
                sha256=pl.lit(snapshot.sha256),
            )
        )
    records = pl.concat(frames, how="diagonal_relaxed").filter(pl.col("hardware_id").is_not_null())
    return judge(spec_rows(records), curated.load("hardware_spec_corrections"), "0" * 64)


def statement(judged, hardware_id, attribute, source):
    rows = judged.filter(
        (pl.col("hardware_id") == hardware_id)
        & (pl.col("attribute") == attribute)
        & (pl.col("source") == source)
    )
    assert rows.height == 1, (hardware_id, attribute, source, rows.height)
    return rows.row(0, named=True)


@pytest.mark.parametrize(
    ("hardware_id", "reason"),
    [
        ("nvidia-v100-sxm2-16gb", NO_BF16_REASON),
        ("nvidia-titan-v", NO_BF16_REASON),
        ("nvidia-t4", NO_BF16_REASON),
        ("nvidia-geforce-rtx-2080-ti-11gb", NO_BF16_REASON),
        ("nvidia-quadro-rtx-8000", NO_BF16_REASON),
        ("nvidia-geforce-rtx-4090", GEFORCE_REASON),
        ("nvidia-a100-sxm4-80gb", None),
        ("nvidia-l40s", None),
        ("nvidia-rtx-a6000", None),
        ("google-tpu-v4", None),
        ("amd-instinct-mi300x", None),
    ],
)
def test_bf16_belongs_to_chips_that_compute_it(hardware_id, reason):
    assert lacks_bf16(hardware_id) == reason


def test_epochs_16bit_tensor_figure_becomes_tensor_fp16_and_v100_bf16_is_rejected(judged):
    bf16 = statement(judged, "nvidia-v100-sxm2-16gb", "bf16_flop_per_s", "epoch_hardware")
    assert bf16["is_rejected"] and bf16["value"] == 125e12
    tensor = statement(judged, "nvidia-v100-sxm2-16gb", "fp16_tensor_flop_per_s", "epoch_hardware")
    assert not tensor["is_rejected"] and tensor["value"] == 125e12
    a100 = statement(judged, "nvidia-a100-sxm4-80gb", "bf16_flop_per_s", "epoch_hardware")
    assert not a100["is_rejected"] and a100["value"] == 312e12


def test_an_fp16_figure_above_twice_fp32_is_a_matrix_figure(judged):
    # TechPowerUp's T4: 'FP16 65.13 TFLOPS (8:1)' against 8.141 FP32 is the tensor rate.
    t4 = statement(judged, "nvidia-t4", "fp16_flop_per_s", "techpowerup")
    assert t4["is_rejected"] and "twice" in t4["rejected_reason"]
    moved = statement(judged, "nvidia-t4", "fp16_tensor_flop_per_s", "techpowerup")
    assert moved["value"] == pytest.approx(65.13e12) and not moved["is_rejected"]
    # The P100's FP16 is twice its FP32 (vector, packed half precision): kept.
    p100 = statement(judged, "nvidia-p100", "fp16_flop_per_s", "epoch_hardware")
    assert not p100["is_rejected"] and p100["value"] == pytest.approx(2 * 9.3e12, rel=0.01)


def test_datasheet_values_are_statements_of_their_own_and_supersede_upstream(judged):
    trainium = judged.filter(
        (pl.col("hardware_id") == "aws-trainium1")
        & (pl.col("attribute") == "memory_bandwidth_bytes_per_s")
    )
    by_source = {r["source"]: r for r in trainium.iter_rows(named=True)}
    assert by_source[DATASHEET_SOURCE]["value"] == 8.2e11
    assert by_source[DATASHEET_SOURCE]["unit"] == "B/s"
    assert by_source["epoch_hardware"]["is_rejected"]  # 9.8 TB/s: a 16-chip instance's
    assert "trn1.32xlarge" in by_source["epoch_hardware"]["rejected_reason"]

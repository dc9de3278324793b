"""Model ids, the fold into one row per model, Epoch's frontier rule, the cross-checks."""

from datetime import UTC, date, datetime

import polars as pl
import pytest

from analyses import model_consistency
from analyses.models import fold, model_ids, precedence, slug, with_frontier
from schemas import MODEL_FIELDS


def test_model_ids_are_slugs_and_names_that_slug_alike_stay_apart():
    names = pl.Series(["GPT-3 175B (davinci)", "GPT 4", "GPT-4", "智云文化大模型", "GPT-4"])
    ids = model_ids(names).to_list()
    assert ids[0] == "gpt-3-175b-davinci"
    assert ids[1] == "gpt-4"  # first of the two names in sorted order keeps the plain slug
    assert ids[2].startswith("gpt-4-") and len(ids[2]) == len("gpt-4-") + 6
    assert ids[2] == ids[4]
    assert ids[3] == slug("智云文化大模型") == "智云文化大模型"


def _record(**fields):
    row = {c: None for c in MODEL_FIELDS} | {
        "model_id": "m",
        "name": "M",
        "file": "all_ai_models.csv",
        "source": "epoch_models",
        "sha256": "old",
        "row_number": 1,
    }
    return row | fields


def _records(*rows):
    schema = {c: pl.Float64 for c in MODEL_FIELDS} | {
        c: pl.String
        for c in ("model_id", "name", "file", "source", "sha256", "hardware_text", "domain")
    }
    schema |= {"published_on": pl.Date, "is_frontier_epoch": pl.Boolean, "row_number": pl.Int64}
    frame = pl.DataFrame(list(rows), schema={k: schema.get(k, pl.String) for k in rows[0]})
    return frame.with_columns(precedence=precedence(frame))


VERSIONS = pl.DataFrame(
    {
        "source": ["epoch_models", "epoch_notable_models"],
        "sha256": ["old", "new"],
        "version": ["2026-03-30-x", "2026-07-19-y"],
        "retrieved_at": [datetime(2026, 3, 30, tzinfo=UTC), datetime(2026, 7, 19, tzinfo=UTC)],
    }
)


def test_each_field_comes_from_the_newest_version_that_states_it():
    records = _records(
        _record(parameters=1e9, training_compute_flop=1e21, training_compute_low_flop=5e20),
        _record(
            source="epoch_notable_models",
            sha256="new",
            file="notable_ai_models.csv",
            training_compute_flop=2e21,
        ),
    )
    model = fold(records, VERSIONS).row(0, named=True)
    assert model["training_compute_flop"] == 2e21  # revised in the newer version
    assert model["training_compute_low_flop"] is None  # a bound goes with its own estimate
    assert model["parameters"] == 1e9  # only the older version states it
    assert model["versions"] == "epoch_notable_models/2026-07-19-y,epoch_models/2026-03-30-x"
    assert model["is_notable"] is True


def test_within_a_version_the_most_complete_record_is_read_first():
    records = _records(
        _record(row_number=1, published_on=None, parameters=None),
        _record(row_number=2, published_on=date(2024, 1, 1), parameters=7e9, domain="Vision"),
    )
    assert records["precedence"].to_list() == [2, 1]
    model = fold(records, VERSIONS).row(0, named=True)
    assert (model["published_on"], model["parameters"]) == (date(2024, 1, 1), 7e9)


def test_frontier_is_epochs_flag_until_its_newest_flagged_model_and_the_rule_after():
    models = pl.DataFrame(
        {
            "published_on": [date(y, 1, 1) for y in (2020, 2021, 2022, 2023, 2024)],
            "training_compute_flop": [1e20, 1e19, 1e21, 1e23, None],
            "is_frontier_epoch": [True, False, True, False, None],
        }
    )
    out = with_frontier(models)
    assert out["is_top10_at_release"].to_list() == [True, True, True, True, False]
    # up to 2022 (Epoch's newest flagged model) Epoch's judgement stands, even against the
    # rule (2021); later models are not judged yet, so the rule decides (2023)
    assert out["is_frontier"].to_list() == [True, False, True, True, False]


def test_six_n_d_ratio_and_outliers_by_hand():
    models = pl.DataFrame(
        {
            "model_id": ["dense", "off", "moe", "finetune"],
            "name": ["Dense 7B", "Off 1B", "Mixtral 8x7B", "Tuned"],
            "domain": ["Language"] * 4,
            "base_model": [None, None, None, "Dense 7B"],
            "parameters": [7e9, 1e9, 46.7e9, 7e9],
            "training_dataset_size": [1e12, 1e9, 1e12, 1e6],
            "epochs": [None, 2.0, None, None],
            "training_compute_flop": [4.2e22, 1e20, 1e23, 4.2e22],
        }
    )
    rows = model_consistency.six_n_d(models)
    assert rows["model_id"].to_list() == ["dense", "off"]  # MoE and fine-tunes are not checked
    assert rows["ratio"].to_list() == pytest.approx([1.0, 1e20 / (6 * 1e9 * 1e9 * 2)])
    assert rows["outlier"].to_list() == [False, True]


def test_hardware_time_implied_utilisation_by_hand():
    models = pl.DataFrame(
        {
            "model_id": ["a", "b"],
            "name": ["A", "B"],
            "base_model": [None, None],
            "hardware_id": ["chip", "chip"],
            "hardware_ids": ["chip", "chip"],
            "numerical_format": ["FP32", None],
            "hardware_quantity": [10.0, 10.0],
            "training_time_s": [1000.0, 1000.0],
            "training_compute_flop": [4e17, 4e17],
            "model_flop_utilisation": [None, 0.1],
        }
    )
    hardware = pl.DataFrame(
        {"hardware_id": ["chip"], "fp32_flop_per_s": [1e14], "bf16_flop_per_s": [1e15]}
    ).with_columns(
        *(
            pl.lit(None, pl.Float64).alias(c)
            for c in ("tf32_flop_per_s", "fp16_flop_per_s", "fp8_flop_per_s", "int8_op_per_s")
        )
    )
    rows = model_consistency.hardware_time(models, hardware)
    # A at FP32: 4e17 / (10 x 1e14 x 1000) = 0.4; B at the 16-bit peak: 0.04, 2.5x below its MFU
    assert rows["implied_utilisation"].to_list() == pytest.approx([0.4, 0.04])
    assert rows["outlier"].to_list() == [False, True]

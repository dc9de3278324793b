"""Model ids, the fold into one row per model, Epoch's frontier rule, active parameters
(analyses/models.py)."""

from datetime import UTC, date, datetime

import polars as pl
import pytest

from analyses.models import (
    fold,
    model_ids,
    precedence,
    slug,
    with_active_parameters,
    with_frontier,
)
from schemas import MODEL_FIELDS
from sources.curated import load as load_curated


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


def test_active_parameters_are_joined_by_name_and_refused_without_citation_or_match():
    models = pl.DataFrame({"name": ["Mixtral 8x7B", "Llama 2-7B"], "parameters": [46.7e9, 7e9]})
    curated = pl.DataFrame(
        {
            "name": ["Mixtral 8x7B"],
            "active_parameters": [12_900_000_000],
            "total_parameters": [46_700_000_000],
            "citation_url": ["https://mistral.ai/news/mixtral-of-experts"],
            "note": ["46.7B total, 12.9B per token"],
        }
    )
    out = with_active_parameters(models, curated)
    assert out["active_parameters"].to_list() == [12.9e9, None]
    with pytest.raises(ValueError, match="without a citation"):
        with_active_parameters(models, curated.with_columns(citation_url=pl.lit("")))
    with pytest.raises(ValueError, match="not in core.model"):
        with_active_parameters(models, curated.with_columns(name=pl.lit("Mixtral 9x9B")))
    with pytest.raises(ValueError, match="differ from Epoch"):
        with_active_parameters(models, curated.with_columns(total_parameters=pl.lit(1e11)))


def test_curated_active_parameters_cite_a_source_and_match_epochs_totals():
    curated = load_curated("model_active_parameters")
    assert curated["citation_url"].str.starts_with("https://").all()
    assert (curated["active_parameters"] < curated["total_parameters"]).all()
    # GPT-4's split is only rumoured (Epoch's notes cite SemiAnalysis): not curated
    assert not curated["name"].str.starts_with("GPT-4").any()
    by_name = dict(curated.select("name", "active_parameters").iter_rows())
    assert by_name["Mixtral 8x7B"] == 12.9e9 and by_name["DeepSeek-V3"] == 37e9
    assert by_name["DBRX"] == 36e9 and by_name["Llama 4 Maverick"] == 17e9

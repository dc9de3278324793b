"""Trend inputs of models: compute by era and frontier, training cost, OpenAI 2018's points,
on small excerpts of the real warehouse tables (values as the
2026-11-23 build states them, a few rows each; tick counts shortened where noted)."""

from datetime import date

import polars as pl

from analyses.trend_inputs_models import (
    OPENAI_2018_SUBSET,
    compute_inputs,
    published_compute_inputs,
    training_cost_inputs,
)
from tests.analyses._trend_inputs_testkit import MODELS, by_subset


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

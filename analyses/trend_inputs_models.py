"""Trend inputs of ML models: training compute (core.model) by era, frontier and large-scale;
OpenAI's 2018 points as published (core.model_estimate); frontier training cost.

Pure polars over frames of the warehouse tables named in each function, so a notebook can call
them; `analyses.trend_estimates` fits what they return. Decisions (issue "Trend engine"):
- **Training compute** (core.model): notable models by publication date, split at 2010-01-01 into
  the deep-learning era and before it (Sevilla et al. 2022's eras); the running top 10 of notable
  models (ranked over their whole history, `trend_points.frontier_mask`) from 2010; Epoch's
  large-scale list (models over 1e23 FLOP) as published, and its notable models.
- **Published points** (core.model_estimate): OpenAI's "AI and Compute" (2018) data points as
  published, fitted as OpenAI's own rule (`OPENAI_2018_SUBSET`); and the notable models of
  Sevilla et al. (2022)'s deep-learning era window, 2010-01-01 to 2022-02-28.
- **Training cost** (core.model): frontier models' cost in constant 2023 dollars (Epoch's
  estimate), all of them and from 2016 (the window of Cottier et al. 2024).
"""

from __future__ import annotations

from datetime import date

import polars as pl

from analyses.models import FRONTIER_TOP
from analyses.trend_input import TrendInput, points_frame, source_names, subset_name

DEEP_LEARNING_ERA = date(2010, 1, 1)  # Sevilla et al. 2022: the deep-learning era from 2010
BEFORE_DEEP_LEARNING = date(2009, 12, 31)
COST_WINDOW = date(2016, 1, 1)  # Cottier et al. 2024 fit frontier training costs from 2016
FRONTIER_K = FRONTIER_TOP  # Epoch's frontier: the running top 10
OPENAI_2018_SUBSET = "openai 2018 ai-and-compute points"
OPENAI_2018_SOURCE = "openai_ai_and_compute"
SEVILLA_2022_END = date(2022, 2, 28)  # their data ends February 2022 (arXiv:2202.05924)


def compute_inputs(models: pl.DataFrame) -> list[TrendInput]:
    """Training compute trends of core.model (`published_on`, `training_compute_flop`,
    `is_notable`, `is_large_scale`)."""
    notable = models.filter(pl.col("is_notable"))
    large = models.filter(pl.col("is_large_scale"))

    def make(frame, population, what, start=None, end=None, k=None, headline=True):
        return TrendInput(
            metric="training_compute_flop",
            subset=subset_name(population, start, end, k),
            unit="FLOP",
            points=f"{what} with a compute estimate, by publication date",
            data=points_frame(
                frame["published_on"], frame["training_compute_flop"], _model_sources(frame)
            ),
            start=start,
            end=end,
            frontier_k=k,
            headline=headline,
        )

    return [
        make(notable, "notable", "a notable model", start=DEEP_LEARNING_ERA),
        make(notable, "notable", "a notable model", end=BEFORE_DEEP_LEARNING),
        make(
            notable,
            "notable",
            f"a notable model in the running top {FRONTIER_K} of notable models",
            start=DEEP_LEARNING_ERA,
            k=FRONTIER_K,
        ),
        make(
            notable,
            "notable",
            "a notable model (Sevilla et al. 2022's deep-learning era window)",
            start=DEEP_LEARNING_ERA,
            end=SEVILLA_2022_END,
            headline=False,
        ),
        make(large, "large-scale", "a model of Epoch's large-scale list", headline=False),
        make(
            large.filter(pl.col("is_notable")),
            "large-scale notable",
            "a notable model of Epoch's large-scale list",
        ),
    ]


def _model_sources(models: pl.DataFrame) -> pl.Series | None:
    """The sources of each model's versions (core.model `versions`), when selected."""
    if "versions" not in models.columns:
        return None
    return models.select(source_names(pl.col("versions"))).to_series()


def published_compute_inputs(estimates: pl.DataFrame) -> list[TrendInput]:
    """OpenAI's "AI and Compute" (2018) points as published (core.model_estimate `source`,
    `quantity`, `published_on`, `value`): their rule reproduced with their own numbers."""
    points = estimates.filter(
        (pl.col("source") == OPENAI_2018_SOURCE) & (pl.col("quantity") == "training_compute_flop")
    )
    return [
        TrendInput(
            metric="training_compute_flop",
            subset=OPENAI_2018_SUBSET,
            unit="FLOP",
            points="a data point of OpenAI's 'AI and Compute' (2018) as published, by its date",
            data=points_frame(points["published_on"], points["value"], OPENAI_2018_SOURCE),
            headline=True,
        )
    ]


def training_cost_inputs(models: pl.DataFrame) -> list[TrendInput]:
    """Training cost of frontier models (core.model `is_frontier`, `training_cost_usd`,
    `published_on`)."""
    frontier = models.filter(pl.col("is_frontier"))
    data = points_frame(
        frontier["published_on"], frontier["training_cost_usd"], _model_sources(frontier)
    )
    what = "a frontier model with a cost estimate (constant 2023 USD), by publication date"
    return [
        TrendInput("training_cost_usd", "frontier", "USD", what, data, headline=True),
        TrendInput(
            "training_cost_usd",
            subset_name("frontier", start=COST_WINDOW),
            "USD",
            what,
            data,
            start=COST_WINDOW,
        ),
    ]

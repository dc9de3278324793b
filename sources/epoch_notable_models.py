"""Epoch AI, "Notable AI Models": the single notable-models CSV, newer than the full download.

Same header as `notable_ai_models.csv` inside the `epoch_models` download, published as its own
file; bundled separately because the newest copy found (2026-07-19) is not part of a full
download. Parsing and mentions are those of `sources.epoch_models`.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from sources import epoch_models
from sources.snapshots import Snapshot
from sources.source import SourceInfo

SOURCE = SourceInfo(
    name="epoch_notable_models",
    title="Epoch AI, Notable AI Models",
    homepage="https://epoch.ai/data/ai-models",
    url="https://epoch.ai/data/notable_ai_models.csv",
    filename="notable_ai_models.csv",
    licence="CC BY 4.0",
    citation=(
        "Epoch AI, 'Data on AI Models'. Published online at epoch.ai. "
        "Retrieved from 'https://epoch.ai/data/ai-models' [online resource]."
    ),
    cadence="monthly",
)


def parse(path: Path) -> pl.DataFrame:
    """The CSV as text columns in upstream terms, with a 1-based `row_number`."""
    return epoch_models.parse(path)


def hardware_mentions(snapshots: list[Snapshot]) -> pl.DataFrame:
    """Every distinct spelling of "Training hardware" (see `epoch_models.hardware_mentions`)."""
    return epoch_models.hardware_mentions(snapshots)

"""Epoch AI, "Data on AI Models": the full download (all, notable, large-scale, frontier CSVs).

Bundled now for the hardware alias table; the model tables are loaded by a later issue.
`parse` reads one of the CSVs as text in upstream terms; `hardware_mentions` lists every
accelerator spelling of the "Training hardware" field (several chips per field, comma-separated).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl

from sources import mentions
from sources.snapshots import Snapshot
from sources.source import SourceInfo
from sources.upstream import read_csv_text

SOURCE = SourceInfo(
    name="epoch_models",
    title="Epoch AI, Data on AI Models",
    homepage="https://epoch.ai/data/ai-models",
    # A zip of the four CSVs and a README; the stored version holds the zip's CSVs.
    url="https://epoch.ai/data/ai_models.zip",
    filename="ai_models.zip",
    licence="CC BY 4.0",
    citation=(
        "Epoch AI, 'Data on AI Models'. Published online at epoch.ai. "
        "Retrieved from 'https://epoch.ai/data/ai-models' [online resource]."
    ),
    cadence="monthly",
)

FILES = (
    "all_ai_models.csv",
    "notable_ai_models.csv",
    "large_scale_ai_models.csv",
    "frontier_ai_models.csv",
)
HARDWARE = "Training hardware"
# One number per record: the total count of chips, over all those named in HARDWARE.
QUANTITY = "Hardware quantity"
REQUIRED = ["Model", "Publication date", HARDWARE, QUANTITY]


def parse(path: Path) -> pl.DataFrame:
    """One Epoch models CSV as text columns in upstream terms, with a 1-based `row_number`."""
    return read_csv_text(path, REQUIRED, "sources/epoch_models.py")


def hardware_records(raw: pl.DataFrame, seen_on: date) -> pl.DataFrame:
    """One row per (record, chip named in its "Training hardware" field).

    The field lists several chips separated by commas ("Google TPU v4,Google TPU v3"); no
    Epoch hardware name contains a comma. A record is identified by its stripped `Model` and
    `Publication date`, as the same model appears in several of the files.
    """
    record = pl.concat_str(
        pl.col("Model").str.strip_chars().fill_null(""),
        pl.col("Publication date").str.strip_chars().fill_null(""),
        separator="\x1f",
    )
    return (
        raw.select(
            record.alias("record"),
            pl.col(HARDWARE).str.split(",").alias("spelling"),
        )
        .explode("spelling")
        .with_columns(pl.col("spelling").str.strip_chars())
        .filter(pl.col("spelling").str.len_chars() > 0)
        .select(
            "record",
            "spelling",
            pl.lit(None, dtype=pl.String).alias("vendor_hint"),
            pl.lit(HARDWARE).alias("context"),
            pl.lit(seen_on).alias("seen_on"),
        )
    )


def hardware_mentions(snapshots: list[Snapshot]) -> pl.DataFrame:
    """Every distinct spelling of training hardware across the CSVs of `snapshots`.

    `occurrences` counts distinct model records (stripped name + publication date) carrying
    the spelling over all files and versions, so a model listed in all/notable/frontier counts
    once. Epoch has no manufacturer field next to the chip, so `vendor_hint` is null.
    """
    parts = [
        hardware_records(parse(snapshot.path(name)), snapshot.retrieved_at.date())
        for snapshot in snapshots
        for name in sorted(snapshot.files)
        if name.endswith(".csv")
    ]
    if not parts:
        return mentions.MENTION_SCHEMA.to_frame()
    return mentions.mentions(pl.concat(parts))

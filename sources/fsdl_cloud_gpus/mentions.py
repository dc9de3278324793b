"""The hardware spellings of the versions: the `GPU Type` of every record."""

from __future__ import annotations

import polars as pl

from sources.fsdl_cloud_gpus.layout import MENTION_FIELD, REQUIRED, SOURCE
from sources.fsdl_cloud_gpus.parse import read_csv_ragged
from sources.mentions import concat_records, mentions, records
from sources.snapshots import Snapshot


def version_mention_records(raw: pl.DataFrame, snapshot: Snapshot) -> pl.DataFrame:
    """One mention record per record of `raw`, one version's table, blanks included (the
    serverless table has the same `GPU Type` field: its module uses this too)."""
    return records(raw, snapshot, spelling=pl.col(MENTION_FIELD), context=MENTION_FIELD)


def mention_records(
    snapshots: list[Snapshot], filename: str = SOURCE.filename, required: list[str] = REQUIRED
) -> pl.DataFrame:
    """One mention record per record of every version, blanks included (the serverless
    module calls this with its own file and columns)."""
    return concat_records(
        [version_mention_records(read_csv_ragged(s.path(filename), required), s) for s in snapshots]
    )


def hardware_mentions(snapshots: list[Snapshot]) -> pl.DataFrame:
    """Distinct `GPU Type` spellings across all versions (`vendor_hint` null)."""
    return mentions(mention_records(snapshots))

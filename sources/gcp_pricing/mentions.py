"""The hardware spellings of the versions: the GPU keys, with "machine type <name>" as context."""

from __future__ import annotations

import polars as pl

from sources.gcp_pricing.layout import SOURCE
from sources.gcp_pricing.parse import parse
from sources.mentions import concat_records, mentions, records
from sources.snapshots import Snapshot


def mention_records(snapshots: list[Snapshot]) -> pl.DataFrame:
    """One mention record per machine type and GPU key of every version, blanks included."""
    return concat_records(
        [
            records(
                parse(s.path(SOURCE.filename)),
                s,
                spelling=pl.col("gpu_key"),
                context=pl.format("machine type {}", pl.col("machine_type")),
            )
            for s in snapshots
        ]
    )


def hardware_mentions(snapshots: list[Snapshot]) -> pl.DataFrame:
    """Distinct GPU keys per machine type across all versions (`vendor_hint` null)."""
    return mentions(mention_records(snapshots))

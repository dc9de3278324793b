"""Full Stack Deep Learning's "Cloud GPUs" table: every version of a hand-edited price table.

The snapshot store holds one version per upstream blob of `docs/cloud-gpus/cloud-gpus.csv`
(36, 2022-08-04 .. 2025-04-21, retrieved_at = the commit's date: when an edit was merged, not
a guaranteed observation date). `parse` reads a version in upstream terms; `hardware_mentions`
lists the `GPU Type` spellings across all versions ("A100 (80 GB)", "T4 (16)", ...). The
table's `Cloud` column is the cloud provider, not a manufacturer, so `vendor_hint` is null.

`read_csv_ragged` is shared with `sources.fsdl_serverless_gpus`, whose 2023-10-30 version
has records with one more (empty) field than its header.

Blank spellings: none in the bundled versions (6,038 records, every one with a `GPU Type`).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import polars as pl

from sources.mentions import concat_records, mentions, records
from sources.snapshots import Snapshot
from sources.source import SourceInfo
from sources.upstream import UpstreamFormatError, require_columns

SOURCE = SourceInfo(
    name="fsdl_cloud_gpus",
    title="Full Stack Deep Learning, Cloud GPUs (cloud-gpus.csv)",
    homepage="https://fullstackdeeplearning.com/cloud-gpus/",
    url="https://raw.githubusercontent.com/the-full-stack/website/HEAD/docs/cloud-gpus/cloud-gpus.csv",
    filename="cloud-gpus.csv",
    licence="MIT (Full Stack Deep Learning)",
    citation=(
        "Full Stack Deep Learning (Sergey Karayev, Charles Frye), 'Cloud GPUs', "
        "https://fullstackdeeplearning.com/cloud-gpus/, data file "
        "github.com/the-full-stack/website docs/cloud-gpus/cloud-gpus.csv."
    ),
    cadence="irregular hand edits (last 2025-04-21); check monthly",
)

REQUIRED = [
    "Cloud",
    "GPU Type",
    "GPU Arch",
    "GPUs",
    "GPU RAM",
    "vCPUs",
    "RAM",
    "On-demand",
    "Per-GPU",
    "Spot",
    "Name",
]
MENTION_FIELD = "GPU Type"


def read_csv_ragged(path: Path, required: list[str]) -> pl.DataFrame:
    """A CSV with every field as text plus a 1-based `row_number` (record number), where a
    record may have more fields than the header only if the surplus fields are empty (they are
    trimmed) and a shorter record reads as null in its missing fields. Fully empty lines are not
    records. Raises `UpstreamFormatError` for non-UTF-8 text, a surplus field with text, or a
    missing `required` column."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise UpstreamFormatError(f"{path}: not UTF-8 text ({err})") from None
    try:
        rows = [row for row in csv.reader(io.StringIO(text, newline="")) if row]
    except csv.Error as err:
        raise UpstreamFormatError(f"{path}: not a readable CSV ({err})") from None
    if len(rows) < 2:
        raise UpstreamFormatError(f"{path}: no records")
    header, body = rows[0], rows[1:]
    require_columns(header, required, path, "the FSDL table parser (sources/fsdl_cloud_gpus.py)")
    width = len(header)
    for number, row in enumerate(body, start=1):
        if any(field.strip() for field in row[width:]):
            raise UpstreamFormatError(
                f"{path}: record {number} has {len(row)} fields for {width} columns and the "
                f"surplus is not empty: {row[width:]}"
            )
    columns = {
        name: [row[i] if i < len(row) else None for row in body] for i, name in enumerate(header)
    }
    frame = pl.DataFrame(columns, schema=dict.fromkeys(header, pl.String))
    return frame.with_row_index("row_number", offset=1).with_columns(
        pl.col("row_number").cast(pl.Int64)
    )


def parse(path: Path) -> pl.DataFrame:
    """One version of the table as text columns in upstream terms, plus `row_number`."""
    return read_csv_ragged(path, REQUIRED)


def mention_records(
    snapshots: list[Snapshot], filename: str = SOURCE.filename, required: list[str] = REQUIRED
) -> pl.DataFrame:
    """One mention record per record of every version, blanks included (the serverless table
    has the same `GPU Type` field: its module calls this with its own file and columns)."""
    return concat_records(
        [
            records(
                read_csv_ragged(s.path(filename), required),
                s,
                spelling=pl.col(MENTION_FIELD),
                context=MENTION_FIELD,
            )
            for s in snapshots
        ]
    )


def hardware_mentions(snapshots: list[Snapshot]) -> pl.DataFrame:
    """Distinct `GPU Type` spellings across all versions (`vendor_hint` null)."""
    return mentions(mention_records(snapshots))

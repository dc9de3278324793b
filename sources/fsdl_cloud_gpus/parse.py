"""A version's table as text columns in upstream terms (a ragged CSV read strictly), shared
with `sources.fsdl_serverless_gpus`."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import polars as pl

from sources.fsdl_cloud_gpus.layout import REQUIRED, SOURCE
from sources.snapshots import Snapshot
from sources.upstream import UpstreamFormatError, require_columns


def read_csv_ragged(path: Path, required: list[str]) -> pl.DataFrame:
    """A CSV with every field as text plus a 1-based `row_number` (record number), where a
    record may have more fields than the header only if the surplus fields are empty (they are
    trimmed). Fully empty lines are not records. Raises `UpstreamFormatError` for non-UTF-8
    text, a missing `required` column (an HTML page read as CSV ends here), a surplus field
    with text, or a record with fewer fields than the header: no bundled version has one, and
    it is what a download cut off mid-record looks like."""
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
    require_columns(
        header, required, path, "the FSDL table parser (sources/fsdl_cloud_gpus/parse.py)"
    )
    width = len(header)
    for record, row in enumerate(body, start=1):
        if any(field.strip() for field in row[width:]):
            raise UpstreamFormatError(
                f"{path}: record {record} has {len(row)} fields for {width} columns and the "
                f"surplus is not empty: {row[width:]}"
            )
        if len(row) < width:
            raise UpstreamFormatError(
                f"{path}: record {record} has {len(row)} fields for {width} columns (a "
                "truncated file?): re-fetch it, or update sources/fsdl_cloud_gpus/parse.py"
            )
    columns = {name: [row[i] for row in body] for i, name in enumerate(header)}
    frame = pl.DataFrame(columns, schema=dict.fromkeys(header, pl.String))
    return frame.with_row_index("row_number", offset=1).with_columns(
        pl.col("row_number").cast(pl.Int64)
    )


def parse(path: Path) -> pl.DataFrame:
    """One version of the table as text columns in upstream terms, plus `row_number`."""
    return read_csv_ragged(path, REQUIRED)


def read_records(snapshot: Snapshot) -> pl.DataFrame:
    """The version's table (`parse`), which `quotes` and `version_mention_records` share."""
    return parse(snapshot.path(SOURCE.filename))

"""Reading one stored version: the JSON entries (an allow-list of fields, e-mail addresses
blanked) and the training curves (TSV)."""

from __future__ import annotations

import json

import polars as pl

from sources.dawnbench.layout import (
    CURVE_COLUMNS,
    ENTRY_FIELDS,
    _redact,
    _task_and_kind,
    _text,
)
from sources.snapshots import Snapshot
from sources.upstream import UpstreamFormatError


def parse_entries(snapshot: Snapshot) -> pl.DataFrame:
    """One row per JSON entry: `row_number` (1-based, in file name order), `entry` (stored
    file name), `task`, `kind`, the fields of `ENTRY_FIELDS` (null where absent or JSON null),
    `submitted_on` parsed from `timestamp` (which is not always zero-padded: '2019-7-22') and
    `curve` (the entry's TSV, if stored).
    """
    rows = []
    for name in sorted(snapshot.files):
        where = _task_and_kind(name)
        if where is None or not name.endswith(".json"):
            continue
        try:
            entry = json.loads(_text(snapshot, name))
        except json.JSONDecodeError as err:
            raise UpstreamFormatError(f"{snapshot.directory / name}: not JSON ({err})") from None
        if not isinstance(entry, dict) or "hardware" not in entry:
            raise UpstreamFormatError(f"{snapshot.directory / name}: not a DAWNBench entry")
        curve = name.removesuffix(".json") + ".tsv"
        rows.append(
            {
                "entry": name,
                "task": where[0],
                "kind": where[1],
                **{field: _redact(entry.get(field)) for field in ENTRY_FIELDS},
                "curve": curve if curve in snapshot.files else None,
            }
        )
    schema = {"entry": pl.String, "task": pl.String, "kind": pl.String, **ENTRY_FIELDS}
    frame = pl.DataFrame(rows, schema={**schema, "curve": pl.String}, orient="row")
    submitted = pl.col("timestamp").str.strip_chars().str.to_date("%Y-%m-%d", strict=False)
    return (
        frame.with_columns(submitted.alias("submitted_on"))
        .with_row_index("row_number", offset=1)
        .with_columns(pl.col("row_number").cast(pl.Int64))
    )


def parse_curves(snapshot: Snapshot) -> pl.DataFrame:
    """One row per epoch of every training TSV: `curve` (stored file name), `task`,
    `row_number` and the `CURVE_COLUMNS` as Float64, read by header name (the column order
    differs between files), null where a file has no such column. Space-padded numbers are
    stripped; blank lines are skipped."""
    frames = []
    for name in sorted(snapshot.files):
        where = _task_and_kind(name)
        if where is None or not name.endswith(".tsv"):
            continue
        raw = pl.read_csv(
            _text(snapshot, name).encode(), separator="\t", infer_schema=False
        ).rename(lambda column: column.strip())
        unknown = set(raw.columns) - set(CURVE_COLUMNS)
        if unknown or not {"epoch", "hours"} <= set(raw.columns):
            raise UpstreamFormatError(f"{snapshot.directory / name}: columns {raw.columns}")
        values = [
            (pl.col(c).str.strip_chars() if c in raw.columns else pl.lit(None))
            .cast(pl.Float64)
            .alias(c)
            for c in CURVE_COLUMNS
        ]
        try:
            curve = raw.filter(
                ~pl.all_horizontal(pl.all().str.strip_chars().fill_null("") == "")
            ).select(values)
        except pl.exceptions.PolarsError as err:
            raise UpstreamFormatError(f"{snapshot.directory / name}: {err}") from None
        frames.append(
            curve.with_row_index("row_number", offset=1).select(
                pl.lit(name).alias("curve"),
                pl.lit(where[0]).alias("task"),
                pl.col("row_number").cast(pl.Int64),
                *CURVE_COLUMNS,
            )
        )
    return pl.concat(frames)

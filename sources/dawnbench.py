"""Stanford DAWN, DAWNBench submissions: one JSON per entry (+ a TSV curve per training run).

One version holds the upstream repository's `<task>/<train|inference>/*.json|tsv` files under
their relative paths, plus its `README.md`. `parse_entries` reads the JSON entries and
`parse_curves` the training TSVs; `hardware_mentions` lists the free-text `hardware` field.

The entries hold submitters' e-mail addresses (`authorEmail`). They stay in the raw snapshot as
upstream published them, but no function here returns them: `parse_entries` reads an allow-list
of fields and blanks anything shaped like an e-mail address in the text it keeps.
"""

from __future__ import annotations

import json
import re

import polars as pl

from sources import mentions
from sources.snapshots import Snapshot
from sources.source import SourceInfo
from sources.upstream import UpstreamFormatError

SOURCE = SourceInfo(
    name="dawnbench",
    title="Stanford DAWN, DAWNBench submissions",
    homepage="https://dawn.cs.stanford.edu/benchmark/",
    url=(
        "https://github.com/stanford-futuredata/dawn-bench-entries/archive/"
        "fb27b827bd83eff9021698ffe576b33a100e0b78.zip"
    ),
    filename="dawn-bench-entries.zip",
    licence="none stated",
    citation="Stanford DAWN, DAWNBench (stanford-futuredata/dawn-bench-entries).",
    cadence="frozen (last upstream commit 2020-03-26)",
)

TASKS = ("CIFAR10", "ImageNet", "SQuAD")
KINDS = ("train", "inference")

# Upstream field -> dtype, the only fields read. Never `authorEmail`, nor `misc` (free-form).
ENTRY_FIELDS: dict[str, pl.DataType] = {
    "version": pl.String(),
    "author": pl.String(),
    "model": pl.String(),
    "hardware": pl.String(),
    "framework": pl.String(),
    "timestamp": pl.String(),
    "costPerHour": pl.Float64(),
    "latency": pl.Float64(),
    "cost": pl.Float64(),
    "top1Accuracy": pl.Float64(),
    "top5Accuracy": pl.Float64(),
    "f1Score": pl.Float64(),
    "usedBlacklist": pl.Boolean(),
    "codeURL": pl.String(),
    "commitHash": pl.String(),
    "logFilename": pl.String(),
}
CURVE_COLUMNS = ("epoch", "hours", "top1Accuracy", "top5Accuracy", "f1Score")

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
REDACTED = "[e-mail removed]"

# Cloud instance types named in `hardware`, by naming scheme -> the cloud that uses it.
# Bracketed or parenthesised in most entries ("Amazon EC2 [p2.xlarge]"), bare in a few.
INSTANCE_TYPES = (
    (re.compile(r"(?<![\w.-])ecs\.[a-z0-9]+(?:-[a-z0-9]+)*\.\d*xlarge(?![\w.-])"), "Alibaba Cloud"),
    (re.compile(r"(?<![\w.-])[a-z]+\d+[a-z]*\.\d*xlarge\.\d+(?![\w.-])"), "Huawei Cloud"),
    (re.compile(r"(?<![\w.-])[a-z]+\d+[a-z]*\.\d*x?large(?![\w.-])"), "AWS"),
    (re.compile(r"(?<![\w.-])n1-(?:standard|highmem|highcpu)-\d+(?![\w.-])"), "Google Cloud"),
    (re.compile(r"(?<![\w.-])N[CDV]\d+[a-z]*_v\d+(?![\w.-])"), "Azure"),
)
HARDWARE = "hardware"
INSTANCE_CONTEXT = "hardware:instance_type"


def _task_and_kind(name: str) -> tuple[str, str] | None:
    parts = name.split("/")
    if len(parts) == 3 and parts[0] in TASKS and parts[1] in KINDS:
        return parts[0], parts[1]
    return None


def _text(snapshot: Snapshot, name: str) -> str:
    """A stored file as text: UTF-8, a leading BOM dropped, CRLF and LF alike."""
    try:
        return snapshot.path(name).read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise UpstreamFormatError(f"{snapshot.directory / name}: not UTF-8 ({err})") from None


def _redact(value: object) -> object:
    return EMAIL.sub(REDACTED, value) if isinstance(value, str) else value


def parse_entries(snapshot: Snapshot) -> pl.DataFrame:
    """One row per JSON entry: `entry` (stored file name), `task`, `kind`, the fields of
    `ENTRY_FIELDS` (null where absent or JSON null), `submitted_on` parsed from `timestamp`
    (which is not always zero-padded: '2019-7-22') and `curve` (the entry's TSV, if stored).
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
    return frame.with_columns(submitted.alias("submitted_on"))


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


def instance_types(hardware: str) -> list[tuple[str, str]]:
    """Cloud instance types named in a `hardware` text, as (spelling, cloud), in text order."""
    found = []
    for pattern, cloud in INSTANCE_TYPES:
        for match in pattern.finditer(hardware):
            if not any(match.start() < end and start < match.end() for start, end, *_ in found):
                found.append((match.start(), match.end(), match.group(), cloud))
    return [(spelling, cloud) for _, _, spelling, cloud in sorted(found)]


def hardware_mentions(snapshots: list[Snapshot]) -> pl.DataFrame:
    """Every distinct `hardware` text (context "hardware", whole text stripped; the normaliser
    splits counts and instances later), and every cloud instance type named in it (context
    "hardware:instance_type", `vendor_hint` = the cloud whose naming scheme it follows).
    `occurrences` counts entries (JSON files), once each over all versions."""
    rows = []
    for snapshot in snapshots:
        seen_on = snapshot.retrieved_at.date()
        entries = parse_entries(snapshot).select("entry", "hardware").drop_nulls()
        for entry, text in entries.iter_rows():
            spelling = text.strip()
            if spelling:
                rows.append((entry, spelling, None, HARDWARE, seen_on))
            for instance, cloud in instance_types(spelling):
                rows.append((entry, instance, cloud, INSTANCE_CONTEXT, seen_on))
    return mentions.mentions(
        pl.DataFrame(rows, schema=["record", *mentions.RECORD_SCHEMA], orient="row")
    )

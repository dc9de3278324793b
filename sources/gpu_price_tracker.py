"""tugot17's Compute Price Tracker: 30-minute neocloud GPU price statistics (JSONL).

Upstream keeps one append-only file per GPU under `data/summary/` (built for Tensor Economics
from Prime Intellect's aggregated GPU marketplace), so the newest commit holds the whole
history. The bundled version (HEAD 718a831c, 2025-11-16) stores all seven files under their
upstream names; `SOURCE.url`/`SOURCE.filename` name the H100 SXM5 file, `FILES` lists all.

`parse` reads one file's records in upstream terms (`row_number`, `timestamp`, `gpu_type`,
`socket_type`; the nested price statistics are left to the ingesting issue).
`hardware_mentions` takes `gpu_type` as written ("H100_80GB") and puts the form factor in the
context ("gpu_type with socket_type SXM5"; "gpu_type without socket_type" where it is null, as
for B200_180GB, GH200_96GB, H200_141GB): the same `gpu_type` names two products for A100 and
H100. No manufacturer field: `vendor_hint` is null. `first_seen_on`/`last_seen_on` are the
snapshot's date, not the records' timestamps (2025-10-19 .. 2025-11-16).

Blank spellings: none in the bundled version (6,494 records, every one with a `gpu_type`).
"""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl

from sources.mentions import concat_records, mentions, records
from sources.snapshots import Snapshot
from sources.source import SourceInfo
from sources.upstream import UpstreamFormatError

SOURCE = SourceInfo(
    name="gpu_price_tracker",
    title="tugot17, Compute Price Tracker (GPU price summaries)",
    homepage="https://github.com/tugot17/gpu-price-tracker",
    url="https://raw.githubusercontent.com/tugot17/gpu-price-tracker/HEAD/data/summary/H100_80GB_SXM5.jsonl",
    filename="H100_80GB_SXM5.jsonl",
    licence="MIT (Piotr Mazurek)",
    citation=(
        "Piotr Mazurek, 'Compute Price Tracker', github.com/tugot17/gpu-price-tracker "
        "(data from Prime Intellect's GPU marketplace, for Tensor Economics)."
    ),
    cadence="every 30 minutes upstream (append-only); fetch weekly",
)

FILES = [
    "A100_80GB_PCIe.jsonl",
    "A100_80GB_SXM4.jsonl",
    "B200_180GB.jsonl",
    "GH200_96GB.jsonl",
    "H100_80GB_PCIe.jsonl",
    "H100_80GB_SXM5.jsonl",
    "H200_141GB.jsonl",
]
REQUIRED = ["timestamp", "gpu_type", "socket_type", "price_stats", "availability", "by_provider"]
COLUMNS = pl.Schema(
    {
        "row_number": pl.Int64,
        "timestamp": pl.String,
        "gpu_type": pl.String,
        "socket_type": pl.String,
    }
)


def parse(path: Path) -> pl.DataFrame:
    """One row per JSON line: `row_number` (line number), `timestamp`, `gpu_type`,
    `socket_type` as text (null where upstream has null). Blank lines are not records."""
    rows = []
    for number, line in enumerate(path.read_bytes().splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except (UnicodeDecodeError, json.JSONDecodeError) as err:
            raise UpstreamFormatError(f"{path}:{number}: not a JSON line ({err})") from None
        if not isinstance(record, dict):
            raise UpstreamFormatError(f"{path}:{number}: not a JSON object")
        missing = [k for k in REQUIRED if k not in record]
        if missing:
            raise UpstreamFormatError(f"{path}:{number}: keys {missing} are missing")
        rows.append(
            (
                number,
                *(None if record[k] is None else str(record[k]) for k in COLUMNS.names()[1:]),
            )
        )
    if not rows:
        raise UpstreamFormatError(f"{path}: no records")
    return pl.DataFrame(rows, schema=COLUMNS, orient="row")


def mention_records(snapshots: list[Snapshot]) -> pl.DataFrame:
    """One mention record per JSON line of every file of every version, blanks included."""
    frames = []
    for snapshot in snapshots:
        for name in sorted(n for n in snapshot.files if n.endswith(".jsonl")):
            socket = pl.col("socket_type").str.strip_chars()
            context = (
                pl.when(socket.str.len_chars() > 0)
                .then(pl.format("gpu_type with socket_type {}", socket))
                .otherwise(pl.lit("gpu_type without socket_type"))
            )
            frames.append(
                records(
                    parse(snapshot.path(name)),
                    snapshot,
                    spelling=pl.col("gpu_type"),
                    context=context,
                )
            )
    return concat_records(frames)


def hardware_mentions(snapshots: list[Snapshot]) -> pl.DataFrame:
    """Distinct `gpu_type` spellings per socket type (`vendor_hint` null)."""
    return mentions(mention_records(snapshots))

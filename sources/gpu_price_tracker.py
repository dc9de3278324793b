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

Price quotes (`quotes`): a *record* is one JSON line (a 30-minute tick of one GPU). The seven
files are read in sorted name order (`FILES`) and records numbered 1.. across them, in that
order (blank lines are not records), so `record_number` is unique within the version:
A100_80GB_PCIe.jsonl holds records 1-957, A100_80GB_SXM4.jsonl 958-1914, and so on; `notes`
names the file and line. A record's quotes are its `by_provider` entries in upstream order:
`price_field` "by_provider.<provider>.min", `value_text` the provider's cheapest offer in USD
per GPU-hour (-> `usd_per_accelerator_hour`; `usd_per_hour` stays null: the offers behind it
span 1x..192x configurations, so no instance size is stated), pricing "marketplace",
`provider` = `sources.prices.provider_id` of the key (lambdalabs -> lambda; anonymous dc_*
sellers keep their slug). `observed_at` is the line's `timestamp`; `hardware_text` /
`hardware_context` are `gpu_type` and the socket-type context exactly as `mention_records`
gives them. A line with an empty `by_provider` is one quote without a price field
(`NO_PRICE`); a provider entry without a `min` is a quote with a parse error. The bundled
version has 25,956 quotes and no empty `by_provider`.

`fetch` downloads the seven `data/summary/<name>.jsonl` files at HEAD (unconditionally: a
version is several files, the store keeps one validator) and stores them as one version when
any changed. Files upstream adds later are not discovered: extend `FILES`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import polars as pl

from sources.http import HttpClient
from sources.mentions import concat_records, mentions, records
from sources.prices import NO_FIELD, aware_utc, finish, price_value, provider_id
from sources.snapshots import Snapshot, SnapshotStore
from sources.source import FetchOutcome, SourceInfo
from sources.upstream import UpstreamFormatError

REPO = "tugot17/gpu-price-tracker"
BASE_URL = f"https://raw.githubusercontent.com/{REPO}/HEAD/data/summary"

SOURCE = SourceInfo(
    name="gpu_price_tracker",
    title="tugot17, Compute Price Tracker (GPU price summaries)",
    homepage=f"https://github.com/{REPO}",
    url=f"{BASE_URL}/H100_80GB_SXM5.jsonl",
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


def _lines(data: bytes, label: str) -> Iterator[tuple[int, dict]]:
    """(line number, record) of every non-blank line, each checked for the `REQUIRED` keys."""
    for number, line in enumerate(data.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except (UnicodeDecodeError, json.JSONDecodeError) as err:
            raise UpstreamFormatError(f"{label}:{number}: not a JSON line ({err})") from None
        if not isinstance(record, dict):
            raise UpstreamFormatError(f"{label}:{number}: not a JSON object")
        missing = [k for k in REQUIRED if k not in record]
        if missing:
            raise UpstreamFormatError(f"{label}:{number}: keys {missing} are missing")
        yield number, record


def _parse(data: bytes, label: str) -> pl.DataFrame:
    rows = [
        (number, *(None if record[k] is None else str(record[k]) for k in COLUMNS.names()[1:]))
        for number, record in _lines(data, label)
    ]
    if not rows:
        raise UpstreamFormatError(f"{label}: no records")
    return pl.DataFrame(rows, schema=COLUMNS, orient="row")


def parse(path: Path) -> pl.DataFrame:
    """One row per JSON line: `row_number` (line number), `timestamp`, `gpu_type`,
    `socket_type` as text (null where upstream has null). Blank lines are not records."""
    return _parse(path.read_bytes(), str(path))


def mention_records(snapshots: list[Snapshot]) -> pl.DataFrame:
    """One mention record per JSON line of every file of every version, blanks included."""
    frames = []
    for snapshot in snapshots:
        for name in _jsonl_files(snapshot):
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


def _jsonl_files(snapshot: Snapshot) -> list[str]:
    """The version's JSONL files in the order records are numbered (sorted names)."""
    return sorted(n for n in snapshot.files if n.endswith(".jsonl"))


def hardware_mentions(snapshots: list[Snapshot]) -> pl.DataFrame:
    """Distinct `gpu_type` spellings per socket type (`vendor_hint` null)."""
    return mentions(mention_records(snapshots))


# --- price quotes -------------------------------------------------------------------------

PRICING = "marketplace"
_QUOTES = pl.Schema(
    {
        "record_number": pl.Int64,
        "price_field": pl.String,
        "value_text": pl.String,
        "observed_at": pl.Datetime("us", "UTC"),
        "provider": pl.String,
        "hardware_text": pl.String,
        "hardware_context": pl.String,
        "notes": pl.String,
        "parse_error": pl.String,
    }
)


# The mention contexts core.hardware_alias rows of this source carry.
WITH_SOCKET = "gpu_type with socket_type "
WITHOUT_SOCKET = "gpu_type without socket_type"


def _context(socket_type: object) -> str:
    """The mention context of a record, as `mention_records` builds it."""
    socket = "" if socket_type is None else str(socket_type).strip()
    return f"{WITH_SOCKET}{socket}" if socket else WITHOUT_SOCKET


def quotes(snapshot: Snapshot) -> pl.DataFrame:
    """Every price quote of the version in `sources.prices.QUOTE_SCHEMA`: one per provider
    of every line (see the module docstring)."""
    columns: dict[str, list] = {name: [] for name in _QUOTES}
    appends = [column.append for column in columns.values()]
    providers: dict[str, str | None] = {}  # provider_id of each key, computed once
    record = 0
    for name in _jsonl_files(snapshot):
        for line, data in _lines(snapshot.path(name).read_bytes(), str(snapshot.path(name))):
            record += 1
            where = f"{name} line {line}"
            when = aware_utc(data["timestamp"])
            gpu_type = data["gpu_type"]
            spelling = None if gpu_type is None else str(gpu_type)
            context = _context(data["socket_type"])
            record_error = None
            if when is None:
                record_error = f"unreadable timestamp {data['timestamp']!r}"
            by_provider = data["by_provider"]
            entries = list(by_provider.items()) if isinstance(by_provider, dict) else []
            if by_provider is not None and not isinstance(by_provider, dict):
                record_error = record_error or f"by_provider is not an object: {by_provider!r}"
            for key, entry in entries:
                if key not in providers:
                    providers[key] = provider_id(key)
                error = record_error
                value = entry.get("min") if isinstance(entry, dict) else None
                if value is None:
                    error = error or f"by_provider.{key} states no 'min' price: {entry!r}"
                row = (
                    record,
                    f"by_provider.{key}.min",
                    None if value is None else str(value),
                    when,
                    providers[key],
                    spelling,
                    context,
                    where,
                    error,
                )
                for append, item in zip(appends, row, strict=True):
                    append(item)
            if not entries:
                row = (record, NO_FIELD, None, when, None, spelling, context, where, record_error)
                for append, item in zip(appends, row, strict=True):
                    append(item)
    frame = pl.DataFrame(columns, schema=_QUOTES).with_columns(
        pricing=pl.lit(PRICING),
        usd_per_accelerator_hour=price_value("value_text"),
    )
    return finish(frame)


# --- live fetch ---------------------------------------------------------------------------


def fetch(store: SnapshotStore, client: HttpClient, base_url: str | None = None) -> FetchOutcome:
    """Download the seven `FILES` and store them as one new version when any changed (the
    stored version with the same content otherwise). Every file is checked line by line
    before anything is stored: a broken file raises UpstreamFormatError naming it."""
    base = (base_url or BASE_URL).rstrip("/")
    files = {}
    for name in FILES:
        url = f"{base}/{name}"
        data = client.get(url).content
        _parse(data, url)
        files[name] = data
    snapshot, created = store.add(
        SOURCE.name,
        files,
        url=f"{base}/{SOURCE.filename}",
        licence=SOURCE.licence,
        retrieved_at=datetime.now(UTC),
        extra={
            "obtained_via": f"live GET of {base}/<name> for the {len(FILES)} files, stored flat "
            "under their upstream names",
            "upstream_commit": None,
        },
    )
    return FetchOutcome(snapshot, changed=created)

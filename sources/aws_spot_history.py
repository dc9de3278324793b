"""Eric Pauley's AWS spot price history, May 2022: GPU/accelerator spot price changes (TSV).

One version, an *extract* of `prices/2022/05.tsv.zst` (added at ericpauley/aws-spot-price-history
commit 489ad94a, 2023-03-04): decompressed, the lines of families p2, p3, p3dn, p4d, p4de, p5,
g2, g3, g3s, g4dn, g4ad, g5, g5g, dl1, trn1, trn1n, inf1, inf2, f1 only (`FAMILIES`), order and
bytes unchanged. Tab-separated, no header (as upstream): availability-zone id, instance type,
product description, spot USD/hour, UTC time the price took effect (the AWS
describe-spot-price-history fields AvailabilityZoneId, InstanceType, ProductDescription,
SpotPrice, Timestamp). 1,965 lines, 2022-05-31T18:20:41Z .. 23:59:29Z only (the upstream month
file is a partial capture). Upstream moved its data to Zenodo (DOI 10.5281/zenodo.14198917) on
2024-11-21. Lines name instance types, not GPU models: no hardware mentions.

Price quotes (`quotes`). A *record* is one line, numbered 1.. in file order; each line is one
quote of its SpotPrice (`price_field` "SpotPrice", pricing spot, USD per instance-hour):

- `region` is the availability-zone id as written (use1-az4): AZ ids name the same physical
  zone in every account (AZ names such as us-east-1a do not), and the region a zone id belongs
  to is not stated in the line, so none is derived here.
- `observed_at` is the line's timestamp: when that spot price took effect.
- Only "Linux/UNIX" lines are prices flopbase keeps: the other products (Red Hat Enterprise
  Linux, SUSE Linux, Windows) are read and carry the parse_error "product description '<x>':
  flopbase keeps Linux/UNIX prices (others include a licence fee)" (1,417 of 1,965 lines).
- A line with another number of fields than 5 is one quote with `price_field` "(none)", the
  problem as parse_error and the line in `notes`; an unreadable timestamp (or one without a UTC
  offset) is a parse_error naming it. A file in which fewer than half of the lines have this
  shape is not this TSV at all: `UpstreamFormatError`.
- `hardware_text` and `accelerators_per_instance` are null (lines name instance types only).

`fetch` downloads the zstandard month file at the pinned commit, decompresses it (every frame,
checking each is complete: a truncated download is refused), keeps the `FAMILIES` lines exactly
as the bundled extract does and stores them as `FILENAME` only when they read as this TSV. The
version is dated by the commit (as bundled); the download time goes to `fetched_at`.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import polars as pl
import zstandard

from sources import source as generic
from sources.http import HttpClient
from sources.prices import NO_FIELD, aware_utc, finish, price_value, provider_id
from sources.snapshots import Snapshot, SnapshotStore
from sources.source import FetchOutcome, SourceInfo
from sources.upstream import UpstreamFormatError

COMMIT = "489ad94ac08f52724301fdae8bff3ea003fdabc8"
COMMIT_DATE = datetime(2023, 3, 4, tzinfo=UTC)  # day only upstream: midnight UTC, as bundled
BASE_URL = f"https://raw.githubusercontent.com/ericpauley/aws-spot-price-history/{COMMIT}/"
PATH = "prices/2022/05.tsv.zst"
SOURCE = SourceInfo(
    name="aws_spot_history",
    title="Eric Pauley, AWS spot price history (May 2022, GPU/accelerator extract)",
    homepage="https://github.com/ericpauley/aws-spot-price-history",
    url=f"{BASE_URL}{PATH}",
    filename="2022-05_gpu_accelerator_subset.tsv",
    licence="not stated (no LICENSE file); AWS describe-spot-price-history records",
    citation=(
        "Eric Pauley, 'AWS Spot Price History', github.com/ericpauley/aws-spot-price-history "
        "(now Zenodo, DOI 10.5281/zenodo.14198917)."
    ),
    cadence="frozen (upstream moved to Zenodo in 2024-11)",
)
FILENAME = SOURCE.filename
FAMILIES = frozenset(
    {"p2", "p3", "p3dn", "p4d", "p4de", "p5", "g2", "g3", "g3s", "g4dn", "g4ad", "g5", "g5g"}
    | {"dl1", "trn1", "trn1n", "inf1", "inf2", "f1"}
)
FIELDS = ("AvailabilityZoneId", "InstanceType", "ProductDescription", "SpotPrice", "Timestamp")
KEPT_PRODUCT = "Linux/UNIX"
OTHER_PRODUCT = (
    "product description '{}': flopbase keeps Linux/UNIX prices (others include a licence fee)"
)
_CHUNK = 1 << 20  # compressed bytes fed to the decompressor at a time


def _read(data: bytes, label: object) -> pl.DataFrame:
    """The quotes of one TSV (see the module docstring)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise UpstreamFormatError(f"{label}: not UTF-8 text ({err})") from None
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the newline ending the last line
    if not lines:
        raise UpstreamFormatError(f"{label}: no lines")
    rows, shaped = [], 0
    for number, line in enumerate(lines, start=1):
        fields = line.rstrip("\r").split("\t")
        if len(fields) != len(FIELDS):
            rows.append(
                {
                    "record_number": number,
                    "price_field": NO_FIELD,
                    "notes": line[:200],
                    "parse_error": f"line has {len(fields)} tab-separated fields, expected "
                    f"{len(FIELDS)} ({', '.join(FIELDS)})",
                }
            )
            continue
        shaped += 1
        zone, instance, product, price, stamp = fields
        when = aware_utc(stamp)
        errors = []
        if when is None:
            errors.append(f"unreadable Timestamp '{stamp}' (expected ISO 8601 with UTC offset)")
        if product != KEPT_PRODUCT:
            errors.append(OTHER_PRODUCT.format(product))
        rows.append(
            {
                "record_number": number,
                "price_field": FIELDS[3],
                "value_text": price,
                "observed_at": when,
                "region": zone,
                "instance_type": instance,
                "parse_error": "; ".join(errors) or None,
            }
        )
    if shaped < len(lines) / 2:
        raise UpstreamFormatError(
            f"{label}: only {shaped} of {len(lines)} lines have the {len(FIELDS)} tab-separated "
            f"fields {FIELDS}: not the spot price history TSV"
        )
    schema = {
        "record_number": pl.Int64,
        "price_field": pl.String,
        "value_text": pl.String,
        "observed_at": pl.Datetime("us", "UTC"),
        "region": pl.String,
        "instance_type": pl.String,
        "notes": pl.String,
        "parse_error": pl.String,
    }
    frame = pl.DataFrame(rows, schema=schema)
    return finish(
        frame.with_columns(
            provider=pl.lit(provider_id("aws")),
            pricing=pl.lit("spot"),
            usd_per_hour=price_value("value_text"),
        )
    )


def quotes(snapshot: Snapshot) -> pl.DataFrame:
    """One row per line of the version's TSV, in `prices.QUOTE_SCHEMA` (see the module
    docstring)."""
    path = snapshot.path(FILENAME)
    return _read(path.read_bytes(), path)


def _decompressed(data: bytes, label: str) -> Iterator[bytes]:
    """The content of a zstandard file, frame by frame; refuses a truncated or corrupt file."""
    rest = data
    if not rest:
        raise UpstreamFormatError(f"{label}: empty file, not zstandard")
    while rest:
        decompressor = zstandard.ZstdDecompressor().decompressobj()
        for start in range(0, len(rest), _CHUNK):
            try:
                out = decompressor.decompress(rest[start : start + _CHUNK])
            except zstandard.ZstdError as err:
                raise UpstreamFormatError(
                    f"{label}: not a readable zstandard file ({err}); the download is corrupt "
                    "or not the price file"
                ) from None
            if out:
                yield out
            if decompressor.eof:
                rest = decompressor.unused_data + rest[start + _CHUNK :]
                break
        else:
            raise UpstreamFormatError(
                f"{label}: the zstandard data ends inside a frame: the download was truncated"
            )


def extract(data: bytes, label: str) -> bytes:
    """The lines of `FAMILIES` instance types of a compressed month file, bytes unchanged."""
    kept, pending = [], b""
    for chunk in _decompressed(data, label):
        lines = (pending + chunk).split(b"\n")
        pending = lines.pop()
        kept += [line for line in lines if _family(line) in FAMILIES]
    if pending and _family(pending) in FAMILIES:
        kept.append(pending)
    if not kept:
        raise UpstreamFormatError(
            f"{label}: no line of a GPU/accelerator instance family ({sorted(FAMILIES)})"
        )
    return b"".join(line + b"\n" for line in kept)


def _family(line: bytes) -> str | None:
    fields = line.split(b"\t", 2)
    if len(fields) < 3:
        return None
    return fields[1].split(b".", 1)[0].decode("utf-8", "replace")


def fetch(store: SnapshotStore, client: HttpClient, base_url: str | None = None) -> FetchOutcome:
    """Download the month file at the pinned commit (`base_url` replaces the repository root,
    for tests), extract and check it as `quotes` reads it, and store it as a new version
    unless identical content is stored. Nothing is stored when any step fails."""
    base = base_url or BASE_URL
    url = f"{base if base.endswith('/') else base + '/'}{PATH}"

    def transform(body: bytes) -> bytes:
        content = extract(body, url)
        _read(content, url)  # raises before anything is stored
        return content

    return generic.fetch(
        SOURCE,
        store,
        client,
        url=url,
        transform=transform,
        retrieved_at=COMMIT_DATE,
        extra={
            "obtained_via": f"live fetch of {url}: decompressed, lines of instance families "
            f"{'/'.join(sorted(FAMILIES))} only, order and bytes unchanged",
            "upstream_commit": COMMIT,
        },
    )

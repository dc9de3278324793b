"""ec2instances.info Azure development backup of 2022-12-15: N-series VM prices (low quality).

One version, an *extract* of `www/azure/instances.json.bak` at vantage-sh/ec2instances.info
commit 90a0e56e (2022-12-15, "basic azure rendering"): the 56 N-series (NC/ND/NV/NG) GPU VM
sizes of 712, values unchanged, under `data` with a header naming repo, path and commit. `GPU`
is always 0 and `GPU_model` null (not populated). Rows name VM sizes, not GPU models: no
hardware mentions.

Price quotes (`quotes`). A *record* is one VM size (an element of `data`, numbered 1.. in file
order); its quotes are `pricing.<region>.ondemand` in the file's region order (provider azure,
pricing on_demand, `value_text` the JSON number as written, `observed_at` the header's
`commit_date` in UTC, 2022-12-15T17:44:40Z). The 8 sizes with an empty `pricing` (seven
`_Promo` sizes and Standard_ND40s_v3) are one "(none)" quote each ("no price in any price field
of the record"): 593 priced quotes, 601 in all.

Decision: no quote of this file is loaded as a fact. Every priced quote carries the parse_error
`DEV_BACKUP` ("Azure development backup: prices mix billing meters; not loaded as facts (see
PROVENANCE)"). The `ondemand` cell holds whichever Azure meter the development scraper met
last, not the Linux pay-as-you-go rate:

- East US against Azure's published Linux pay-as-you-go prices: Standard_NC6 (1x K80) 0.434
  (list 0.90), Standard_NC12 (2x K80) 0.18 (list 1.80; 0.18 is NC6's low-priority rate),
  Standard_NC24 4.336 (list 3.60), Standard_NC24s_v3 (4x V100) 2.448 (list 12.24: exactly its
  80 % low-priority discount), Standard_ND96asr_v4 (8x A100 40GB) 5.439 (list ~27.20: low
  priority again), Standard_NC6s_v3 3.336 (list 3.06; 3.336 = 3.06 + 6 x 0.046, the Windows
  rate).
- Totals, not hourly rates: Standard_NC12s_v3 51467.0 in East US (consistent with a 3-year
  reservation, ~1.96 USD/h x 26,280 h), Standard_NV8as_v4 3135.0 in canadacentral; 30 of the
  56 sizes have a value above 1,000 USD "per hour" somewhere.
- Within one size the regional prices spread up to 176,000x (30 of the 48 priced sizes more
  than 10,000x; Standard_NC6: 0.1321 .. 8832.0), where Azure's regional list prices differ by
  tens of percent; `pretty_name` names a Windows meter for 21 sizes.

No rule on a cell alone can tell the Linux on-demand meter from the Windows, low-priority or
reservation meters (a plausible-looking 0.18 is as wrong as 51467.0; the real 0.90 of NC6 does
appear, in one region of fifteen), so a "plausible" subset would load wrong prices with a clean
record: none is kept.

`fetch` downloads the full backup at the pinned commit, selects the N-series sizes and writes
the extract exactly as bundled (header + `data`, `json.dumps(indent=0)`), checks it reads, and
stores it; the version is dated by the commit, the download time goes to `fetched_at`.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

import polars as pl

from sources import source as generic
from sources.http import HttpClient
from sources.prices import NO_FIELD, finish, price_value, provider_id
from sources.snapshots import Snapshot, SnapshotStore
from sources.source import FetchOutcome, SourceInfo
from sources.upstream import UpstreamFormatError

COMMIT = "90a0e56e19fc41023b527be09d3a88aaa7cfe558"
COMMIT_DATE = datetime(2022, 12, 15, 17, 44, 40, tzinfo=UTC)  # 12:44:40-05:00
BASE_URL = f"https://raw.githubusercontent.com/vantage-sh/ec2instances.info/{COMMIT}/"
PATH = "www/azure/instances.json.bak"
SOURCE = SourceInfo(
    name="azure_dev_backup",
    title="ec2instances.info, Azure N-series VM prices (development backup 2022-12-15)",
    homepage="https://github.com/vantage-sh/ec2instances.info",
    url=f"{BASE_URL}{PATH}",
    filename="azure_nseries_vms.json",
    licence="MIT (Garret Heaton, powdahound.com)",
    citation=(
        "ec2instances.info (Vantage; Garret Heaton), github.com/vantage-sh/ec2instances.info, "
        "www/azure/instances.json.bak at commit 90a0e56e19fc41023b527be09d3a88aaa7cfe558."
    ),
    cadence="frozen (one development file)",
)
FILENAME = SOURCE.filename
N_SERIES = re.compile(r"^Standard_N[CDGV]")
DEV_BACKUP = (
    "Azure development backup: prices mix billing meters; not loaded as facts (see PROVENANCE)"
)
HEADER = {
    "source_repo": "vantage-sh/ec2instances.info",
    "source_path": PATH,
    "source_commit": COMMIT,
    "commit_date": "2022-12-15T12:44:40-05:00",
    "selection": "Azure N-series (NC/ND/NV/NG, GPU) VM sizes only; values unchanged",
}


def _text(value: object) -> str | None:
    """A JSON scalar as written (numbers arrive as their text, see `_read`)."""
    return None if value is None else str(value)


def _read(data: bytes, label: object) -> pl.DataFrame:
    """The quotes of one extract (see the module docstring)."""
    try:
        # numbers kept as written: value_text is the upstream's text, not a float's repr
        document = json.loads(data, parse_float=str, parse_int=str)
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise UpstreamFormatError(f"{label}: not JSON ({err})") from None
    records = document.get("data") if isinstance(document, dict) else None
    if not isinstance(records, list) or not records:
        raise UpstreamFormatError(
            f"{label}: expected an object with a non-empty 'data' list of VM sizes"
        )
    try:
        observed_at = datetime.fromisoformat(document["commit_date"]).astimezone(UTC)
    except (KeyError, TypeError, ValueError):
        raise UpstreamFormatError(
            f"{label}: the header has no readable 'commit_date' (when the prices were listed)"
        ) from None
    rows = []
    for number, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            raise UpstreamFormatError(f"{label}: data[{number - 1}] is not a VM size object")
        size = record.get("instance_type")
        pricing = record.get("pricing")
        base = {"record_number": number, "instance_type": _text(size)}
        if not isinstance(pricing, dict):
            rows.append({**base, "price_field": NO_FIELD, "parse_error": "no 'pricing' object"})
            continue
        found = [
            {
                **base,
                "price_field": f"pricing.{region}.ondemand",
                "value_text": _text(prices.get("ondemand")),
                "region": region,
                "parse_error": DEV_BACKUP,
            }
            for region, prices in pricing.items()
            if isinstance(prices, dict) and _text(prices.get("ondemand")) is not None
        ]
        rows += found or [{**base, "price_field": NO_FIELD}]
    schema = {
        "record_number": pl.Int64,
        "instance_type": pl.String,
        "price_field": pl.String,
        "value_text": pl.String,
        "region": pl.String,
        "parse_error": pl.String,
    }
    frame = pl.DataFrame(rows, schema=schema)
    return finish(
        frame.with_columns(
            observed_at=pl.lit(observed_at, pl.Datetime("us", "UTC")),
            provider=pl.lit(provider_id("Microsoft Azure")),
            pricing=pl.lit("on_demand"),
            usd_per_hour=price_value("value_text"),
        )
    )


def quotes(snapshot: Snapshot) -> pl.DataFrame:
    """One row per regional price of every VM size, in `prices.QUOTE_SCHEMA`; every one
    carries a parse_error (see the module docstring for why)."""
    path = snapshot.path(FILENAME)
    return _read(path.read_bytes(), path)


def extract(data: bytes, label: str) -> bytes:
    """The bundled extract of the full backup: N-series sizes under `data`, with the header."""
    try:
        sizes = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise UpstreamFormatError(f"{label}: not JSON ({err})") from None
    if not isinstance(sizes, list) or not all(isinstance(s, dict) for s in sizes):
        raise UpstreamFormatError(f"{label}: expected a JSON list of VM size objects")
    kept = [s for s in sizes if N_SERIES.match(str(s.get("instance_type", "")))]
    if not kept:
        raise UpstreamFormatError(f"{label}: no N-series (Standard_NC/ND/NG/NV) VM size")
    document = {**HEADER, "n_rows_total": len(sizes), "data": kept}
    return json.dumps(document, indent=0).encode()


def fetch(store: SnapshotStore, client: HttpClient, base_url: str | None = None) -> FetchOutcome:
    """Download the backup at the pinned commit (`base_url` replaces the repository root, for
    tests), extract the N-series sizes, check they read and store them as a new version unless
    identical content is stored. Nothing is stored when any step fails."""
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
            "obtained_via": f"live fetch of {url}: Azure N-series (NC/ND/NV/NG, GPU) VM sizes "
            "only; values unchanged; with a header naming repo/path/commit",
            "upstream_commit": COMMIT,
        },
    )

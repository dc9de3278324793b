"""ec2instances.info `www/instances.json` history: AWS GPU/accelerator instance prices 2013-2017.

71 versions, one per upstream version of the file present in the copy it was read from
(2013-09-26 .. 2017-11-12; the 38 later commits up to 2022-01-18 had no blob there),
retrieved_at = the commit's date. Each is an *extract*: the instances of families cg1, g2, g3,
g3s, p2, p3, p3dn, g4dn, g4ad, p4d, f1, inf1 only, values unchanged, in a JSON object with a
header (`source_repo`, `source_path`, `source_commit`, `commit_date`, `selection`) and
`instances`. Pricing is `{region: {os: price}}` in early versions and
`{region: {os: {ondemand, reserved: {...}}}}` from 2015-08; no spot prices. Instance attributes
name instance types, not GPU models, so this source has no hardware mentions.

Price quotes (`quotes`): a *record* is one instance object of `instances`, numbered 1.. in array
order (350 records in the 71 versions). Only Linux prices are read: the other operating
systems (mswin, rhel, sles, mswinSQL...) add licence fees to the same hardware, and `ebs` (a
few regions) is not an operating system. Per region with a `linux` entry, in upstream order:

- early versions, `pricing.<region>.linux` = on-demand USD/h as text -> on_demand;
- from 2015-08, `pricing.<region>.linux.ondemand` -> on_demand, and one reserved term per
  length -> reserved_1y / reserved_3y: **Standard, partial upfront**, whose values upstream
  states as the effective USD/h (upfront amortised over the term plus the hourly fee). It is
  the one term every reserved schema of the history carries for both lengths: the first
  (2015-08) nests `yrTerm1`/`yrTerm3` -> {allUpfront, partialUpfront[, noUpfront]}, then
  `yrTerm1.partialUpfront` keys (2015-08 .. 2016), then `yrTerm1Standard.partialUpfront` once
  AWS added Convertible terms (2016-10); a 3-year no-upfront Standard term is missing from
  1,105 of the 1,454 reserved objects (upstream lists it only from 2017-05). On p2.xlarge in
  us-east-1 it reads 0.585 (1 y) and 0.425 (3 y) against 0.9 on demand.

'N/A' is upstream's way of saying the instance type is not offered in that region: that quote
carries a parse error saying so (3 early-format and 208 later on-demand values). An instance
without any Linux price (f1.* in 2016-11 .. 2017-03 have `pricing: {}`) is one quote without a
price field (`NO_PRICE`). `observed_at` is the header's `commit_date` (UTC): when the file
stated those prices. `provider` "aws"; `hardware_text` null (instance types only).
`accelerators_per_instance` is the `GPU` count where it is above 0, else the `FPGA` count of
f1 (Xilinx FPGAs, the accelerator of that family) where above 0, else null: upstream writes
0 or nothing for g2/cg1 (which have GPUs) and for every GPU instance in 2017-07-20 and the
first 2017-08-07 version; p3.16xlarge says 16 GPUs (it has 8) in the first 2017-10-26 version.

`fetch` downloads `www/instances.json` at the pinned commit (`SOURCE.url`) and extracts it as
the bundled copies were; with the bundled store it returns the existing 2017-11-12 version.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import polars as pl

from sources import source as generic
from sources.http import HttpClient
from sources.prices import NO_FIELD, finish, price_value
from sources.snapshots import Snapshot, SnapshotStore
from sources.source import FetchOutcome, SourceInfo
from sources.upstream import UpstreamFormatError

REPO = "vantage-sh/ec2instances.info"
BASE_URL = f"https://raw.githubusercontent.com/{REPO}"
UPSTREAM_PATH = "www/instances.json"
PINNED_COMMIT = "94e1f006efae8f18a8194d9122ae7daee179fb5e"
PINNED_COMMIT_DATE = "2017-11-12T08:13:08-08:00"

SOURCE = SourceInfo(
    name="ec2instances_history",
    title="ec2instances.info, AWS instances.json history (GPU/accelerator extract)",
    homepage=f"https://github.com/{REPO}",
    url=f"{BASE_URL}/{PINNED_COMMIT}/{UPSTREAM_PATH}",
    filename="gpu_instances.json",
    licence="MIT (Garret Heaton, powdahound.com)",
    citation=(
        "ec2instances.info (Vantage; Garret Heaton), github.com/vantage-sh/ec2instances.info, "
        "www/instances.json, git history 2013-2017."
    ),
    cadence="frozen (later versions not available)",
)

FAMILIES = ("cg1", "g2", "g3", "g3s", "p2", "p3", "p3dn", "g4dn", "g4ad", "p4d", "f1", "inf1")
SELECTION = (
    f"entries whose instance family is one of {','.join(FAMILIES)} (GPU/accelerator "
    "instances); values unchanged"
)
OS = "linux"
# The reserved term read per pricing, first key present wins (see the module docstring).
RESERVED_TERMS = {
    "reserved_1y": ("yrTerm1Standard.partialUpfront", "yrTerm1.partialUpfront"),
    "reserved_3y": ("yrTerm3Standard.partialUpfront", "yrTerm3.partialUpfront"),
}
NOT_OFFERED = "N/A"
_QUOTES = pl.Schema(
    {
        "record_number": pl.Int64,
        "price_field": pl.String,
        "value_text": pl.String,
        "region": pl.String,
        "instance_type": pl.String,
        "accelerators_per_instance": pl.Float64,
        "pricing": pl.String,
        "parse_error": pl.String,
    }
)


def _load(data: bytes, label: str) -> dict:
    """The extract: a header with `commit_date` and a list of instance objects, each with an
    `instance_type` (else UpstreamFormatError)."""
    try:
        document = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise UpstreamFormatError(f"{label}: not JSON ({err})") from None
    instances = document.get("instances") if isinstance(document, dict) else None
    if not isinstance(instances, list) or not instances:
        raise UpstreamFormatError(f"{label}: no 'instances' list")
    _check_instances(instances, label)
    return document


def _check_instances(instances: list, label: str) -> None:
    for number, instance in enumerate(instances, start=1):
        if not isinstance(instance, dict) or not isinstance(instance.get("instance_type"), str):
            keys = sorted(instance) if isinstance(instance, dict) else type(instance).__name__
            raise UpstreamFormatError(
                f"{label}: instance {number} has no 'instance_type' (keys {keys}); the "
                f"upstream format changed: update {__name__}"
            )


def _count(value: object) -> float | None:
    """A GPU/FPGA count (number or text) when above 0, else None."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        count = float(value)
    except (TypeError, ValueError):
        return None
    return count if count > 0 else None


def accelerators(instance: dict) -> float | None:
    """`GPU` where above 0, else `FPGA` where above 0, else None (see the module docstring)."""
    return _count(instance.get("GPU")) or _count(instance.get("FPGA"))


def _reserved(reserved: object, pricing: str) -> tuple[str, object] | None:
    """(field path below `reserved`, value) of the chosen term, or None when not stated."""
    if not isinstance(reserved, dict):
        return None
    for key in RESERVED_TERMS[pricing]:
        if reserved.get(key) is not None:
            return key, reserved[key]
    nested, option = RESERVED_TERMS[pricing][1].split(".")  # the 2015-08 nested shape
    term = reserved.get(nested)
    if isinstance(term, dict) and term.get(option) is not None:
        return f"{nested}.{option}", term[option]
    return None


def _linux_quotes(pricing: object) -> list[tuple[str, str, str, str]]:
    """(region, price field, pricing, value as written) of every Linux price of an instance."""
    found = []
    if not isinstance(pricing, dict):
        return found
    for region, systems in pricing.items():
        linux = systems.get(OS) if isinstance(systems, dict) else None
        if linux is None:
            continue
        where = f"pricing.{region}.{OS}"
        if not isinstance(linux, dict):
            found.append((region, where, "on_demand", str(linux)))
            continue
        if linux.get("ondemand") is not None:
            found.append((region, f"{where}.ondemand", "on_demand", str(linux["ondemand"])))
        for name in RESERVED_TERMS:
            term = _reserved(linux.get("reserved"), name)
            if term:
                found.append((region, f"{where}.reserved.{term[0]}", name, str(term[1])))
    return found


def _commit_date(document: dict, label: str) -> datetime:
    text = document.get("commit_date")
    try:
        when = datetime.fromisoformat(str(text))
    except ValueError:
        raise UpstreamFormatError(f"{label}: unreadable header commit_date {text!r}") from None
    if when.tzinfo is None:
        raise UpstreamFormatError(f"{label}: header commit_date {text!r} has no UTC offset")
    return when.astimezone(UTC)


def quotes(snapshot: Snapshot) -> pl.DataFrame:
    """Every Linux price quote of one version in `sources.prices.QUOTE_SCHEMA` (see the module
    docstring for records, the reserved term and units)."""
    label = str(snapshot.path(SOURCE.filename))
    document = _load(snapshot.path(SOURCE.filename).read_bytes(), label)
    observed = _commit_date(document, label)
    columns: dict[str, list] = {name: [] for name in _QUOTES}
    appends = [column.append for column in columns.values()]
    for record, instance in enumerate(document["instances"], start=1):
        kind = instance["instance_type"]
        count = accelerators(instance)
        found = _linux_quotes(instance.get("pricing"))
        for region, field, pricing, text in found:
            error = None
            if text.strip() == NOT_OFFERED:
                error = f"'{NOT_OFFERED}': upstream lists no {kind} price in {region} (not offered)"
            row = (record, field, text, region, kind, count, pricing, error)
            for append, value in zip(appends, row, strict=True):
                append(value)
        if not found:
            error = None if "pricing" in instance else "instance has no 'pricing' key"
            row = (record, NO_FIELD, None, None, kind, count, None, error)
            for append, value in zip(appends, row, strict=True):
                append(value)
    hourly = price_value("value_text")
    frame = pl.DataFrame(columns, schema=_QUOTES).with_columns(
        observed_at=pl.lit(observed, dtype=pl.Datetime("us", "UTC")),
        provider=pl.lit("aws"),
        usd_per_hour=hourly,
        usd_per_accelerator_hour=hourly / pl.col("accelerators_per_instance"),
    )
    return finish(frame)


# --- live fetch ---------------------------------------------------------------------------


def extract(data: bytes, url: str, commit: str, commit_date: str) -> bytes:
    """The bundled extract of a downloaded `www/instances.json` (a JSON list of instances):
    the `FAMILIES` instances in upstream order, values unchanged, under a header, as compact
    JSON. Raises UpstreamFormatError for anything else or an extract without Linux prices."""
    where = f"{url} ({UPSTREAM_PATH})"
    try:
        instances = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise UpstreamFormatError(f"{where}: not JSON ({err})") from None
    if not isinstance(instances, list) or not instances:
        raise UpstreamFormatError(f"{where}: not a JSON list of instances")
    _check_instances(instances, where)
    selected = [i for i in instances if i["instance_type"].split(".")[0] in FAMILIES]
    if not selected:
        raise UpstreamFormatError(f"{where}: no instance of the families {FAMILIES}")
    if not any(_linux_quotes(i.get("pricing")) for i in selected):
        raise UpstreamFormatError(
            f"{where}: no GPU instance has a pricing.<region>.{OS} price; the upstream format "
            f"changed: update {__name__}"
        )
    header = {
        "source_repo": REPO,
        "source_path": UPSTREAM_PATH,
        "source_commit": commit,
        "commit_date": commit_date,
        "selection": SELECTION,
        "instances": selected,
    }
    return json.dumps(header, separators=(",", ":")).encode()


def fetch(store: SnapshotStore, client: HttpClient, base_url: str | None = None) -> FetchOutcome:
    """Download `www/instances.json` at `PINNED_COMMIT` (conditional GET) and store its GPU
    extract unless that content is stored already (then that version is returned)."""
    url = f"{(base_url or BASE_URL).rstrip('/')}/{PINNED_COMMIT}/{UPSTREAM_PATH}"

    def transform(body: bytes) -> bytes:
        extracted = extract(body, url, PINNED_COMMIT, PINNED_COMMIT_DATE)
        _load(extracted, f"{url} -> {SOURCE.filename}")
        return extracted

    return generic.fetch(
        SOURCE,
        store,
        client,
        url=url,
        transform=transform,
        # a pinned commit: dated like the bundled versions, by the commit
        retrieved_at=datetime.fromisoformat(PINNED_COMMIT_DATE),
        extra={
            "obtained_via": f"live GET of {url}: {SELECTION}, with a header",
            "upstream_commit": PINNED_COMMIT,
        },
    )

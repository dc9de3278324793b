"""Google Cloud GPU machine-type prices, from Cyclenerd's google-cloud-pricing-cost-calculator.

Upstream `pricing.yml` (~4 MB, regenerated from the Cloud Billing Catalog API and committed
about weekly) lists every Compute Engine price. The bundled versions are *extracts*, one per
month (54, 2022-02-27 .. 2026-07-30, retrieved_at = the commit's date): only the
`compute.instance` entries of GPU machine types (a2-*, a3-*, g2-*, g4-*), values unchanged, as
JSON with a header naming repo, path and commit. `fetch` downloads the live YAML and makes the
same extract (see there).

Each machine type carries its attributes (`cpu`, `ram`, `local-ssd` ...), a `cost` object per
region and one key per GPU kind whose value is the GPU count (`a100: 8`). `parse` returns one
row per machine type and GPU key; `hardware_mentions` lists the GPU keys (a100, a100-80gb,
h100-80gb, h100-80gb-mega, l4, rtx6000), with "machine type <name>" as context and one
occurrence per machine type per version. Google names no manufacturer: `vendor_hint` is null.

Blank spellings: a machine type without any GPU key would be a record with a null spelling;
there is none in the bundled versions (926 machine-type records).

Price quotes (`quotes`): a *record* is one machine type x region cost object
(`instances.<machine type>.cost.<region>`), numbered 1.. in file order (machine types as
listed, regions as listed within each); 34,769 records in the 54 bundled versions. Its quotes,
in this order:

- `hour` -> on_demand, USD per hour of the whole machine type (Linux, no discounts);
- `hour_spot` -> spot, USD per hour;
- `month_1y` / `month_3y` -> reserved_1y / reserved_3y: USD per month with a 1-/3-year
  committed use discount, converted to USD per hour at 730 h per month, the month upstream uses:
  `month` / `hour` is 730 (to 1e-14) in every one of the 34,769 records and `month_spot` /
  `hour_spot` in every one of the 30,797 with both.

`month` and `month_spot` are the on-demand and spot prices again, per month: not quotes of
their own, but checked against `hour`/`hour_spot` (a disagreement beyond 1e-6 makes the hourly
quote a parse error). `accelerators_per_instance` is the GPU key's count (fractional for
g4-standard's shared RTX PRO 6000); `hardware_text`/`hardware_context` are the GPU key and
"machine type <name>" exactly as `mention_records` gives them. `observed_at` is the header's
`timestamp` (Unix seconds when upstream generated pricing.yml) if it is a number from
2015 on and no later than a day after the commit (or, for a live fetch, the retrieval); else
the commit date (else the retrieval time). In the bundled versions it is 0 s to 11 min
before the commit (2 h 35 min for 2022-02-27), so every version uses it.
"""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime, timedelta
from numbers import Real
from pathlib import Path

import polars as pl
import yaml

from sources import source as generic
from sources.http import HttpClient
from sources.mentions import concat_records, mentions, records
from sources.prices import NO_FIELD, finish, price_value
from sources.snapshots import Snapshot, SnapshotStore
from sources.source import FetchOutcome, SourceInfo
from sources.upstream import UpstreamFormatError

REPO = "Cyclenerd/google-cloud-pricing-cost-calculator"
BASE_URL = f"https://raw.githubusercontent.com/{REPO}/HEAD"
UPSTREAM_PATH = "pricing.yml"

SOURCE = SourceInfo(
    name="gcp_pricing",
    title="Cyclenerd, Google Cloud pricing cost calculator (pricing.yml, GPU machine types)",
    homepage=f"https://github.com/{REPO}",
    url=f"{BASE_URL}/{UPSTREAM_PATH}",
    filename="gpu_machine_types.json",
    licence="Apache-2.0 (Nils Knieling); prices from Google Cloud's public pricing catalog",
    citation=(
        "Nils Knieling, 'Google Cloud Pricing Cost Calculator', "
        "github.com/Cyclenerd/google-cloud-pricing-cost-calculator, pricing.yml "
        "(from the Google Cloud Billing Catalog API)."
    ),
    cadence="weekly upstream; one version per month kept",
)

# Machine-type keys that are not GPU kinds. Any other key must hold a GPU count.
ATTRIBUTES = {"cpu", "ram", "cost", "local-ssd", "local", "bandwidth", "type"}
COLUMNS = pl.Schema({"machine_type": pl.String, "gpu_key": pl.String, "gpu_count": pl.Float64})
SELECTION = "compute.instance entries for GPU machine types only (values unchanged)"

HOURS_PER_MONTH = 730.0  # upstream's month: month / hour == 730 in every bundled record
# cost key -> (pricing, hours the stated value covers); in this order within a record
PRICE_FIELDS = {
    "hour": ("on_demand", 1.0),
    "hour_spot": ("spot", 1.0),
    "month_1y": ("reserved_1y", HOURS_PER_MONTH),
    "month_3y": ("reserved_3y", HOURS_PER_MONTH),
}
MONTHLY_TWINS = {"hour": "month", "hour_spot": "month_spot"}  # same price per month
TWIN_TOLERANCE = 1e-6
# a generation timestamp before this is not one (0, or a unit mix-up); the repo began in 2022
EARLIEST_TIMESTAMP = datetime(2015, 1, 1, tzinfo=UTC)
# `quotes` builds three frames: machine types, records (machine type x region), quotes
_MACHINES = pl.Schema(
    {
        "machine": pl.Int64,
        "instance_type": pl.String,
        "hardware_text": pl.String,
        "hardware_context": pl.String,
        "accelerators_per_instance": pl.Float64,
        "gpu_error": pl.String,
    }
)
_RECORDS = pl.Schema(
    {
        "record_number": pl.Int64,
        "machine": pl.Int64,
        "region": pl.String,
        "record_error": pl.String,
    }
)
# twin_text: the per-month twin of hour / hour_spot, for the cross-check
_QUOTES = pl.Schema(
    {
        "record_number": pl.Int64,
        "key": pl.String,
        "value_text": pl.String,
        "twin_text": pl.String,
    }
)
_PRICE_KEYS = [(key, MONTHLY_TWINS.get(key)) for key in PRICE_FIELDS]


def _load(data: bytes, label: str) -> dict:
    """The extract as a dict with a non-empty `instances` object (else UpstreamFormatError)."""
    try:
        document = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise UpstreamFormatError(f"{label}: not JSON ({err})") from None
    instances = document.get("instances") if isinstance(document, dict) else None
    if not isinstance(instances, dict) or not instances:
        raise UpstreamFormatError(f"{label}: no 'instances' object of machine types")
    return document


def _gpu_keys(machine_type: str, attributes: object, label: str) -> dict[str, float]:
    """The GPU keys of one machine type with their counts (checked as `parse` does)."""
    if not isinstance(attributes, dict) or "cost" not in attributes:
        raise UpstreamFormatError(f"{label}: machine type {machine_type!r} has no 'cost'")
    gpus = {}
    for key, count in attributes.items():
        if key in ATTRIBUTES:
            continue
        if not isinstance(count, Real) or isinstance(count, bool):
            raise UpstreamFormatError(
                f"{label}: machine type {machine_type!r} has key {key!r} = {count!r}, neither "
                f"a known attribute {sorted(ATTRIBUTES)} nor a GPU count"
            )
        gpus[key] = float(count)
    return gpus


def parse(path: Path) -> pl.DataFrame:
    """One row per machine type and GPU key (`machine_type`, `gpu_key`, `gpu_count`); a machine
    type without a GPU key gets one row with null `gpu_key` rather than none."""
    document = _load(path.read_bytes(), str(path))
    rows = []
    for machine_type, attributes in document["instances"].items():
        gpus = _gpu_keys(machine_type, attributes, str(path))
        rows.extend((machine_type, key, count) for key, count in gpus.items())
        if not gpus:
            rows.append((machine_type, None, None))
    return pl.DataFrame(rows, schema=COLUMNS, orient="row")


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


# --- price quotes -------------------------------------------------------------------------


def _utc(text: object) -> datetime | None:
    """An ISO timestamp with offset -> aware UTC datetime; None when absent or unreadable."""
    if not isinstance(text, str) or not text.strip():
        return None
    try:
        when = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    return when.astimezone(UTC) if when.tzinfo else None


def observed_at(document: dict, snapshot: Snapshot) -> datetime:
    """When the prices of a version applied: the generation `timestamp` if sane, else the
    commit date, else the retrieval time (see the module docstring)."""
    reference = _utc(document.get("commit_date")) or snapshot.retrieved_at.astimezone(UTC)
    stamp = document.get("timestamp")
    if isinstance(stamp, Real) and not isinstance(stamp, bool) and math.isfinite(stamp):
        try:
            generated = datetime.fromtimestamp(float(stamp), UTC)
        except (OverflowError, OSError, ValueError):
            return reference
        if EARLIEST_TIMESTAMP <= generated <= reference + timedelta(days=1):
            return generated
    return reference


def quotes(snapshot: Snapshot) -> pl.DataFrame:
    """Every price quote of one version in `sources.prices.QUOTE_SCHEMA` (see the module
    docstring for records, fields and units)."""
    label = str(snapshot.path(SOURCE.filename))
    document = _load(snapshot.path(SOURCE.filename).read_bytes(), label)
    machines: dict[str, list] = {name: [] for name in _MACHINES}
    records_: dict[str, list] = {name: [] for name in _RECORDS}
    quoted: dict[str, list] = {name: [] for name in _QUOTES}
    q_record, q_key, q_text, q_twin = quoted.values()
    record = 0
    for machine, (machine_type, attributes) in enumerate(document["instances"].items()):
        gpus = _gpu_keys(machine_type, attributes, label)
        gpu_key, count, gpu_error = None, None, None
        if len(gpus) == 1:
            ((gpu_key, count),) = gpus.items()
            count = count if count > 0 else None
        elif len(gpus) > 1:
            gpu_error = f"machine type carries several GPU keys {sorted(gpus)}: which is priced?"
        for name, value in zip(
            _MACHINES,
            (machine, machine_type, gpu_key, f"machine type {machine_type}", count, gpu_error),
            strict=True,
        ):
            machines[name].append(value)
        cost = attributes["cost"]
        if not isinstance(cost, dict):
            raise UpstreamFormatError(
                f"{label}: machine type {machine_type!r}: 'cost' is not an object of regions"
            )
        for region, prices in cost.items():
            record += 1
            records_["record_number"].append(record)
            records_["machine"].append(machine)
            records_["region"].append(region)
            records_["record_error"].append(
                None if isinstance(prices, dict) else f"cost.{region} is not an object"
            )
            stated = False
            if isinstance(prices, dict):
                for key, twin_key in _PRICE_KEYS:
                    value = prices.get(key)
                    if value is None:
                        continue
                    stated = True
                    twin = prices.get(twin_key)
                    q_record.append(record)
                    q_key.append(key)
                    q_text.append(str(value))
                    q_twin.append(None if twin is None else str(twin))
            if not stated:
                q_record.append(record)
                q_key.append(NO_FIELD)
                q_text.append(None)
                q_twin.append(None)
    frame = (
        pl.DataFrame(quoted, schema=_QUOTES)
        .join(pl.DataFrame(records_, schema=_RECORDS), on="record_number", maintain_order="left")
        .join(pl.DataFrame(machines, schema=_MACHINES), on="machine", maintain_order="left")
    )
    terms = pl.DataFrame(
        [(k, pricing, hours) for k, (pricing, hours) in PRICE_FIELDS.items()],
        schema={"key": pl.String, "pricing": pl.String, "hours": pl.Float64},
        orient="row",
    )
    frame = frame.join(terms, on="key", how="left", maintain_order="left")
    value = price_value("value_text")
    twin = price_value("twin_text")
    hourly = value / pl.col("hours")
    disagrees = (twin / (value * HOURS_PER_MONTH) - 1).abs() > TWIN_TOLERANCE
    twin_error = pl.when(disagrees & (value > 0)).then(
        pl.format(
            "{} '{}' disagrees with its monthly twin '{}' (expected {} h x the hourly price): "
            "upstream is inconsistent",
            "key",
            "value_text",
            "twin_text",
            pl.lit(f"{HOURS_PER_MONTH:g}"),
        )
    )
    frame = frame.with_columns(
        price_field=pl.when(pl.col("key") == NO_FIELD)
        .then(pl.lit(NO_FIELD))
        .otherwise(pl.format("cost.{}.{}", "region", "key")),
        observed_at=pl.lit(observed_at(document, snapshot), dtype=pl.Datetime("us", "UTC")),
        provider=pl.lit("gcp"),
        usd_per_hour=hourly,
        usd_per_accelerator_hour=hourly / pl.col("accelerators_per_instance"),
        notes=pl.when(pl.col("hours") > 1).then(
            pl.format(
                "USD per month with committed use discount / {} h",
                pl.col("hours").cast(pl.Int64),
            )
        ),
        parse_error=pl.coalesce("record_error", "gpu_error", twin_error),
    )
    return finish(frame)


# --- live fetch ---------------------------------------------------------------------------


def _is_gpu_machine_type(attributes: object) -> bool:
    """An entry carrying a key that is neither a known attribute nor `cost` (a GPU count)."""
    return isinstance(attributes, dict) and any(k not in ATTRIBUTES for k in attributes)


def extract(data: bytes, url: str) -> bytes:
    """The bundled extract of a downloaded `pricing.yml`: `compute.instance` entries of GPU
    machine types, values unchanged, as compact JSON with sorted keys and a header.

    Raises UpstreamFormatError when the body is not YAML in the pricing.yml shape, when it
    looks cut off (pricing.yml is written with sorted keys, so a complete file has top-level
    sections after `compute`), or when it holds no GPU machine type."""
    where = f"{url} ({UPSTREAM_PATH})"
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        document = yaml.load(data.decode("utf-8"), Loader=loader)
    except (UnicodeDecodeError, yaml.YAMLError) as err:
        raise UpstreamFormatError(f"{where}: not YAML ({err})") from None
    if not isinstance(document, dict):
        head = data[:60].decode("utf-8", "replace")
        raise UpstreamFormatError(
            f"{where}: not the pricing.yml shape (a mapping with about and compute.instance); "
            f"got {type(document).__name__} starting {head!r}"
        )
    compute = document.get("compute")
    instances = compute.get("instance") if isinstance(compute, dict) else None
    about = document.get("about")
    if not isinstance(instances, dict) or not isinstance(about, dict):
        raise UpstreamFormatError(
            f"{where}: no 'about' and 'compute.instance' mappings (top-level keys "
            f"{sorted(map(str, document))}); the upstream format changed: update {__name__}"
        )
    if not any(str(key) > "compute" for key in document):
        raise UpstreamFormatError(
            f"{where}: no top-level section after 'compute' (pricing.yml has sorted keys and "
            f"ends with region/storage sections): the file looks truncated"
        )
    selected = {str(k): v for k, v in instances.items() if _is_gpu_machine_type(v)}
    if not selected:
        raise UpstreamFormatError(f"{where}: no GPU machine type in compute.instance")
    header = {
        "source_repo": REPO,
        "source_path": UPSTREAM_PATH,
        "source_url": url,
        "source_commit": None,  # a live fetch reads HEAD: the commit is not known
        "commit_date": None,
        "generated": about.get("generated"),
        "timestamp": about.get("timestamp"),
        "selection": SELECTION,
        "instances": selected,
    }
    body = json.dumps(header, sort_keys=True, separators=(",", ":")).encode()
    label = f"{where} -> {SOURCE.filename}"
    document = _load(body, label)
    for machine_type, attributes in document["instances"].items():
        _gpu_keys(machine_type, attributes, label)
    return body


def fetch(store: SnapshotStore, client: HttpClient, base_url: str | None = None) -> FetchOutcome:
    """Download `pricing.yml` (conditional GET) and store its GPU extract as a new version
    when it changed; the latest version when upstream answers 304 or the extract is stored."""
    url = f"{(base_url or BASE_URL).rstrip('/')}/{UPSTREAM_PATH}"
    return generic.fetch(
        SOURCE,
        store,
        client,
        url=url,
        transform=lambda body: extract(body, url),
        extra={
            "obtained_via": f"live GET of {url}: {SELECTION}, as JSON with a header",
            "upstream_commit": None,
        },
    )

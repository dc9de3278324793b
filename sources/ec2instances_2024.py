"""ec2instances.info opszero snapshot of 2024-04-04: AWS GPU/accelerator prices per region.

One version, an *extract* of `opszero-app/instances.json` at vantage-sh/ec2instances.info
commit a19cd859 (2024-04-04): the 737 of 13,767 rows with GPU > 0 or an accelerator family
(trn1, trn1n, inf1, inf2, dl1, dl2q), 54 instance types in 89 regions, values unchanged, under
`data` with a header naming repo, path and commit. Fields: `instance-type`, `arch`, `memory`
(GiB), `vCPU`, `GPU` (count), `GPU_memory` (GiB, total), `current-generation`, `region`,
`ondemand` and `spot_avg` (USD/hour as text). Rows name instance types, not GPU models: no
hardware mentions.

Price quotes (`quotes`): a *record* is one row of `data`, numbered 1.. in array order (737).
`ondemand` -> on_demand and `spot_avg` -> spot (the average spot price), both USD per hour of
the instance, `price_field` the key. A null `spot_avg` (142 rows) is no quote; a row stating
neither would be one quote without a price field (`NO_PRICE`; none here). "0"/"0.000000" mean
missing (p4d/p5 in us-east-1/us-east-2/us-west-2: 5 on-demand and 5 spot quotes), which
`sources.prices.finish` flags. Every non-zero `spot_avg` (590) is a whole percentage of
`ondemand` to its 6 written decimals (on-demand x (100 - savings %) / 100, the way AWS's Spot
Instance Advisor states savings), and 10% is both the floor and the most frequent value (69;
11% has 32, 12% 26): a spot average of exactly 10% of on-demand is the "up to 90% off" cap or
a fill-in, not a measured price. Those 69 quotes (11 families, g4dn, g5, g5g, inf1 most often)
carry a parse error saying so (`placeholder_error`).

`accelerators_per_instance` is `GPU` where above 0 (it counts Inferentia/Trainium chips for
inf1/inf2/trn1/trn1n), else null (dl1.24xlarge says 0 for its 8 Gaudi accelerators).
`observed_at` is the header's `commit_date` (2024-04-04T07:01:19Z). `provider` "aws".

`fetch` downloads `opszero-app/instances.json` at the pinned commit (`SOURCE.url`) and
extracts it as the bundled copy was.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation

import polars as pl

from sources import source as generic
from sources.http import HttpClient
from sources.prices import NO_FIELD, finish, price_value
from sources.snapshots import Snapshot, SnapshotStore
from sources.source import FetchOutcome, SourceInfo
from sources.upstream import UpstreamFormatError

REPO = "vantage-sh/ec2instances.info"
BASE_URL = f"https://raw.githubusercontent.com/{REPO}"
UPSTREAM_PATH = "opszero-app/instances.json"
PINNED_COMMIT = "a19cd859f0591c40bead51230996dcfc8c468071"
PINNED_COMMIT_DATE = "2024-04-04T00:01:19-07:00"

SOURCE = SourceInfo(
    name="ec2instances_2024",
    title="ec2instances.info, AWS GPU instance prices by region (opszero snapshot 2024-04-04)",
    homepage=f"https://github.com/{REPO}",
    url=f"{BASE_URL}/{PINNED_COMMIT}/{UPSTREAM_PATH}",
    filename="aws_gpu_instances_by_region.json",
    licence="MIT (Garret Heaton, powdahound.com)",
    citation=(
        "ec2instances.info (Vantage; Garret Heaton), github.com/vantage-sh/ec2instances.info, "
        "opszero-app/instances.json at commit a19cd859f0591c40bead51230996dcfc8c468071."
    ),
    cadence="frozen (one snapshot)",
)

ACCELERATOR_FAMILIES = ("trn1", "trn1n", "inf1", "inf2", "dl1", "dl2q")
SELECTION = (
    f"rows with GPU>0 or accelerator families {'/'.join(ACCELERATOR_FAMILIES)}; values unchanged"
)
REQUIRED = ["instance-type", "region", "GPU", "ondemand", "spot_avg"]
PRICE_FIELDS = {"ondemand": "on_demand", "spot_avg": "spot"}
PLACEHOLDER = (
    "spot_avg '{spot}' is exactly 10% of on-demand '{ondemand}' (to the {digits} decimals "
    "written): a placeholder, not a price"
)
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


def _rows(data: bytes, label: str, key: str = "data") -> tuple[dict, list[dict]]:
    """The document and its row objects under `key`, each carrying the `REQUIRED` keys (else
    UpstreamFormatError)."""
    try:
        document = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise UpstreamFormatError(f"{label}: not JSON ({err})") from None
    rows = document.get(key) if isinstance(document, dict) else None
    if not isinstance(rows, list) or not rows:
        raise UpstreamFormatError(f"{label}: no '{key}' list of rows")
    for number, row in enumerate(rows, start=1):
        missing = [k for k in REQUIRED if k not in row] if isinstance(row, dict) else REQUIRED
        if missing:
            raise UpstreamFormatError(
                f"{label}: row {number} lacks keys {missing}; the upstream format changed: "
                f"update {__name__}"
            )
    return document, rows


def _decimal(text: str | None) -> Decimal | None:
    try:
        value = Decimal(str(text).strip().replace(",", ""))
    except (InvalidOperation, ValueError):
        return None
    return value if value.is_finite() else None


def placeholder_error(ondemand: object, spot: object) -> str | None:
    """Why a spot average is a placeholder: exactly 10% of the on-demand price to the
    decimals the spot value is written with (None when it is not, or either is no price)."""
    if ondemand is None or spot is None:
        return None
    on, sp = _decimal(ondemand), _decimal(spot)
    if on is None or sp is None or on <= 0 or sp <= 0:
        return None
    digits = max(-sp.as_tuple().exponent, 0)
    if abs(sp - on / 10) * 10**digits <= Decimal("0.5"):
        return PLACEHOLDER.format(spot=spot, ondemand=ondemand, digits=digits)
    return None


def _count(value: object) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        count = float(value)
    except (TypeError, ValueError):
        return None
    return count if count > 0 else None


def quotes(snapshot: Snapshot) -> pl.DataFrame:
    """Every price quote of the version in `sources.prices.QUOTE_SCHEMA` (see the module
    docstring for records, zeros and placeholders)."""
    label = str(snapshot.path(SOURCE.filename))
    document, rows = _rows(snapshot.path(SOURCE.filename).read_bytes(), label)
    text = document.get("commit_date")
    try:
        observed = datetime.fromisoformat(str(text)).astimezone(UTC)
    except ValueError:
        raise UpstreamFormatError(f"{label}: unreadable header commit_date {text!r}") from None
    columns: dict[str, list] = {name: [] for name in _QUOTES}
    appends = [column.append for column in columns.values()]
    for record, row in enumerate(rows, start=1):
        kind, region, count = row["instance-type"], row["region"], _count(row["GPU"])
        stated = [key for key in PRICE_FIELDS if row[key] is not None]
        for key in stated or [NO_FIELD]:
            value = None if key == NO_FIELD else str(row[key])
            error = None
            if key == "spot_avg":
                error = placeholder_error(row["ondemand"], row["spot_avg"])
            quote = (record, key, value, region, kind, count, PRICE_FIELDS.get(key), error)
            for append, item in zip(appends, quote, strict=True):
                append(item)
    hourly = price_value("value_text")
    frame = pl.DataFrame(columns, schema=_QUOTES).with_columns(
        observed_at=pl.lit(observed, dtype=pl.Datetime("us", "UTC")),
        provider=pl.lit("aws"),
        usd_per_hour=hourly,
        usd_per_accelerator_hour=hourly / pl.col("accelerators_per_instance"),
    )
    return finish(frame)


# --- live fetch ---------------------------------------------------------------------------


def _selected(row: dict) -> bool:
    family = str(row["instance-type"]).split(".")[0]
    return (_count(row["GPU"]) is not None) or family in ACCELERATOR_FAMILIES


def extract(data: bytes, url: str, commit: str, commit_date: str) -> bytes:
    """The bundled extract of a downloaded `opszero-app/instances.json` (`{"data": [rows]}`):
    GPU and accelerator rows in upstream order, values unchanged, under a header, as JSON with
    one key per line (indent 0). Raises UpstreamFormatError for anything else."""
    where = f"{url} ({UPSTREAM_PATH})"
    _, rows = _rows(data, where)
    selected = [row for row in rows if _selected(row)]
    if not selected:
        raise UpstreamFormatError(f"{where}: no GPU or accelerator row")
    header = {
        "source_repo": REPO,
        "source_path": UPSTREAM_PATH,
        "source_commit": commit,
        "commit_date": commit_date,
        "selection": SELECTION,
        "n_rows_total": len(rows),
        "data": selected,
    }
    return json.dumps(header, indent=0).encode()


def fetch(store: SnapshotStore, client: HttpClient, base_url: str | None = None) -> FetchOutcome:
    """Download `opszero-app/instances.json` at `PINNED_COMMIT` (conditional GET) and store
    its GPU extract unless that content is stored already (then that version is returned)."""
    url = f"{(base_url or BASE_URL).rstrip('/')}/{PINNED_COMMIT}/{UPSTREAM_PATH}"
    return generic.fetch(
        SOURCE,
        store,
        client,
        url=url,
        transform=lambda body: extract(body, url, PINNED_COMMIT, PINNED_COMMIT_DATE),
        # a pinned commit: dated like the bundled version, by the commit
        retrieved_at=datetime.fromisoformat(PINNED_COMMIT_DATE),
        extra={
            "obtained_via": f"live GET of {url}: {SELECTION}, with a header",
            "upstream_commit": PINNED_COMMIT,
        },
    )

"""ec2instances.info detail pages of AWS GPU/accelerator instances (HTML, 2022-07-07).

48 generated pages (`www/<instance>.html` at vantage-sh/ec2instances.info commit 136b6119,
g2..g5g, p2..p4d, dl1, f1, inf1) from the project's first detail-page design, deleted upstream
soon after: a frozen source of one version. Each page has two-column attribute tables whose
header row is "<group> | Value" (Amazon, Compute, Networking, Storage, Hardware), headline
us-east-1 Linux prices (`<p id="p_od|p_1yr|p_spot|p_3yr">`) and an inline
`var _prices = {region: {os: {ondemand, spot, _1yr, _3yr}}}` object (a Python dict literal).

`parse` reads the attribute tables by their header text, never by position; anything else is
ignored, in particular the template placeholders every page carries: an intro paragraph and a
"Family Sizes" table (Size | CPU | Memory) that describe c5 instances, not the page's.
`hardware_mentions` takes the Hardware table's "GPU Architecture" row ("NVIDIA A100") with
"instance type <Instance Type>" as context. No manufacturer field: `vendor_hint` is null.

Blank spellings: the page generator printed Python's `None` where it had no GPU model; that
text is read as null. In the bundled pages 19 of 48 say "None": dl1 (1 page, Gaudi), f1 (3,
FPGA), inf1 (4, Inferentia), and also g4ad (5, AMD Radeon Pro V520) and g5g (6, NVIDIA T4G),
whose Compute table counts one or more GPUs.

Price quotes (`quotes`). A *record* is one page, numbered 1.. in sorted file-name order. Its
quotes are the `linux` prices of every region of `_prices`, in the object's region order, each
region's fields in the order ondemand, spot, _1yr, _3yr (pricing on_demand, spot, reserved_1y,
reserved_3y; USD per instance-hour; `price_field` "_prices.<region>.linux.<field>"). Only Linux
is read: the other operating systems (mswin, rhel, sles, the SQL Server variants) price the
same hardware plus a licence fee, and `emr`/`ebs` entries are surcharges, not instance prices.
A region without a `linux` entry gives no quote (none in the bundled pages).

- "N/A" is the generator's word for "no price" (the page script prints it as is): no quote, as
  an empty cell. Every spot value on every bundled page is "N/A" (543 regions: the generator
  had no spot data), as are 40 `_3yr` (both g2 pages in all 9 regions, 20 pages in cn-north-1,
  2 in us-gov-west-1) and 4 `_1yr`, so the version has no spot quotes. An absent field is no
  quote either.
- "0.000" is what the generator wrote for the China regions (cn-north-1, cn-northwest-1,
  priced in CNY by AWS China): quotes, flagged zero-means-missing by `prices.finish` (79).
- `accelerators_per_instance` is the Compute table's GPU count; 0 (dl1, f1, inf1: the
  generator counts only GPUs, dl1 has 8 Gaudi) is read as unstated (null).
  `usd_per_accelerator_hour` = instance price / that count.
- `hardware_text`/`hardware_context` are exactly `mention_records`' spelling and context.
- `observed_at` is the version's date (the pinned commit's day, 2022-07-07 UTC).

Checks. The headline us-east-1 prices are cross-checked against `_prices` (numerically, as the
page script rounds to 3 decimals): a disagreement is the parse_error of that us-east-1 quote (a
headline price the object lacks becomes a quote of its own, `price_field` "#p_<x>", with that
reason); on more than `MAX_HEADLINE_MISMATCH` of the pages it is systematic (the page generator
changed what it shows) and raises. All 48 bundled pages agree. A page without attribute tables,
without one parsable `_prices` object or without the four headline elements raises
`UpstreamFormatError` naming the page (as does a page describing another instance than its file
name), and so does a version in which any page states no readable us-east-1 Linux price (all 48
bundled pages do; stricter than a 90 % yield threshold, as the 48 pages are fixed).

`fetch` downloads the 48 pages (`INSTANCES`) from the pinned commit, checks each with the same
code as it arrives (stopping at the first broken page) and only then stores one version; a
version is dated by the commit (the content of a pinned commit is as of that commit), the
download time goes to the manifest's `fetched_at`.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import polars as pl
from bs4 import BeautifulSoup

from sources.http import HttpClient
from sources.mentions import concat_records, mentions, records
from sources.prices import finish, price_value, provider_id
from sources.snapshots import Snapshot, SnapshotStore
from sources.source import FetchOutcome, SourceInfo
from sources.upstream import UpstreamFormatError

COMMIT = "136b6119d544e5249b39256c1d2871af2952903a"
COMMIT_DATE = datetime(2022, 7, 7, tzinfo=UTC)  # day only upstream: midnight UTC, as bundled
BASE_URL = f"https://raw.githubusercontent.com/vantage-sh/ec2instances.info/{COMMIT}/"
SOURCE = SourceInfo(
    name="aws_instance_pages",
    title="ec2instances.info, AWS GPU instance detail pages (2022-07-07)",
    homepage="https://github.com/vantage-sh/ec2instances.info",
    url=f"{BASE_URL}www/p4d.24xlarge.html",
    filename="p4d.24xlarge.html",
    licence="MIT (Garret Heaton, powdahound.com)",
    citation=(
        "ec2instances.info (Vantage; Garret Heaton), github.com/vantage-sh/ec2instances.info, "
        "www/<instance>.html at commit 136b6119d544e5249b39256c1d2871af2952903a."
    ),
    cadence="frozen (pages deleted upstream in 2022)",
)
# The 48 pages of the version (`www/<instance>.html`), as bundled.
INSTANCES = (
    "dl1.24xlarge",
    *("f1.16xlarge", "f1.2xlarge", "f1.4xlarge"),
    *("g2.2xlarge", "g2.8xlarge", "g3.16xlarge", "g3.4xlarge", "g3.8xlarge", "g3s.xlarge"),
    *("g4ad.16xlarge", "g4ad.2xlarge", "g4ad.4xlarge", "g4ad.8xlarge", "g4ad.xlarge"),
    *("g4dn.12xlarge", "g4dn.16xlarge", "g4dn.2xlarge", "g4dn.4xlarge", "g4dn.8xlarge"),
    *("g4dn.metal", "g4dn.xlarge"),
    *("g5.12xlarge", "g5.16xlarge", "g5.24xlarge", "g5.2xlarge", "g5.48xlarge", "g5.4xlarge"),
    *("g5.8xlarge", "g5.xlarge"),
    *("g5g.16xlarge", "g5g.2xlarge", "g5g.4xlarge", "g5g.8xlarge", "g5g.metal", "g5g.xlarge"),
    *("inf1.24xlarge", "inf1.2xlarge", "inf1.6xlarge", "inf1.xlarge"),
    *("p2.16xlarge", "p2.8xlarge", "p2.xlarge", "p3.16xlarge", "p3.2xlarge", "p3.8xlarge"),
    *("p3dn.24xlarge", "p4d.24xlarge"),
)

COLUMNS = pl.Schema({"table": pl.String, "attribute": pl.String, "value": pl.String})
INSTANCE_TYPE = ("Amazon", "Instance Type")
GPU_MODEL = ("Hardware", "GPU Architecture")
GPU_COUNT = ("Compute", "GPU")
# What the page generator printed for a missing value (Python's None).
MISSING = "None"
# What the generator wrote for a price it did not have (a non-quote, like an empty cell).
NOT_AVAILABLE = "N/A"
OS = "linux"
# `_prices` field -> (pricing, headline element id), in the order quotes are numbered.
FIELDS = {
    "ondemand": ("on_demand", "p_od"),
    "spot": ("spot", "p_spot"),
    "_1yr": ("reserved_1y", "p_1yr"),
    "_3yr": ("reserved_3y", "p_3yr"),
}
HEADLINE_REGION = "us-east-1"
MAX_HEADLINE_MISMATCH = 0.10  # share of pages above which a headline mismatch is systematic
_PRICES = re.compile(r"\bvar\s+_prices\s*=\s*(.*?);?[ \t]*$", re.MULTILINE)


def _cells(row) -> list[str]:
    return [cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]


def _attribute_rows(soup: BeautifulSoup, label: str | Path) -> pl.DataFrame:
    rows = []
    for table in soup.find_all("table"):
        lines = [_cells(tr) for tr in table.find_all("tr")]
        if not lines or len(lines[0]) != 2 or lines[0][1] != "Value":
            continue  # not an attribute table (e.g. the c5 "Family Sizes" placeholder)
        group = lines[0][0]
        for cells in lines[1:]:
            if len(cells) != 2:
                raise UpstreamFormatError(
                    f"{label}: a row of the {group!r} attribute table has {len(cells)} cells: "
                    f"{cells}"
                )
            rows.append((group, *cells))
    if not rows:
        raise UpstreamFormatError(f"{label}: no '<group> | Value' attribute table found")
    return pl.DataFrame(rows, schema=COLUMNS, orient="row")


def parse(path: Path) -> pl.DataFrame:
    """Every attribute of the page's "<group> | Value" tables: `table` (the group), `attribute`,
    `value`, as text. Raises `UpstreamFormatError` when the page has no such table."""
    return _attribute_rows(BeautifulSoup(path.read_bytes(), "html.parser"), path)


def _attribute(frame: pl.DataFrame, path: str | Path, table: str, attribute: str) -> str:
    values = frame.filter((pl.col("table") == table) & (pl.col("attribute") == attribute))
    if values.height != 1:
        found = sorted(set(frame["table"]))
        raise UpstreamFormatError(
            f"{path}: expected one {attribute!r} row in a {table!r} attribute table, found "
            f"{values.height} (tables on the page: {found}); the page layout changed: "
            "update sources/aws_instance_pages.py"
        )
    return values["value"].item()


def _mention(frame: pl.DataFrame, label: str | Path) -> tuple[str | None, str]:
    """(GPU model spelling or None, context) of one page, as `mention_records` gives them."""
    model = _attribute(frame, label, *GPU_MODEL)
    instance = _attribute(frame, label, *INSTANCE_TYPE)
    return (None if model == MISSING else model), f"instance type {instance}"


def _pages(snapshot: Snapshot) -> list[str]:
    return sorted(n for n in snapshot.files if n.endswith(".html"))


def mention_records(snapshots: list[Snapshot]) -> pl.DataFrame:
    """One mention record per page of every version, blanks ("None") included as null."""
    frames = []
    for snapshot in snapshots:
        for name in _pages(snapshot):
            path = snapshot.path(name)
            model, context = _mention(parse(path), path)
            page = pl.DataFrame({"model": [model]}, schema={"model": pl.String})
            frames.append(records(page, snapshot, spelling=pl.col("model"), context=context))
    return concat_records(frames)


def quote_mention_records(quotes: pl.DataFrame, snapshot: Snapshot) -> pl.DataFrame:
    """`mention_records` of one version from its `quotes`, without reading the pages again:
    every page has quotes (`quotes` refuses a version with an unpriced page), each carrying
    the page's spelling and context."""
    pages = quotes.unique("record_number", keep="first").sort("record_number")
    return records(
        pages, snapshot, spelling=pl.col("hardware_text"), context=pl.col("hardware_context")
    )


def hardware_mentions(snapshots: list[Snapshot]) -> pl.DataFrame:
    """Distinct "GPU Architecture" spellings per instance type (`vendor_hint` null)."""
    return mentions(mention_records(snapshots))


# --- price quotes -----------------------------------------------------------------------------


def _price_object(soup: BeautifulSoup, label: str | Path) -> dict[str, dict]:
    """The inline `_prices` object: {region: {os: {field: text}}}."""
    found = [m for s in soup.find_all("script") for m in _PRICES.finditer(s.get_text())]
    if len(found) != 1:
        raise UpstreamFormatError(
            f"{label}: expected one inline 'var _prices = {{...}}' script, found {len(found)}; "
            "the page is not an instance page of this design: update sources/aws_instance_pages.py"
        )
    literal = found[0].group(1)
    try:
        prices = ast.literal_eval(literal)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError) as err:
        raise UpstreamFormatError(
            f"{label}: the inline _prices object is not a readable literal ({err}): "
            f"{literal[:80]!r}..."
        ) from None
    if not isinstance(prices, dict) or not all(
        isinstance(r, str) and isinstance(o, dict) and all(isinstance(v, dict) for v in o.values())
        for r, o in prices.items()
    ):
        raise UpstreamFormatError(
            f"{label}: _prices is not a {{region: {{os: {{field: price}}}}}} object: "
            f"{literal[:80]!r}..."
        )
    return prices


def _headline(soup: BeautifulSoup, label: str | Path) -> dict[str, str]:
    """The headline us-east-1 Linux prices by element id (p_od, p_spot, p_1yr, p_3yr)."""
    texts = {}
    for _, element in FIELDS.values():
        tags = soup.find_all("p", id=element)
        if len(tags) != 1:
            raise UpstreamFormatError(
                f"{label}: expected one headline price <p id={element!r}>, found {len(tags)}; "
                "the page layout changed: update sources/aws_instance_pages.py"
            )
        texts[element] = tags[0].get_text(strip=True)
    return texts


def _number(text: str | None) -> float | None:
    if text is None:
        return None
    try:
        value = float(text)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


def _disagree(headline: str, stated: str | None) -> bool:
    """Whether a headline price says something other than the object's (N/A = absent)."""
    shown = None if headline == NOT_AVAILABLE else headline
    if shown is None or stated is None:
        return shown != stated
    a, b = _number(shown), _number(stated)
    if a is None or b is None:
        return shown != stated
    return abs(a - b) > 0.0005 + 1e-9  # the page script shows 3 decimals


def _page_quotes(data: bytes, label: str | Path) -> tuple[list[dict], bool, bool]:
    """(quotes of one page, whether it states a readable us-east-1 Linux price, whether its
    headline disagrees with `_prices`). Raises `UpstreamFormatError` for a changed page."""
    soup = BeautifulSoup(data, "html.parser")
    attributes = _attribute_rows(soup, label)
    model, context = _mention(attributes, label)
    instance = _attribute(attributes, label, *INSTANCE_TYPE)
    named = str(label).rsplit("/", 1)[-1].removesuffix(".html")
    if named != instance:
        raise UpstreamFormatError(
            f"{label}: the page describes {instance!r}, not {named!r}: a wrong or moved page"
        )
    gpus = _number(_attribute(attributes, label, *GPU_COUNT))
    prices = _price_object(soup, label)
    headline = _headline(soup, label)
    page = {
        "instance_type": instance,
        "hardware_text": model,
        "hardware_context": context,
        "accelerators_per_instance": gpus if gpus else None,
    }
    quotes = []
    for region, systems in prices.items():
        linux = systems.get(OS, {})
        for field, (pricing, _) in FIELDS.items():
            value = linux.get(field)
            if value is None or value == NOT_AVAILABLE:
                continue
            if not isinstance(value, str | int | float) or isinstance(value, bool):
                raise UpstreamFormatError(
                    f"{label}: _prices[{region!r}][{OS!r}][{field!r}] is {value!r}, not a price"
                )
            quotes.append(
                {
                    "price_field": f"_prices.{region}.{OS}.{field}",
                    "value_text": str(value),
                    "region": region,
                    "pricing": pricing,
                    "parse_error": None,
                    **page,
                }
            )
    stated = prices.get(HEADLINE_REGION, {}).get(OS, {})
    mismatch = False
    for field, (pricing, element) in FIELDS.items():
        value = stated.get(field)
        value = None if value in (None, NOT_AVAILABLE) else str(value)
        if not _disagree(headline[element], value):
            continue
        mismatch = True
        reason = (
            f"headline {element} '{headline[element]}' disagrees with "
            f"_prices.{HEADLINE_REGION}.{OS}.{field} '{value if value is not None else 'N/A'}'"
        )
        target = f"_prices.{HEADLINE_REGION}.{OS}.{field}"
        hits = [q for q in quotes if q["price_field"] == target]
        if hits:
            hits[0]["parse_error"] = reason
        else:  # the headline states a price the object lacks: account for it as a quote
            quotes.append(
                {
                    "price_field": f"#{element}",
                    "value_text": headline[element],
                    "region": HEADLINE_REGION,
                    "pricing": pricing,
                    "parse_error": reason,
                    **page,
                }
            )
    priced = any(
        q["region"] == HEADLINE_REGION
        and q["price_field"].startswith("_prices.")
        and (_number(q["value_text"]) or 0) > 0
        for q in quotes
    )
    return quotes, priced, mismatch


def _quotes(pages: Iterable[tuple[str | Path, bytes]], observed_at: datetime) -> pl.DataFrame:
    """Quotes of a version's pages, given as (label, content) in record order; each page is
    checked as it comes (a live fetch stops at the first broken page)."""
    rows, unpriced, mismatched = [], [], []
    record = 0
    for record, (label, data) in enumerate(pages, start=1):
        quotes, priced, mismatch = _page_quotes(data, label)
        if not priced:
            unpriced.append(str(label))
        if mismatch:
            mismatched.append(str(label))
        rows += [{"record_number": record, **q} for q in quotes]
    if unpriced:
        raise UpstreamFormatError(
            f"{len(unpriced)} of {record} pages state no readable {HEADLINE_REGION} Linux "
            f"price in _prices: {unpriced}; the generator or its data changed"
        )
    if len(mismatched) > MAX_HEADLINE_MISMATCH * record:
        raise UpstreamFormatError(
            f"the headline {HEADLINE_REGION} prices disagree with _prices on {len(mismatched)} "
            f"of {record} pages ({mismatched}): the page generator changed what it shows"
        )
    schema = {
        "record_number": pl.Int64,
        "price_field": pl.String,
        "value_text": pl.String,
        "region": pl.String,
        "pricing": pl.String,
        "parse_error": pl.String,
        "instance_type": pl.String,
        "hardware_text": pl.String,
        "hardware_context": pl.String,
        "accelerators_per_instance": pl.Float64,
    }
    frame = pl.DataFrame(rows, schema=schema, orient="row")
    hourly = price_value("value_text")
    return finish(
        frame.with_columns(
            observed_at=pl.lit(observed_at.astimezone(UTC), pl.Datetime("us", "UTC")),
            provider=pl.lit(provider_id("aws")),
            usd_per_hour=hourly,
            usd_per_accelerator_hour=hourly / pl.col("accelerators_per_instance"),
        )
    )


def quotes(snapshot: Snapshot) -> pl.DataFrame:
    """One row per Linux price of every page of `snapshot`, in `prices.QUOTE_SCHEMA` (see the
    module docstring for records, fields and checks)."""
    names = _pages(snapshot)
    if not names:
        raise UpstreamFormatError(f"{snapshot.directory}: no .html page in the version")
    pages = ((snapshot.path(n), snapshot.path(n).read_bytes()) for n in names)
    return _quotes(pages, snapshot.retrieved_at)


def fetch(store: SnapshotStore, client: HttpClient, base_url: str | None = None) -> FetchOutcome:
    """Download the 48 pages at the pinned commit (`base_url` replaces the repository root,
    for tests), check them as `quotes` does and store them as one version (unchanged content
    is not stored twice). Nothing is stored when any page fails."""
    base = base_url or BASE_URL
    base = base if base.endswith("/") else base + "/"
    files = {}

    def download() -> Iterator[tuple[str, bytes]]:
        for instance in INSTANCES:
            url = f"{base}www/{instance}.html"
            files[f"{instance}.html"] = client.get(url).content
            yield url, files[f"{instance}.html"]

    _quotes(download(), COMMIT_DATE)  # raises, naming the page, before anything is stored
    snapshot, created = store.add(
        SOURCE.name,
        files,
        url=f"{base}www/",
        licence=SOURCE.licence,
        retrieved_at=COMMIT_DATE,
        extra={
            "obtained_via": f"live fetch of {base}www/<instance>.html for the "
            f"{len(INSTANCES)} instances of sources.aws_instance_pages.INSTANCES",
            "upstream_commit": COMMIT,
            "fetched_at": datetime.now(UTC).isoformat(),
        },
    )
    return FetchOutcome(snapshot, changed=created)

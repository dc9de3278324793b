"""ec2instances.info detail pages of AWS GPU/accelerator instances (HTML, 2022-07-07).

48 generated pages (`www/<instance>.html` at vantage-sh/ec2instances.info commit 136b6119,
g2..g5g, p2..p4d, dl1, f1, inf1) from the project's first detail-page design, deleted upstream
soon after: a frozen source of one version. Each page has two-column attribute tables whose
header row is "<group> | Value" (Amazon, Compute, Networking, Storage, Hardware), headline
us-east-1 prices and an inline `_prices` object (left to the ingesting issue).

`parse` reads the attribute tables by their header text, never by position; anything else is
ignored, in particular the template placeholders every page carries: an intro paragraph and a
"Family Sizes" table (Size | CPU | Memory) that describe c5 instances, not the page's.
`hardware_mentions` takes the Hardware table's "GPU Architecture" row ("NVIDIA A100") with
"instance type <Instance Type>" as context. No manufacturer field: `vendor_hint` is null.

Blank spellings: the page generator printed Python's `None` where it had no GPU model; that
text is read as null. In the bundled pages 19 of 48 say "None": dl1 (1 page, Gaudi), f1 (3,
FPGA), inf1 (4, Inferentia), and also g4ad (5, AMD Radeon Pro V520) and g5g (6, NVIDIA T4G),
whose Compute table counts one or more GPUs.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
from bs4 import BeautifulSoup

from sources.mentions import concat_records, mentions, records
from sources.snapshots import Snapshot
from sources.source import SourceInfo
from sources.upstream import UpstreamFormatError

SOURCE = SourceInfo(
    name="aws_instance_pages",
    title="ec2instances.info, AWS GPU instance detail pages (2022-07-07)",
    homepage="https://github.com/vantage-sh/ec2instances.info",
    url="https://raw.githubusercontent.com/vantage-sh/ec2instances.info/136b6119d544e5249b39256c1d2871af2952903a/www/p4d.24xlarge.html",
    filename="p4d.24xlarge.html",
    licence="MIT (Garret Heaton, powdahound.com)",
    citation=(
        "ec2instances.info (Vantage; Garret Heaton), github.com/vantage-sh/ec2instances.info, "
        "www/<instance>.html at commit 136b6119d544e5249b39256c1d2871af2952903a."
    ),
    cadence="frozen (pages deleted upstream in 2022)",
)

COLUMNS = pl.Schema({"table": pl.String, "attribute": pl.String, "value": pl.String})
INSTANCE_TYPE = ("Amazon", "Instance Type")
GPU_MODEL = ("Hardware", "GPU Architecture")
# What the page generator printed for a missing value (Python's None).
MISSING = "None"


def _cells(row) -> list[str]:
    return [cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]


def parse(path: Path) -> pl.DataFrame:
    """Every attribute of the page's "<group> | Value" tables: `table` (the group), `attribute`,
    `value`, as text. Raises `UpstreamFormatError` when the page has no such table."""
    soup = BeautifulSoup(path.read_bytes(), "html.parser")
    rows = []
    for table in soup.find_all("table"):
        lines = [_cells(tr) for tr in table.find_all("tr")]
        if not lines or len(lines[0]) != 2 or lines[0][1] != "Value":
            continue  # not an attribute table (e.g. the c5 "Family Sizes" placeholder)
        group = lines[0][0]
        for cells in lines[1:]:
            if len(cells) != 2:
                raise UpstreamFormatError(
                    f"{path}: a row of the {group!r} attribute table has {len(cells)} cells: {cells}"
                )
            rows.append((group, *cells))
    if not rows:
        raise UpstreamFormatError(f"{path}: no '<group> | Value' attribute table found")
    return pl.DataFrame(rows, schema=COLUMNS, orient="row")


def _attribute(frame: pl.DataFrame, path: Path, table: str, attribute: str) -> str:
    values = frame.filter((pl.col("table") == table) & (pl.col("attribute") == attribute))
    if values.height != 1:
        found = sorted(set(frame["table"]))
        raise UpstreamFormatError(
            f"{path}: expected one {attribute!r} row in a {table!r} attribute table, found "
            f"{values.height} (tables on the page: {found}); the page layout changed: "
            "update sources/aws_instance_pages.py"
        )
    return values["value"].item()


def mention_records(snapshots: list[Snapshot]) -> pl.DataFrame:
    """One mention record per page of every version, blanks ("None") included as null."""
    frames = []
    for snapshot in snapshots:
        for name in sorted(n for n in snapshot.files if n.endswith(".html")):
            path = snapshot.path(name)
            frame = parse(path)
            model = _attribute(frame, path, *GPU_MODEL)
            instance = _attribute(frame, path, *INSTANCE_TYPE)
            page = pl.DataFrame(
                {"model": [None if model == MISSING else model]}, schema={"model": pl.String}
            )
            frames.append(
                records(
                    page, snapshot, spelling=pl.col("model"), context=f"instance type {instance}"
                )
            )
    return concat_records(frames)


def hardware_mentions(snapshots: list[Snapshot]) -> pl.DataFrame:
    """Distinct "GPU Architecture" spellings per instance type (`vendor_hint` null)."""
    return mentions(mention_records(snapshots))

"""A page's "<group> | Value" attribute tables, read by their header text, never by position,
and the GPU model spelling a page gives."""

from __future__ import annotations

from pathlib import Path

import polars as pl
from bs4 import BeautifulSoup

from sources.aws_instance_pages.layout import COLUMNS, GPU_MODEL, INSTANCE_TYPE, MISSING
from sources.snapshots import Snapshot
from sources.upstream import UpstreamFormatError


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
            "update sources/aws_instance_pages/parse.py"
        )
    return values["value"].item()


def _mention(frame: pl.DataFrame, label: str | Path) -> tuple[str | None, str]:
    """(GPU model spelling or None, context) of one page, as `mention_records` gives them."""
    model = _attribute(frame, label, *GPU_MODEL)
    instance = _attribute(frame, label, *INSTANCE_TYPE)
    return (None if model == MISSING else model), f"instance type {instance}"


def _pages(snapshot: Snapshot) -> list[str]:
    return sorted(n for n in snapshot.files if n.endswith(".html"))

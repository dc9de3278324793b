"""The page of `flopbase report`: figures and sections as data, rendered into one HTML file
(templates in pipelines/report_templates/, styles inline, no script, nothing fetched) with
each chart a PNG file beside it."""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field
from datetime import date, datetime
from html import escape
from pathlib import Path
from string import Template

import polars as pl

from warehouse.reads import read_sql

TEMPLATES = Path(__file__).with_name("report_templates")
IMAGES = "img"
WIDE = 40  # text longer than this gets a wide column
PASTE_UNSAFE = set('"$`\\!')  # characters a double-quoted shell word would interpret


@dataclass
class Figure:
    """One figure: a chart (PNG bytes) and/or a table, the read that reproduces it (name and
    bound parameters), the sources its rows came from and a caption."""

    key: str
    title: str
    read: str
    params: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    png: bytes | None = None
    table: pl.DataFrame | None = None
    caption: str = ""


@dataclass
class Section:
    key: str
    title: str
    intro: str
    figures: list[Figure]


def _template(name: str) -> Template:
    return Template((TEMPLATES / name).read_text())


def cell(value: object) -> str:
    """A value as table text: 4 significant digits, ISO dates, UTC times to the second."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S UTC")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _class(value: object, is_num: bool) -> str:
    if is_num:
        return ' class="num"'
    return ' class="wide"' if isinstance(value, str) and len(value) > WIDE else ""


def html_table(frame: pl.DataFrame) -> str:
    """A frame as an escaped HTML table, numbers right-aligned, in a scrolling box."""
    numeric = [dtype.is_numeric() for dtype in frame.dtypes]
    head = "".join(f"<th>{escape(c)}</th>" for c in frame.columns)
    rows = "\n".join(
        "<tr>"
        + "".join(
            f"<td{_class(v, is_num)}>{escape(cell(v))}</td>"
            for v, is_num in zip(row, numeric, strict=True)
        )
        + "</tr>"
        for row in frame.iter_rows()
    )
    return f'<div class="scroll"><table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}\n</tbody></table></div>'


def query_sql(read: str) -> str:
    """The named read's statement without its comment lines."""
    lines = read_sql(read).splitlines()
    return "\n".join(line for line in lines if not line.lstrip().startswith("--")).strip()


def command(read: str, params: list[str]) -> str:
    """`flopbase query "SQL" -p ...`, ready to paste into a POSIX shell."""
    sql = query_sql(read)
    quoted = shlex.quote(sql) if PASTE_UNSAFE & set(sql) else f'"{sql}"'
    return " ".join(["flopbase query", quoted, *(f"-p {shlex.quote(str(p))}" for p in params)])


def stamp(sources: list[str], versions: pl.DataFrame) -> str:
    """Each source with the versions of it loaded: the one version and its date, or how many
    and the newest; a source without a snapshot (curated data) said so."""
    parts = []
    for source in sources:
        mine = versions.filter(pl.col("source") == source).sort("retrieved_at", "version")
        if mine.height == 0:
            parts.append(f"{source} (curated in data/curated/, no upstream snapshot)")
            continue
        newest = mine.row(-1, named=True)
        when = newest["retrieved_at"].date().isoformat()
        many = f"{mine.height} versions, newest " if mine.height > 1 else ""
        parts.append(f"{source} {many}{newest['version']} ({when})")
    return "; ".join(parts) or "none"


def render_figure(figure: Figure, versions: pl.DataFrame) -> str:
    image = (
        f'<img src="{IMAGES}/{figure.key}.png" alt="{escape(figure.title)}" '
        'width="800" height="500">'
        if figure.png is not None
        else ""
    )
    return _template("figure.html").substitute(
        key=escape(figure.key),
        title=escape(figure.title),
        image=image,
        table=html_table(figure.table) if figure.table is not None else "",
        caption=escape(figure.caption),
        stamp=escape(stamp(figure.sources, versions)),
        read=escape(figure.read),
        sql=escape(query_sql(figure.read)),
        command=escape(command(figure.read, figure.params)),
    )


def render_page(sections: list[Section], versions: pl.DataFrame, heading: str) -> str:
    """The whole page: a stamp line, a table of contents, the sections, then every loaded
    upstream version."""
    nav = " ".join(f'<a href="#{s.key}">{escape(s.title)}</a>' for s in sections)
    body = "\n".join(
        f'<section id="{s.key}">\n<h2>{escape(s.title)}</h2>\n<p>{escape(s.intro)}</p>\n'
        + "\n".join(render_figure(f, versions) for f in s.figures)
        + "\n</section>"
        for s in sections
    )
    listed = versions.with_columns(pl.col("sha256").str.slice(0, 12)).rename(
        {"sha256": "sha256 (first 12)"}
    )
    return _template("page.html").substitute(
        stamp=escape(heading),
        nav=nav + ' <a href="#versions">Snapshot versions</a>',
        sections=body,
        versions=html_table(listed),
    )


def images(sections: list[Section]) -> dict[str, bytes]:
    """{file name under the image folder: PNG bytes} of every chart."""
    return {f"{f.key}.png": f.png for s in sections for f in s.figures if f.png is not None}

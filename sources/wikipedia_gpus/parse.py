"""A version's rows as text columns in upstream terms, from the JSON extract or the plot HTML."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl

from sources.upstream import UpstreamFormatError
from sources.wikipedia_gpus.extract import extract_rows
from sources.wikipedia_gpus.layout import COLUMNS, EVERY_ROW, NAME, SOME_ROW


def parse(path: Path) -> pl.DataFrame:
    """The rows as text columns in upstream terms (`COLUMNS`; a key a row lacks is null),
    with a 1-based `row_number`. Reads the JSON extract, or the plot HTML a live fetch stores."""
    data = path.read_bytes()
    if data.lstrip()[:1] == b"<":
        data = extract_rows(data)
    try:
        document = json.loads(data)
    except (UnicodeDecodeError, ValueError) as err:
        raise UpstreamFormatError(f"{path}: not JSON ({err})") from None
    rows = document.get("rows") if isinstance(document, dict) else None
    if not isinstance(rows, list) or not rows or not all(isinstance(r, dict) for r in rows):
        raise UpstreamFormatError(
            f"{path}: expected an object with a non-empty 'rows' list of objects; "
            "the gpustats extract changed shape: update sources/wikipedia_gpus/parse.py"
        )
    problems = []
    for number, row in enumerate(rows, start=1):
        lacking = [k for k in EVERY_ROW if k not in row]
        if not any(k in row for k in NAME):
            lacking.append(" or ".join(NAME))
        if lacking:
            problems.append(f"row {number} lacks {lacking}")
    never = [c for c in SOME_ROW if not any(c in row for row in rows)]
    if never:
        problems.append(f"no row has {never}")
    if problems:
        shown = "; ".join(problems[:5]) + ("; ..." if len(problems) > 5 else "")
        raise UpstreamFormatError(
            f"{path}: {shown} (keys renamed upstream?): update sources/wikipedia_gpus/parse.py"
        )
    frame = pl.DataFrame(
        {c: [_text(row.get(c)) for row in rows] for c in COLUMNS},
        schema=dict.fromkeys(COLUMNS, pl.String),
    )
    return frame.with_row_index("row_number", offset=1).with_columns(
        pl.col("row_number").cast(pl.Int64)
    )


def _text(value: object) -> str | None:
    """A JSON value as the text it stands for: 6.0 -> '6.0', 85 -> '85', 'N/a' -> 'N/a'."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, int | float):
        return repr(value)
    return json.dumps(value, ensure_ascii=False)

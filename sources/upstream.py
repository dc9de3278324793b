"""Reading upstream text files the same way everywhere: CSV as text, numbers checked."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import NamedTuple

import polars as pl

PARSE_ERROR = "parse_error"


class UpstreamFormatError(ValueError):
    """The upstream file is not in the shape its parser expects (renamed columns, not CSV)."""


def require_columns(columns: list[str], required: list[str], path: Path, owner: str) -> None:
    """Raise when upstream lacks columns a parser needs (renamed or dropped upstream)."""
    missing = [c for c in required if c not in columns]
    if missing:
        raise UpstreamFormatError(
            f"{path}: columns {missing} are missing (found {columns}); the upstream format "
            f"changed: update {owner}"
        )


def read_csv_text(path: Path, required: list[str] = (), owner: str = "its parser") -> pl.DataFrame:
    """A CSV with every field as text (BOM and CRLF tolerated), plus a 1-based `row_number`;
    `required` columns must be there (see `require_columns`)."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise UpstreamFormatError(f"{path}: not UTF-8 text ({err})") from None
    try:
        frame = pl.read_csv(text.encode(), infer_schema=False)
    except pl.exceptions.PolarsError as err:
        raise UpstreamFormatError(f"{path}: not a readable CSV ({err})") from None
    if frame.height == 0:
        raise UpstreamFormatError(f"{path}: no records")
    require_columns(frame.columns, list(required), path, owner)
    return frame.with_row_index("row_number", offset=1).with_columns(
        pl.col("row_number").cast(pl.Int64)
    )


def number(column: str) -> pl.Expr:
    """A text column as Float64: empty -> null; unreadable or infinite -> null (see parse_errors)."""
    value = pl.col(column).str.strip_chars().str.replace_all(",", "").cast(pl.Float64, strict=False)
    return pl.when(value.is_finite()).then(value).otherwise(None)


def parse_errors(parsed: dict[str, pl.Expr]) -> pl.Expr:
    """One text per row naming every upstream column whose non-empty text did not parse."""
    messages = [
        pl.when(
            pl.col(column).str.strip_chars().str.len_chars().fill_null(0).gt(0) & expr.is_null()
        ).then(pl.format("unreadable {} '{}'", pl.lit(column), pl.col(column)))
        for column, expr in parsed.items()
    ]
    joined = pl.concat_str(messages, separator="; ", ignore_nulls=True)
    return pl.when(joined.str.len_chars() > 0).then(joined).otherwise(None).alias(PARSE_ERROR)


def spec_records(
    raw: pl.DataFrame, values: dict[str, pl.Expr], checked: dict[str, pl.Expr]
) -> pl.DataFrame:
    """A spec source's records in the shared shape: `row_number`, `name`, `vendor`, every
    attribute of `schemas.SPEC_ATTRIBUTES` (typed null where the source says nothing) and
    `parse_error`. `values` maps our column -> expression over `raw`; `checked` maps an
    upstream column -> its parsed expression, for the parse-error report."""
    from schemas import SPEC_ATTRIBUTES, SPEC_RECORD

    dtypes = SPEC_RECORD.polars_schema
    columns = ["name", "vendor", *SPEC_ATTRIBUTES]
    unknown = set(values) - set(columns)
    if unknown:
        raise ValueError(f"not spec record columns: {sorted(unknown)}")
    return raw.select(
        pl.col("row_number"),
        *(values.get(c, pl.lit(None)).cast(dtypes[c]).alias(c) for c in columns),
        parse_errors(checked),
    )


# Text that means "no value" in a hand-kept table (Epoch writes "NaN" in some exports).
MISSING_TEXT = frozenset({"", "nan", "none", "null", "n/a", "na"})
SCALE_WORDS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
SCALE_LETTERS = {"k": 1e3, "m": 1e6, "b": 1e9, "t": 1e12}
_DECIMAL = r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+"
_FREE_NUMBER = re.compile(
    rf"^(?:~|≈|approx\.?\s*)?(?P<number>{_DECIMAL})(?P<exponent>[eE][+-]?\d+)?"
    rf"(?:\s*[x×*]\s*10\s*\^\s*(?P<power>[+-]?\d+))?"
    rf"\s*(?P<scale>{'|'.join(SCALE_WORDS)}|[kKmMbBtT])?$"
)
DATE_FORMATS = (
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%m/%d/%Y",
    "%d %B %Y",
    "%B %d, %Y",
    "%d %b %Y",
    "%b %d, %Y",
)


def read_number(text: str | None) -> float | None:
    """A number written by hand: "3.14e+23", "1,750,000", "175 billion", "175B", "~2e24",
    "1.2 x 10^24". Missing markers ("", "NaN", "n/a") are None; anything else raises
    ValueError. Thousands separators must group by three, so "1,5" is not read as 15."""
    if text is None or text.strip().casefold() in MISSING_TEXT:
        return None
    match = _FREE_NUMBER.match(text.strip())
    if not match:
        raise ValueError(f"not a number: {text!r}")
    # One decimal exponent, so "1.2 x 10^24" reads as exactly as "1.2e24".
    exponent = int((match["exponent"] or "e0")[1:]) + int(match["power"] or 0)
    value = float(f"{match['number'].replace(',', '')}e{exponent}")
    scale = match["scale"]
    if scale:
        value *= SCALE_WORDS.get(scale.casefold()) or SCALE_LETTERS[scale.casefold()]
    if not math.isfinite(value):
        raise ValueError(f"not a finite number: {text!r}")
    return value


def read_date(text: str | None) -> date | None:
    """A calendar date in one of `DATE_FORMATS` (ISO first; "5/28/2020" is month/day as
    Airtable exports write it), or an ISO timestamp's date. Missing markers are None; a
    partial date ("2020-05", "2020") raises ValueError rather than inventing a day."""
    if text is None or text.strip().casefold() in MISSING_TEXT:
        return None
    text = text.strip()
    iso = re.match(r"^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}", text)
    if iso:
        text = iso[1]
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"not a full date: {text!r}")


class SeveralValues(ValueError):
    """The text lists several differing values (a list field); we do not choose among them."""


def read_number_list(text: str | None) -> float | None:
    """`read_number`, also accepting a comma-separated list of equal values ("20,20" is 20);
    differing values ("12000,800") raise `SeveralValues`. A valid thousands grouping
    ("1,500") reads as one number first."""
    try:
        return read_number(text)
    except ValueError:
        parts = text.split(",")
        if len(parts) < 2:
            raise
        values = {read_number(part) for part in parts} - {None}
        if len(values) > 1:
            raise SeveralValues(f"several values: {text!r}") from None
        return values.pop() if values else None


class ReadColumn(NamedTuple):
    value: pl.Expr  # the value read, null where missing, unreadable or ambiguous
    error: pl.Expr  # why the text is unreadable (the record is rejected), else null
    ambiguity: pl.Expr  # why the text was not read though well formed (SeveralValues), else null


def read_column(
    raw: pl.DataFrame, column: str, reader: Callable[[str], object], dtype: pl.DataType
) -> ReadColumn:
    """Expressions reading text `column` of `raw` with `reader`, which returns a value or
    None, or raises ValueError. Each distinct text is read once."""
    values: dict[str, object] = {}
    errors: dict[str, str] = {}
    ambiguities: dict[str, str] = {}
    for text in raw[column].drop_nulls().unique():
        try:
            values[text] = reader(text)
        except SeveralValues as err:
            ambiguities[text] = f"{column}: {err}"
        except ValueError as err:
            errors[text] = f"unreadable {column}: {err}"

    def lookup(mapping: dict, dtype: pl.DataType) -> pl.Expr:
        return pl.col(column).replace_strict(mapping, default=None, return_dtype=dtype)

    return ReadColumn(
        lookup(values, dtype), lookup(errors, pl.String), lookup(ambiguities, pl.String)
    )

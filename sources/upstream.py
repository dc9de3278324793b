"""Reading upstream text files the same way everywhere: CSV as text, numbers checked."""

from __future__ import annotations

from pathlib import Path

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

"""The rows in the shared spec-record shape (SI units): each of our columns read from the
first non-empty upstream column by `PRECEDENCE`, an unreadable chosen cell noted per row."""

from __future__ import annotations

import polars as pl

from sources.upstream import spec_records
from sources.wikipedia_gpus.cells import (
    clean,
    not_applicable,
    quantity,
    tensor_dense,
    transistors_and_die,
)
from sources.wikipedia_gpus.layout import _UNITS, NAME, PRECEDENCE


def _present(column: str) -> pl.Expr:
    return pl.col(column).str.strip_chars().str.len_chars().fill_null(0) > 0


def _readings() -> dict[str, tuple[pl.Expr, pl.Expr]]:
    """Upstream column -> (value in SI units of our column, is the cell readable)."""
    readings: dict[str, tuple[pl.Expr, pl.Expr]] = {}
    for column, (unit, multiplier, divisor) in _UNITS.items():
        value = quantity(column, unit)
        readings[column] = (
            value * multiplier / divisor,
            value.is_not_null() | not_applicable(column),
        )
    for column in ["Transistors & Die Size", "Transistors Die Size"]:
        count, die_mm2 = transistors_and_die(column)
        ok = (count.is_not_null() & die_mm2.is_not_null()) | not_applicable(column)
        readings[f"{column}:transistor_count"] = (count, ok)
        readings[f"{column}:die_area_m2"] = (die_mm2 / 1e6, ok)
    tensor = PRECEDENCE["fp16_tensor_flop_per_s"][0]
    dense, sparse_only = tensor_dense(tensor)
    readings[tensor] = (dense * 1e12, dense.is_not_null() | sparse_only | not_applicable(tensor))
    return readings


def _first_present(
    ours: str, readings: dict[str, tuple[pl.Expr, pl.Expr]]
) -> tuple[pl.Expr, dict[str, pl.Expr]]:
    """(value, {upstream column: check}) for one of our columns by `PRECEDENCE`: the first
    non-empty upstream cell is read; a check is null where that chosen cell is unreadable."""
    value: pl.Expr = pl.lit(None, pl.Float64)
    checks: dict[str, pl.Expr] = {}
    earlier_present: pl.Expr = pl.lit(False)
    for column in PRECEDENCE[ours]:
        parsed, ok = readings.get(f"{column}:{ours}") or readings[column]
        chosen = ~earlier_present & _present(column)
        value = pl.when(chosen).then(parsed).otherwise(value)
        checks[column] = pl.when(ok | ~chosen).then(pl.lit(True))
        earlier_present = earlier_present | _present(column)
    return value, checks


def to_spec_records(raw: pl.DataFrame) -> pl.DataFrame:
    """One spec record per upstream row (see `sources.upstream.spec_records`)."""
    readings = _readings()
    values: dict[str, pl.Expr] = {
        "name": clean(pl.coalesce(*(pl.col(c) for c in NAME))),
        "vendor": clean(pl.col("Vendor")),
        "kind": pl.lit("gpu"),
        "released_on": pl.col("Launch")
        .str.strip_chars()
        .str.to_date("%Y-%m-%dT%H:%M:%S", strict=False),
    }
    checked: dict[str, pl.Expr] = {"Launch": values["released_on"]}
    for ours in PRECEDENCE:
        value, checks = _first_present(ours, readings)
        values[ours] = value
        for column, check in checks.items():
            # A column read for two facts (transistors and die) is unreadable if either is.
            checked[column] = checked[column].and_(check) if column in checked else check
    return spec_records(raw, values, checked)

"""A table's declared pandera checks as SQL, for loads that validate inside DuckDB.

`sql_violations(table, exprs)` is one SQL expression that is NULL for a row passing every
check of the given columns, else the reasons in the words `schemas.validation.split_valid`
uses ("provider failed str_matches('^[a-z0-9]+(_[a-z0-9]+)*$') (value Bad Name)"), joined
with "; " in column order. Like pandera, a value check ignores nulls and a non-nullable
column fails `not_nullable`. A check this module cannot translate raises: no check is skipped
silently.

Column expressions come from our own code (column names, SQL literals); check arguments come
from our schemas and are rendered as SQL literals.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime

import pandera.polars as pa

from schemas import Table
from warehouse.ddl import literal


def sql_literal(value: object) -> str:
    """A Python value from a check's statistics as a SQL literal."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return literal(value)
    if isinstance(value, datetime):
        return f"TIMESTAMPTZ {literal(value.isoformat())}"
    if isinstance(value, date):
        return f"DATE {literal(value.isoformat())}"
    raise NotImplementedError(f"no SQL literal for check argument {value!r}")


def _in_range(expr: str, s: dict) -> str:
    low = ">=" if s.get("include_min", True) else ">"
    high = "<=" if s.get("include_max", True) else "<"
    return (
        f"({expr} {low} {sql_literal(s['min_value'])} AND "
        f"{expr} {high} {sql_literal(s['max_value'])})"
    )


def _str_matches(expr: str, s: dict) -> str:
    # pandera: "values start with a match" (a missing ^ is added)
    pattern = str(getattr(s["pattern"], "pattern", s["pattern"]))
    pattern = pattern if pattern.startswith("^") else f"^{pattern}"
    return f"regexp_matches({expr}, {literal(pattern)})"


def _values(items) -> str:
    return ", ".join(sql_literal(v) for v in items)


# pandera built-in check name -> SQL predicate over (expression, check statistics)
PREDICATES: dict[str, Callable[[str, dict], str]] = {
    "greater_than": lambda e, s: f"{e} > {sql_literal(s['min_value'])}",
    "greater_than_or_equal_to": lambda e, s: f"{e} >= {sql_literal(s['min_value'])}",
    "less_than": lambda e, s: f"{e} < {sql_literal(s['max_value'])}",
    "less_than_or_equal_to": lambda e, s: f"{e} <= {sql_literal(s['max_value'])}",
    "equal_to": lambda e, s: f"{e} = {sql_literal(s['value'])}",
    "not_equal_to": lambda e, s: f"{e} <> {sql_literal(s['value'])}",
    "in_range": _in_range,
    "isin": lambda e, s: f"{e} IN ({_values(s['allowed_values'])})",
    "notin": lambda e, s: f"{e} NOT IN ({_values(s['forbidden_values'])})",
    "str_matches": _str_matches,
    "str_startswith": lambda e, s: f"starts_with({e}, {literal(s['string'])})",
    "str_endswith": lambda e, s: f"ends_with({e}, {literal(s['string'])})",
}


def check_predicate(check: pa.Check, expr: str) -> str:
    """The SQL condition a value passes `check` under (NULL for a null value)."""
    translate = PREDICATES.get(check.name)
    if translate is None:
        raise NotImplementedError(
            f"pandera check {check.name!r} has no SQL translation in benchmarks/tick_sql_checks.py"
        )
    return translate(expr, check.statistics or {})


def column_passes(table: Table, column: str, expr: str) -> list[str]:
    """SQL conditions, one per declared check of `column` (nullability first), each TRUE or
    FALSE, never NULL."""
    col = table.columns[column]
    conditions = [] if col.nullable else [f"({expr}) IS NOT NULL"]
    conditions += [f"coalesce({check_predicate(check, f'({expr})')}, TRUE)" for check in col.checks]
    return conditions


def column_violations(table: Table, column: str, expr: str) -> list[str]:
    """SQL expressions, one per declared check of `column` (nullability first), each NULL when
    the value passes and the reason text when it does not."""
    col = table.columns[column]
    reasons = []
    if not col.nullable:
        reasons.append(
            f"CASE WHEN ({expr}) IS NULL THEN {literal(f'{column} failed not_nullable (value null)')} END"
        )
    for check in col.checks:
        prefix = literal(f"{column} failed {check.error} (value ")
        reasons.append(
            f"CASE WHEN NOT ({check_predicate(check, f'({expr})')}) "
            f"THEN {prefix} || CAST(({expr}) AS VARCHAR) || ')' END"
        )
    return reasons


def _ordered(table: Table, exprs: Mapping[str, str]) -> list[str]:
    unknown = sorted(set(exprs) - set(table.column_names))
    if unknown:
        raise ValueError(f"{table.qualified_name} has no columns {unknown}")
    return [column for column in table.column_names if column in exprs]


# Checks whose passing values form an interval: a value between two that pass passes too.
INTERVAL_CHECKS = frozenset(
    {"greater_than", "greater_than_or_equal_to", "less_than", "less_than_or_equal_to", "in_range"}
)


def interval_checks_only(table: Table, columns: Iterable[str]) -> bool:
    """Whether every declared check of `columns` passes an interval of values, so that the
    values lo..hi all pass when lo and hi do (nullability aside)."""
    return all(c.name in INTERVAL_CHECKS for col in columns for c in table.columns[col].checks)


def sql_passes(table: Table, exprs: Mapping[str, str]) -> str:
    """One SQL condition, TRUE when the row passes every check of the columns in `exprs`
    (column name -> SQL expression of its value), else FALSE (never NULL): the cheap test
    for the rows `sql_violations` need not explain."""
    parts = [p for c in _ordered(table, exprs) for p in column_passes(table, c, exprs[c])]
    return f"({' AND '.join(parts)})" if parts else "TRUE"


def sql_violations(table: Table, exprs: Mapping[str, str]) -> str:
    """One SQL expression: NULL when the row passes every check of the columns in `exprs`
    (column name -> SQL expression of its value), else the reasons joined with "; ".

    Columns are taken in the table's order whatever the order of `exprs`; a column missing
    from `exprs` is not checked here (the caller checks it elsewhere)."""
    parts = [r for c in _ordered(table, exprs) for r in column_violations(table, c, exprs[c])]
    if not parts:
        return "CAST(NULL AS VARCHAR)"
    return f"nullif(concat_ws('; ', {', '.join(parts)}), '')"

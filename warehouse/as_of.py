"""Point-in-time reads: the table macros of `as_of.sql` (`core.model_as_of(DATE)`, ...), created
in the warehouse at build time, and the same macros created in a query's own in-memory
catalog for `flopbase query --as-of` (warehouse/as_of_query.py).

The SQL is in `as_of.sql`; what is generated here comes from our schemas only: the fold of
core.model's fields (MODEL_FIELDS, each from the newest version stating it) and the pivot of
core.hardware_spec's attributes into core.hardware's columns. `{db}` prefixes the base tables:
empty in the warehouse, the attached file's catalog in a query's catalog.
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

import duckdb

from schemas import HARDWARE, MODEL, MODEL_FIELDS
from schemas.hardware import TEXT_ATTRIBUTES
from schemas.history import AS_OF
from schemas.models import TOGETHER
from warehouse.connection import connect
from warehouse.ddl import ident

AS_OF_SQL = Path(__file__).with_name("as_of.sql")
# core.model columns the macro gives after the folded fields
_MODEL_FLAGS = ("is_notable", "is_large_scale", "is_top10_at_release", "is_frontier", "versions")
_HARDWARE_OWN = ("hardware_id", "source", "sources", "is_family")


def model_columns() -> list[str]:
    """core.model_as_of's columns: core.model's, in its order, less those not dated."""
    given = {"model_id", "name", *MODEL_FIELDS, *_MODEL_FLAGS}
    return [c for c in MODEL.column_names if c in given]


def _fold_fields() -> str:
    member_of = {m: lead for lead, members in TOGETHER.items() for m in members}
    parts = []
    for name in MODEL_FIELDS:
        lead = member_of.get(name, name)
        # a member keeps its lead's record even where it is null there (arg_max_null)
        agg = "arg_max" if lead == name else "arg_max_null"
        parts.append(
            f"{agg}({ident(name)}, consult) FILTER (WHERE {ident(lead)} IS NOT NULL) "
            f"AS {ident(name)}"
        )
    return ",\n        ".join(parts)


def _attributes() -> list[str]:
    return [c for c in HARDWARE.column_names if c not in _HARDWARE_OWN]


def _pivot() -> str:
    parts = []
    for name in _attributes():
        if name == "released_on":
            value = "TRY_CAST(value_text AS DATE)"
        elif name in TEXT_ATTRIBUTES:
            value = "value_text"
        else:
            value = "value"
        parts.append(
            f"arg_min({value}, rank) FILTER (WHERE attribute = '{name}' AND {value} IS NOT NULL) "
            f"AS {ident(name)}"
        )
    return ",\n        ".join(parts)


def _hardware_columns() -> str:
    # identity (id, canonical name, family) is today's: merges and renames are curated
    own = {
        "hardware_id": "hardware_id",
        "is_family": "h.is_family",
        "name": "h.name",
        "sources": "stating.sources",
    }
    return ", ".join(
        own.get(c, f"p.{ident(c)}") + ("" if c == "hardware_id" else f" AS {ident(c)}")
        for c in HARDWARE.column_names
    )


@cache
def macros(db: str = "") -> dict[str, str]:
    """Every macro's CREATE statement by qualified name, base tables prefixed with `db`
    ('' in the warehouse; e.g. 'latest.' where the file is attached under that name)."""
    if db and not re.fullmatch(r"[a-z_]+\.", db):
        raise ValueError(f"not a catalog prefix: {db!r}")
    text = AS_OF_SQL.read_text()
    blocks = re.split(r"^-- macro: (\S+)\s*$", text, flags=re.MULTILINE)
    found = dict(zip(blocks[1::2], (b.strip() for b in blocks[2::2]), strict=True))
    model_select = ", ".join(ident(c) for c in model_columns())
    filled = {}
    for name, sql in found.items():
        sql = (
            sql.replace("{db}", db)
            .replace("{fields}", _fold_fields())
            .replace("{attributes}", _pivot())
            .replace("{hardware_columns}", _hardware_columns())
            .replace("{model_columns}", model_select)
        )
        filled[name] = sql
    missing = set(AS_OF.values()) - set(filled)
    if missing:
        raise KeyError(f"{AS_OF_SQL} lacks the macros {sorted(missing)}")
    return filled


def create_macros(con: duckdb.DuckDBPyConnection, db: str = "") -> list[str]:
    """CREATE OR REPLACE every macro on `con` (in the order of as_of.sql: later macros call
    earlier ones); returns their names."""
    made = []
    for name, sql in macros(db).items():
        con.execute(sql)
        made.append(name)
    return made


def install_macros(path: str | os.PathLike | None = None) -> list[str]:
    """Create (or replace) every point-in-time macro in the warehouse file, in one transaction."""
    with connect(path) as con:
        con.execute("BEGIN TRANSACTION")
        try:
            made = create_macros(con)
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")
    return made

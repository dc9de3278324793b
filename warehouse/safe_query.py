"""The query surface for SQL a person typed (`flopbase query`, `make query`): safe by
construction, not by trusting the text.

- Exactly one statement, parsed by DuckDB's own parser, of a reading kind: SELECT (with WITH,
  VALUES, FROM-first, DESCRIBE, SHOW, SUMMARIZE, which DuckDB parses as SELECT) or EXPLAIN of
  one. COPY, ATTACH, INSTALL/LOAD, SET/RESET/USE, PRAGMA, CALL, EXPORT and every write are
  refused before anything runs; so is a second statement after a `;`.
- The connection is read-only, with file access outside the warehouse file switched off
  (`enable_external_access = false`: no COPY TO, read_csv, ATTACH or extension install even
  from inside a SELECT) and the configuration locked so a statement cannot switch it back.
- A timeout (default `QUERY_TIMEOUT_S`, `$FLOPBASE_QUERY_TIMEOUT_S`): DuckDB has no statement
  timeout, so a timer interrupts the connection; the read lock, which keeps every writer out,
  is released with it.
- At most `max_rows` rows are fetched, so a huge result is not pulled into memory to print.

Every refusal is a `QueryRefused` whose message is one line saying what and why.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass

import duckdb
import polars as pl

from schemas.settings import QUERY_TIMEOUT
from warehouse.connection import WarehouseError, connect

QUERY_TIMEOUT_S = float(QUERY_TIMEOUT.default)
MAX_ROWS = 1000
READING = "SELECT, WITH, VALUES, FROM, DESCRIBE, SHOW, SUMMARIZE or EXPLAIN"
_EXPLAIN = re.compile(r"^\s*EXPLAIN\s+(?:ANALY[SZ]E\s+)?(?P<inner>.*)$", re.IGNORECASE | re.DOTALL)


class QueryRefused(WarehouseError):
    """The statement was not run (or was stopped); the message says why in one line."""


@dataclass(frozen=True)
class QueryResult:
    frame: pl.DataFrame  # at most max_rows rows
    truncated: bool  # the query had more rows than max_rows


def read_statement(sql: str) -> duckdb.Statement:
    """The one reading statement of `sql`, or `QueryRefused` saying what was found instead."""
    if not sql or not sql.strip():
        raise QueryRefused(f"no SQL given: pass one {READING} statement")
    try:
        statements = duckdb.extract_statements(sql)
    except (duckdb.Error, ValueError) as err:  # ValueError: a statement kind Python can't name
        raise QueryRefused(f"the SQL does not parse: {_first_line(err)}") from err
    if not statements:
        raise QueryRefused(f"no SQL statement found (only comments?): pass one {READING}")
    if len(statements) > 1:
        raise QueryRefused(
            f"{len(statements)} statements given; one is allowed (remove the `;` between them)"
        )
    statement = statements[0]
    kind = _kind(statement)
    if kind == duckdb.StatementType.EXPLAIN:
        match = _EXPLAIN.match(statement.query)
        try:
            inner = duckdb.extract_statements(match.group("inner")) if match else []
        except (duckdb.Error, ValueError):
            inner = []
        if len(inner) != 1 or _kind(inner[0]) != duckdb.StatementType.SELECT:
            raise QueryRefused("EXPLAIN is allowed of a SELECT only")
    elif kind != duckdb.StatementType.SELECT:
        raise QueryRefused(
            f"{_kind_name(statement)} statements are refused: the query surface is read-only "
            f"(one {READING} statement)"
        )
    return statement


def safe_query(
    sql: str,
    params: Sequence[object] = (),
    *,
    path: str | os.PathLike | None = None,
    timeout_s: float | None = None,
    max_rows: int | None = MAX_ROWS,
) -> QueryResult:
    """Run one reading statement with bound parameters in a sandboxed read-only connection,
    stopped after `timeout_s` (default $FLOPBASE_QUERY_TIMEOUT_S, else 60 s; 0 = none), and
    return at most `max_rows` rows (None = all)."""
    statement = read_statement(sql)
    if timeout_s is None:
        timeout_s = QUERY_TIMEOUT.number()
    with connect(path, read_only=True, sandbox=True) as con:
        timer = threading.Timer(timeout_s, con.interrupt) if timeout_s > 0 else None
        if timer:
            timer.daemon = True
            timer.start()
        try:
            relation = con.sql(statement.query, params=list(params) or None)
            return _fetch(relation, max_rows)
        except duckdb.InterruptException as err:
            raise QueryRefused(
                f"stopped after the {timeout_s:g} s timeout (set --timeout or "
                "FLOPBASE_QUERY_TIMEOUT_S for a longer one)"
            ) from err
        except duckdb.PermissionException as err:
            raise QueryRefused(
                "refused: the query surface reads the warehouse only, not other files, "
                f"databases or extensions ({_first_line(err)})"
            ) from err
        except duckdb.Error as err:
            raise QueryRefused(_first_line(err)) from err
        finally:
            if timer:
                timer.cancel()


def _fetch(relation: duckdb.DuckDBPyRelation, max_rows: int | None) -> QueryResult:
    if max_rows is None:
        frame = pl.from_arrow(relation.to_arrow_table())
        assert isinstance(frame, pl.DataFrame)
        return QueryResult(frame, False)
    batches, rows = [], 0
    reader = relation.to_arrow_reader(min(max_rows + 1, 100_000))
    for batch in reader:  # stop reading once past the limit: the rest is never materialised
        batches.append(batch)
        rows += batch.num_rows
        if rows > max_rows:
            break
    import pyarrow as pa

    table = pa.Table.from_batches(batches, schema=reader.schema)
    frame = pl.from_arrow(table)
    assert isinstance(frame, pl.DataFrame)
    return QueryResult(frame.head(max_rows), frame.height > max_rows)


def _kind(statement: duckdb.Statement) -> duckdb.StatementType | None:
    try:
        return statement.type
    except ValueError:  # a kind the Python package has no name for ("UPDATE EXTENSIONS")
        return None


def _kind_name(statement: duckdb.Statement) -> str:
    first = statement.query.split(None, 1)
    word = first[0].upper() if first else ""
    kind = _kind(statement)
    return word if word.isalpha() else kind.name if kind else "such"


def _first_line(err: BaseException) -> str:
    """DuckDB's message in one line: the error and its "Did you mean" hint, not the caret."""
    lines = [line.strip() for line in str(err).strip().splitlines() if line.strip()]
    if not lines:
        return type(err).__name__
    hint = [line for line in lines[1:] if line.startswith("Did you mean")]
    return " ".join(lines[:1] + hint)

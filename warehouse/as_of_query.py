"""`flopbase query --as-of D`: the same SQL, read against the warehouse as it stood on D.

Design: the query runs in an in-memory database of its own, with the warehouse file attached
read-only under the name `latest`. In that database, `core.model`, `core.hardware`,
`core.cloud_price`, ... (schemas.history.AS_OF) are views over their point-in-time macros
(created there from warehouse/as_of.sql, reading `latest`) at the date given as a bound
variable; the views of schemas.history.AS_OF_VIEWS are recreated from warehouse/views.sql over
them; meta.data_dictionary passes through. Nothing else is exposed: an analysis table derived
from today's data is refused by name rather than silently read as if it were D's. Then file
access is switched off and the configuration locked, as for every typed query; the statement
itself is checked by warehouse.safe_query.read_statement. `latest.core.model` still names
today's table explicitly.

`coverage` says, per source, what D's reconstruction rests on (meta.as_of_coverage).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date

import duckdb
import polars as pl

from schemas.history import AS_OF, AS_OF_VIEWS, NOT_RECONSTRUCTIBLE
from schemas.settings import QUERY_TIMEOUT
from warehouse.as_of import create_macros
from warehouse.connection import SANDBOX, WarehouseError, warehouse_path
from warehouse.ddl import literal
from warehouse.safe_query import MAX_ROWS, QueryRefused, QueryResult, _fetch, read_statement
from warehouse.views import view_sql

CATALOG = "latest"
# read as they are: descriptions, and the trends as they were estimated on each date
PASSTHROUGH = ("meta.data_dictionary", "analysis.trend_history", "analysis.trend_backtest")
_SCHEMAS = ("core", "meta", "analysis")


@contextmanager
def as_of_connection(
    as_of: date, path: str | os.PathLike | None = None
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A sandboxed connection whose core tables are the warehouse's as of `as_of`."""
    if not isinstance(as_of, date):
        raise TypeError(f"as_of must be a date, not {type(as_of).__name__}")
    target = warehouse_path(path)
    if not target.exists():
        raise WarehouseError(f"no warehouse at {target}: build it first with `make run`")
    config = {k: v for k, v in SANDBOX.items() if k != "enable_external_access"}
    con = duckdb.connect(":memory:", config=config)
    try:
        con.execute("SET TimeZone = 'UTC'")
        con.execute(f"ATTACH {literal(str(target))} AS {CATALOG} (READ_ONLY)")
        con.execute("SET VARIABLE as_of = ?", [as_of])
        for schema in _SCHEMAS:
            con.execute(f"CREATE SCHEMA {schema}")
        try:
            create_macros(con, f"{CATALOG}.")
            for table, macro in AS_OF.items():
                con.execute(f"CREATE VIEW {table} AS SELECT * FROM {macro}(getvariable('as_of'))")
        except duckdb.CatalogException as err:  # a file without the ledger or a core table
            raise WarehouseError(
                f"the warehouse at {target} cannot be read as of a date ({_first(err)}): "
                "rebuild it with `make run`"
            ) from err
        present = {
            f"{s}.{t}"
            for s, t in con.execute(
                "SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = ?",
                [CATALOG],
            ).fetchall()
        }
        for table in (t for t in PASSTHROUGH if t in present):
            con.execute(f"CREATE VIEW {table} AS SELECT * FROM {CATALOG}.{table}")
        for view in AS_OF_VIEWS:
            con.execute(f"CREATE VIEW {view} AS {view_sql(view)}")
        con.execute("SET enable_external_access = false")
        con.execute("SET lock_configuration = true")
        yield con
    finally:
        con.close()


def coverage(as_of: date, path: str | os.PathLike | None = None) -> pl.DataFrame:
    """Per source: versions stored, versions published by `as_of`, the one used, and a status
    naming what cannot be reconstructed (meta.as_of_coverage)."""
    with as_of_connection(as_of, path) as con:
        return _fetch(
            con.sql("SELECT * FROM meta.as_of_coverage(getvariable('as_of'))"), None
        ).frame


def as_of_query(
    sql: str,
    as_of: date,
    params: Sequence[object] = (),
    *,
    path: str | os.PathLike | None = None,
    timeout_s: float | None = None,
    max_rows: int | None = MAX_ROWS,
) -> QueryResult:
    """Run one reading statement against the warehouse as of `as_of` (see the module)."""
    statement = read_statement(sql)
    if timeout_s is None:
        timeout_s = QUERY_TIMEOUT.number()
    with as_of_connection(as_of, path) as con:
        timer = threading.Timer(timeout_s, con.interrupt) if timeout_s > 0 else None
        if timer:
            timer.daemon = True
            timer.start()
        try:
            return _fetch(con.sql(statement.query, params=list(params) or None), max_rows)
        except duckdb.InterruptException as err:
            raise QueryRefused(f"stopped after the {timeout_s:g} s timeout") from err
        except duckdb.CatalogException as err:
            raise QueryRefused(
                f"{_first(err)} As of a date only {', '.join(AS_OF)}, the views "
                f"{', '.join(AS_OF_VIEWS)} and meta.as_of_coverage(DATE) can be read; "
                f"{NOT_RECONSTRUCTIBLE}."
            ) from err
        except duckdb.PermissionException as err:
            raise QueryRefused(
                f"refused: the query surface reads the warehouse only ({_first(err)})"
            ) from err
        except duckdb.Error as err:
            raise QueryRefused(_first(err)) from err
        finally:
            if timer:
                timer.cancel()


def _first(err: BaseException) -> str:
    lines = [line.strip() for line in str(err).strip().splitlines() if line.strip()]
    return lines[0] if lines else type(err).__name__


def as_of_note(as_of: date, path: str | os.PathLike | None = None) -> str:
    """One line per source the reconstruction of `as_of` cannot rest on fully (no version
    published by then, or a single stored version), for the query's stderr."""
    frame = coverage(as_of, path)
    missing = frame.filter(pl.col("versions_then") == 0)["source"].to_list()
    single = frame.filter(pl.col("versions_stored") == 1)["source"].to_list()
    return (
        f"as of {as_of.isoformat()}: upstream versions published by then "
        f"(meta.as_of_coverage(DATE '{as_of.isoformat()}') lists them); no version yet of: "
        f"{', '.join(missing) or 'none'}; a single stored version (earlier states not kept): "
        f"{', '.join(single) or 'none'}"
    )

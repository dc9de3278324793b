"""Views: SQL in `views.sql`, columns and descriptions from the schemas."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from schemas import Table
from warehouse.connection import connect
from warehouse.ddl import comments, qualified
from warehouse.reads import sql_blocks

VIEWS_SQL = Path(__file__).with_name("views.sql")


@cache
def view_sql(name: str) -> str:
    """The SELECT of view `name` (schema.name) in views.sql."""
    views = sql_blocks(VIEWS_SQL, "view")
    if name not in views:
        raise KeyError(f"{VIEWS_SQL} has no view {name} (it has {sorted(views)})")
    return views[name]


def replace_view(view: Table, *, path: str | os.PathLike | None = None) -> None:
    """CREATE OR REPLACE the view declared by `view`, checking its columns against the
    declaration and commenting it, in one transaction."""
    with connect(path) as con:
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(
                f"CREATE OR REPLACE VIEW {qualified(view)} AS {view_sql(view.qualified_name)}"
            )
            got = [
                d[0] for d in con.execute(f"SELECT * FROM {qualified(view)} LIMIT 0").description
            ]
            if got != view.column_names:
                raise ValueError(
                    f"view {view.qualified_name} has columns {got}; its schema declares "
                    f"{view.column_names}"
                )
            for statement in comments(view, kind="VIEW"):
                con.execute(statement)
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")

"""Hostile upstream text is data: it goes through a real live fetch, parse and publish and is
stored verbatim; SQL text is built only from our schemas' identifiers, values are bound."""

from __future__ import annotations

import ast
import csv
import io
from pathlib import Path

import warehouse
from tests.faults._faults_kit import BUNDLED, EPOCH_PATH, TABLES, failure_text, raw_key, run
from tests.localserver import Reply

REPO = Path(__file__).resolve().parents[2]
HOSTILE = [
    "x'); DROP TABLE core.hardware; --",
    "\"; ATTACH 'evil.duckdb' AS evil; CREATE TABLE evil.t AS SELECT 1; --",
    "Robert'); DELETE FROM meta.snapshot WHERE ('1'='1",
]


def test_hostile_names_are_stored_verbatim(slice_copy, server, tmp_path, monkeypatch) -> None:
    """Synthetic fault on real data: three of Epoch's hardware names replaced by SQL."""
    store, db = slice_copy
    monkeypatch.chdir(tmp_path)  # where a successful ATTACH would create evil.duckdb
    recorded = next((BUNDLED / "epoch_hardware").glob("*/ml_hardware.csv")).read_text()
    header, *rows = list(csv.reader(io.StringIO(recorded)))
    name = header.index("Hardware name")
    for row, text in zip(rows[10:13], HOSTILE, strict=True):
        row[name] = text
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, *rows])
    server.script(EPOCH_PATH, Reply(200, out.getvalue().encode(), {"Content-Type": "text/csv"}))
    monkeypatch.setenv("FLOPBASE_UPSTREAM_MIRROR", server.base)  # the mirror, from the env

    result = run([raw_key("epoch_hardware"), *TABLES], store=store, db=db, live=True)

    assert result.success, failure_text(result)
    stored = warehouse.query(
        "SELECT value_text FROM core.hardware_spec WHERE source = 'epoch_hardware' "
        "AND attribute = 'name' AND row_number IN (11, 12, 13) ORDER BY row_number",
        path=db,
    )["value_text"].to_list()
    assert stored == HOSTILE
    names = warehouse.query("SELECT name FROM core.hardware", path=db)["name"].to_list()
    assert set(HOSTILE) <= set(names)
    tables = warehouse.query(
        "SELECT schema_name || '.' || table_name AS t FROM duckdb_tables() ORDER BY 1", path=db
    )["t"].to_list()
    assert tables == [
        "core.hardware",
        "core.hardware_spec",
        "meta.hardware_merge",
        "meta.quarantine",
        "meta.run_failure",
        "meta.snapshot",
    ]
    assert warehouse.query("SELECT count(*) AS n FROM meta.snapshot", path=db)["n"][0] == 5
    assert not list(tmp_path.rglob("evil*"))


# Expressions an f-string may interpolate into SQL: identifiers quoted from our schemas
# (`qualified`, `ident`, the export's `_quoted`), generated DDL and view SQL, escaped
# literals where DuckDB cannot bind a parameter (`literal`/`_literal`: SET values, COPY
# targets and the bulk loader's generated statements), integers, and constants declared in
# code. Anything else is a failure naming the file and line: bind it, or review and add it.
SAFE_CALLS = {"qualified", "ident", "_quoted", "literal", "_literal", "int", "view_sql"}
REVIEWED = {
    ("pipelines/checks.py", "union"),  # SELECTs over qualified(t) of our tables
    ("benchmarks/tick_load.py", "stage"),  # a staging name built from qualified()
    ("warehouse/export.py", "options"),  # COPY options from the module's FORMATS constant
    # names of the as-of catalog from schemas.history's constants (AS_OF, AS_OF_VIEWS) and the
    # module's own (_SCHEMAS, PASSTHROUGH)
    ("warehouse/as_of_query.py", "schema"),
    ("warehouse/as_of_query.py", "table"),
    ("warehouse/as_of_query.py", "macro"),
    ("warehouse/as_of_query.py", "view"),
    ("warehouse/run_failures.py", "columns"),  # ident() of RUN_FAILURE's declared columns
    ("warehouse/run_failures.py", "marks"),  # one "?" per column
}


def _interpolated(node: ast.expr) -> list[ast.expr]:
    if isinstance(node, ast.JoinedStr):
        return [v.value for v in node.values if isinstance(v, ast.FormattedValue)]
    if isinstance(node, ast.BinOp):
        return _interpolated(node.left) + _interpolated(node.right)
    return []


def _safe(expr: ast.expr, file: str) -> bool:
    if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name):
        return expr.func.id in SAFE_CALLS
    if isinstance(expr, ast.Name):
        return expr.id.isupper() or (file, expr.id) in REVIEWED
    if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute):
        # "', '.join(CONSTANT)": joins of constants declared in code
        return expr.func.attr == "join" and all(
            isinstance(a, ast.Name) and a.id.isupper() for a in expr.args
        )
    return False


def test_sql_text_interpolates_only_identifiers() -> None:
    unsafe, calls = [], 0
    for path in sorted(
        [
            *REPO.glob("warehouse/*.py"),
            *REPO.glob("pipelines/*.py"),
            *REPO.glob("benchmarks/tick_*.py"),
        ]
    ):
        file = str(path.relative_to(REPO))
        for node in ast.walk(ast.parse(path.read_text())):
            is_sql = (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in {"execute", "executemany", "sql", "query"}
                and node.args
            )
            if not is_sql:
                continue
            calls += 1
            for expr in _interpolated(node.args[0]):
                if not _safe(expr, file):
                    unsafe.append(f"{file}:{node.lineno}: {{{ast.unparse(expr)}}}")
    assert calls > 40  # the scan sees the project's SQL
    assert not unsafe, "values pasted into SQL text:\n" + "\n".join(unsafe)

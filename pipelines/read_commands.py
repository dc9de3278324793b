"""`flopbase query`, `export` and `settings`: the commands that read the warehouse, a release
or the settings, without Dagster."""

from __future__ import annotations

import json
import sys
import time
from datetime import date
from pathlib import Path

import polars as pl

import warehouse
from schemas.settings import SETTINGS
from sources.registry import source_infos
from warehouse.as_of_query import as_of_note, as_of_query
from warehouse.release import open_release
from warehouse.safe_query import MAX_ROWS, safe_query

# next to the default warehouse file, git-ignored
EXPORT_DIR = warehouse.connection.PROJECT_ROOT / "data" / "exports"


def query(
    sql: str,
    params: list[str],
    fmt: str,
    timeout_s: float | None = None,
    max_rows: int = MAX_ROWS,
    as_of: date | None = None,
    release: str | None = None,
) -> int:
    """Print the result of one reading statement (warehouse/safe_query.py: refused with one
    line otherwise): a table, CSV or JSON rows, at most `max_rows` (0 = all); with `as_of`,
    against the warehouse as it stood on that date (warehouse/as_of_query.py); with `release`,
    against that published release instead of the warehouse (warehouse/release.py)."""
    try:
        path = open_release(release).db if release else None
        if as_of is not None:
            result = as_of_query(
                sql, as_of, params, path=path, timeout_s=timeout_s, max_rows=max_rows or None
            )
            print(as_of_note(as_of), file=sys.stderr)
        else:
            result = safe_query(
                sql, params, path=path, timeout_s=timeout_s, max_rows=max_rows or None
            )
    except warehouse.WarehouseError as err:
        print(f"flopbase query: {err}", file=sys.stderr)
        return 2
    frame = result.frame
    if result.truncated:
        print(
            f"flopbase query: showing the first {max_rows:,} rows; add a LIMIT, --max-rows N "
            "(0 = all) or use `flopbase export`",
            file=sys.stderr,
        )
    if fmt == "csv":
        sys.stdout.write(frame.write_csv())
    elif fmt == "json":
        print(json.dumps(frame.to_dicts(), default=str, indent=1))
    else:
        with pl.Config(tbl_rows=-1, tbl_cols=-1, tbl_width_chars=200, fmt_str_lengths=80):
            print(frame)
    return 0


def export(directory: Path) -> int:
    from warehouse.export import export as write_export

    def show(done: int, total: int, item) -> None:
        print(
            f"[{done:>{len(str(total))}}/{total}] {item.relation} ({item.kind}) "
            f"{item.rows:,} rows {item.seconds:.1f} s"
        )

    started = time.monotonic()
    exported = write_export(directory, source_infos(), progress=show)
    size = sum(f.stat().st_size for e in exported for f in e.files)
    print(
        f"\nexported {len(exported)} tables and views ({size / 1e6:.1f} MB) to {directory} "
        f"in {time.monotonic() - started:.1f} s; licences and citations: "
        f"{directory / 'README.md'}"
    )
    return 0


def settings() -> int:
    """Each setting of schemas/settings.py: the value in force, where it came from, meaning."""
    for setting in SETTINGS:
        origin = f"${setting.env}" if setting.is_set else "default"
        unit = f" {setting.unit}" if setting.unit else ""
        print(f"{setting.env}={setting.text()}{unit}  ({origin}) {setting.description}")
    return 0

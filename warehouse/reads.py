"""Named reads: the SQL of every query the pipelines make lives in `reads.sql`, one block per
name, so that an asset body says what it reads, not how."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import polars as pl

from warehouse.read import query

READS_SQL = Path(__file__).with_name("reads.sql")


def sql_blocks(path: Path, marker: str) -> dict[str, str]:
    """The statements of a SQL file split at lines "-- <marker>: <name>", by name."""
    blocks = re.split(rf"^-- {marker}: (\S+)\s*$", path.read_text(), flags=re.MULTILINE)
    return dict(zip(blocks[1::2], (b.strip() for b in blocks[2::2]), strict=True))


@cache
def _reads() -> dict[str, str]:
    return sql_blocks(READS_SQL, "read")


def read_sql(name: str) -> str:
    """The statement of the named read."""
    if name not in _reads():
        raise KeyError(f"{READS_SQL} has no read {name!r} (it has {sorted(_reads())})")
    return _reads()[name]


def named_read(
    name: str, params: Sequence[object] = (), *, path: str | os.PathLike | None = None
) -> pl.DataFrame:
    """Run the named read of reads.sql with bound parameters."""
    return query(read_sql(name), params, path=path)

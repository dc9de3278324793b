"""Fixtures for the warehouse tests: a fresh DuckDB file per test, and child processes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.warehouse._warehouse_testkit import Child


@pytest.fixture()
def db_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A warehouse path under tmp_path; FLOPBASE_DB points there too, as a safety net."""
    path = tmp_path / "warehouse.duckdb"
    monkeypatch.setenv("FLOPBASE_DB", str(path))
    return path


@pytest.fixture()
def spawn() -> Iterator[Callable[..., Child]]:
    """Start child processes; any still running at the end of the test is SIGKILLed."""
    children: list[Child] = []

    def start(code: str, *args: object, db: Path) -> Child:
        child = Child(code, *args, db=db)
        children.append(child)
        return child

    yield start
    for child in children:
        child.kill()

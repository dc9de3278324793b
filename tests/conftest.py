"""Shared fixtures: the real bundled snapshots, and a warehouse file per test."""

from pathlib import Path

import pytest

from sources.snapshots import SnapshotStore

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def bundled_store() -> SnapshotStore:
    """The snapshot store as it ships with the repository (read only in tests)."""
    return SnapshotStore(REPO / "data" / "snapshots")


@pytest.fixture()
def warehouse_file(tmp_path, monkeypatch) -> Path:
    """A fresh warehouse path, also set as FLOPBASE_DB for code that resolves it itself."""
    path = tmp_path / "flopbase.duckdb"
    monkeypatch.setenv("FLOPBASE_DB", str(path))
    return path

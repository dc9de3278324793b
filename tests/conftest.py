"""Shared fixtures: the real bundled snapshots, a warehouse file per test, a local HTTP server."""

from pathlib import Path

import pytest

from sources.snapshots import SnapshotStore
from tests.localserver import server  # noqa: F401  (fixture: scripted HTTP server on 127.0.0.1)

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session", autouse=True)
def no_parses_on_disk():
    """The disk tier of the parse cache is off in tests (its own tests point it at tmp_path):
    nothing is written to the repository's .cache/, and no test depends on what an earlier run
    left there."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("FLOPBASE_CACHE_DIR", "off")
        yield


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

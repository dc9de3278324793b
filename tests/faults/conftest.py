"""Fixtures of the fault suite: one small warehouse built once, copied per test."""

from __future__ import annotations

import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.faults._faults_kit import SPEC_SOURCES, TABLES, copy_store, failure_text, raw_key, run


@pytest.fixture(scope="session")
def built_slice(tmp_path_factory) -> tuple[Path, Path]:
    """(store, warehouse) of the gpu_specs slice built offline once; never written again."""
    root = tmp_path_factory.mktemp("fault_baseline")
    store = copy_store(root / "snapshots")
    db = root / "flopbase.duckdb"
    result = run([raw_key(s) for s in SPEC_SOURCES] + TABLES, store=store, db=db)
    assert result.success, failure_text(result)
    return store, db


@pytest.fixture()
def slice_copy(built_slice, tmp_path, monkeypatch) -> tuple[Path, Path]:
    """A private copy of the built store and warehouse for one test (FLOPBASE_DB and
    FLOPBASE_SNAPSHOTS point at it too, so nothing can reach the bundled files)."""
    store, db = built_slice
    mine = shutil.copytree(store, tmp_path / "snapshots")
    path = Path(shutil.copy2(db, tmp_path / "flopbase.duckdb"))
    monkeypatch.setenv("FLOPBASE_DB", str(path))
    monkeypatch.setenv("FLOPBASE_SNAPSHOTS", str(mine))
    monkeypatch.delenv("FLOPBASE_LIVE", raising=False)
    monkeypatch.delenv("FLOPBASE_UPSTREAM_MIRROR", raising=False)
    return mine, path


@pytest.fixture()
def blackhole() -> Iterator[str]:
    """A base URL on 127.0.0.1 whose port never completes a TCP handshake: the listening
    socket's accept queue (backlog 0) is filled and never accepted, so the kernel drops
    further SYNs and a client's connect times out."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    fillers = []
    for _ in range(3):
        filler = socket.socket()
        filler.setblocking(False)
        filler.connect_ex(listener.getsockname())
        fillers.append(filler)
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    for s in [*fillers, listener]:
        s.close()

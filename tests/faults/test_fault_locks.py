"""A reader holding the warehouse open during a build: the run waits for the lock once, not once
per step, names the holder, and says truthfully what it wrote."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import warehouse
from pipelines.cli import main
from tests.faults._faults_kit import SPEC_SOURCES, raw_key, run
from warehouse import WarehouseLocked

HOLD_READER = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
print("ready", flush=True)
time.sleep(120)
"""


@pytest.fixture()
def held(slice_copy, monkeypatch) -> Iterator[tuple[Path, Path, subprocess.Popen]]:
    """(store, warehouse, reader): another process holds a read-only connection open."""
    store, db = slice_copy
    reader = subprocess.Popen(
        [sys.executable, "-c", HOLD_READER, str(db)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert reader.stdout.readline().strip() == "ready"
        monkeypatch.setenv("FLOPBASE_LOCK_TIMEOUT_S", "0.5")
        yield store, db, reader
    finally:
        reader.kill()
        reader.wait()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_independent_steps_wait_once_per_run(held) -> None:
    """Four raw assets, each writing meta.snapshot on its own: before, each waited its own
    FLOPBASE_LOCK_TIMEOUT_S (21 steps x 30 s = 608 s in the reported build); now the first
    waits and the others fail at once, each naming the holder."""
    store, db, reader = held
    before = digest(db)
    result = run([raw_key(s) for s in SPEC_SOURCES], store=store, db=db)
    assert not result.success
    errors = [
        e.event_specific_data.error.cause.message for e in result.all_events if e.is_step_failure
    ]
    assert len(errors) == len(SPEC_SOURCES)
    assert all(f"is locked by process {reader.pid} (" in e for e in errors)
    waited = [e for e in errors if "; waited " in e]
    assert len(waited) == 1, errors
    assert all(
        "not waiting again (this run's process already waited" in e
        for e in errors
        if e not in waited
    )
    assert digest(db) == before


def test_a_build_fails_before_any_step_naming_the_holder(held, capsys) -> None:
    store, db, reader = held
    before = digest(db)
    assert main(["build"]) == 2
    err = capsys.readouterr().err
    assert f"is locked by process {reader.pid} (" in err
    assert sys.executable.split("/")[-1] in err  # the holder's command line
    assert "Traceback" not in err and err.count("\n") == 1
    assert digest(db) == before


def test_the_next_open_after_the_holder_left_waits_normally_again(held) -> None:
    store, db, reader = held
    with pytest.raises(WarehouseLocked, match="; waited "), warehouse.connect(db):
        pass
    with pytest.raises(WarehouseLocked, match="not waiting again"), warehouse.connect(db):
        pass
    reader.kill()
    reader.wait()
    with warehouse.connect(db) as con:  # got through: this file is waited for again
        assert con.execute("SELECT 1").fetchone() == (1,)
    assert str(db) not in warehouse.connection._GAVE_UP

"""Process faults at the Dagster level: real materialisations of the gpu_specs slice in child
processes, against a copy of a warehouse built beforehand (offline, the bundled data).

An offline rebuild writes the same rows again, so after any of these faults the core tables
must hash exactly as before: killed mid-write, raced, or blocked."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import warehouse
from tests.faults._faults_kit import (
    SPEC_SOURCES,
    TABLES,
    failure_text,
    raw_key,
    run,
    warehouse_fingerprint,
)
from warehouse import WarehouseLocked

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
MATERIALISE = """
import sys
sys.path[:0] = [sys.argv[3], sys.argv[4]]
from pathlib import Path
from tests.faults._faults_kit import SPEC_SOURCES, TABLES, failure_text, raw_key, run
for i in range(int(sys.argv[5])):
    print(f"run {i}", flush=True)
    result = run([raw_key(s) for s in SPEC_SOURCES] + TABLES, store=Path(sys.argv[1]),
                 db=Path(sys.argv[2]))
    if not result.success:
        print(failure_text(result), file=sys.stderr, flush=True)
        sys.exit(3)
print("done", flush=True)
"""
HOLD_READER = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
print("ready", flush=True)
time.sleep(120)
"""
CORE = ("core.hardware", "core.hardware_spec")


def materialise(store: Path, db: Path, times: int = 1) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", MATERIALISE, str(store), str(db), str(HERE), str(REPO), str(times)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "FLOPBASE_DB": str(db), "FLOPBASE_SNAPSHOTS": str(store)},
    )


def core(db: Path) -> dict[str, object]:
    """The tables' hashes and the quarantine without its run ids (a rerun writes new ones)."""
    found = warehouse_fingerprint(db)
    quarantine = warehouse.query(
        "SELECT source, sha256, row_number, record, reason, target_table FROM meta.quarantine "
        "ORDER BY ALL",
        path=db,
    ).rows()
    return {**{name: found[name] for name in CORE}, "meta.quarantine": quarantine}


def ledger_adds_up(db: Path) -> None:
    rows = warehouse.query(
        "SELECT source, rows_read, rows_loaded, rows_quarantined FROM meta.snapshot", path=db
    ).rows()
    assert sorted(r[0] for r in rows) == sorted(SPEC_SOURCES)
    assert all(read == loaded + quarantined for _, read, loaded, quarantined in rows)


def test_sigkill_mid_materialisation_keeps_the_previous_tables(slice_copy) -> None:
    store, db = slice_copy
    before = core(db)
    wal = db.with_name(db.name + ".wal")
    mtime = db.stat().st_mtime_ns
    child = materialise(store, db, times=3)
    try:
        # Kill once the child has written to the file once and is writing again (a WAL
        # exists: a transaction is in flight or not yet checkpointed).
        deadline = time.monotonic() + 120
        while not (db.stat().st_mtime_ns != mtime and wal.exists()):
            assert child.poll() is None, child.communicate()
            assert time.monotonic() < deadline, "the child never wrote"
            time.sleep(0.005)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.kill()
        child.communicate()
    assert child.returncode == -signal.SIGKILL

    with warehouse.connect(db, read_only=True, lock_timeout_s=5) as con:
        assert con.execute("SELECT count(*) FROM core.hardware").fetchone()[0] > 0
    assert core(db) == before  # the previous tables, or the same rows fully rewritten
    ledger_adds_up(db)
    staging = warehouse.query(
        "SELECT table_name FROM duckdb_tables() WHERE table_name LIKE '%staging%'", path=db
    )
    assert staging.height == 0
    result = run([raw_key(s) for s in SPEC_SOURCES] + TABLES, store=store, db=db)
    assert result.success, failure_text(result)  # and the file takes the next run
    assert core(db) == before


def test_two_concurrent_materialisations_are_serialised(slice_copy) -> None:
    """Each write waits for the other's lock (bounded: FLOPBASE_LOCK_TIMEOUT_S, 30 s), so
    both runs complete; a run that waited too long would fail naming the holder."""
    store, db = slice_copy
    before = core(db)
    children = [materialise(store, db), materialise(store, db)]
    outcomes = [(c.wait(timeout=180), c.communicate()) for c in children]
    for code, (out, err) in outcomes:
        assert code == 0 or ("WarehouseLocked" in err and "is locked by process" in err), err
        assert code == 0 or "done" not in out
    assert any(code == 0 for code, _ in outcomes)
    assert core(db) == before
    ledger_adds_up(db)


def test_a_held_reader_blocks_a_run_with_a_clear_error(slice_copy, monkeypatch) -> None:
    """DuckDB's file lock: a read-only connection in another process keeps every writer out.
    The run's first write waits FLOPBASE_LOCK_TIMEOUT_S, then fails naming the reader's PID;
    nothing is written. Once the reader is gone the same run goes through."""
    store, db = slice_copy
    before = warehouse_fingerprint(db)
    reader = subprocess.Popen(
        [sys.executable, "-c", HOLD_READER, str(db)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert reader.stdout.readline().strip() == "ready"
        monkeypatch.setenv("FLOPBASE_LOCK_TIMEOUT_S", "1")
        result = run([raw_key("epoch_hardware"), *TABLES], store=store, db=db)
        assert not result.success
        errors = failure_text(result)
        assert WarehouseLocked.__name__ in errors
        assert f"is locked by process {reader.pid} (" in errors
        assert "FLOPBASE_DB" in errors
    finally:
        reader.kill()
        reader.wait()
    assert warehouse_fingerprint(db) == before
    result = run([raw_key("epoch_hardware"), *TABLES], store=store, db=db)
    assert result.success, failure_text(result)


@pytest.fixture(autouse=True)
def _no_live(monkeypatch) -> None:
    monkeypatch.delenv("FLOPBASE_LIVE", raising=False)

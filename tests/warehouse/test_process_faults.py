"""The warehouse file under real process faults: SIGKILL mid-write, locks, concurrent writers.

Every process here is a real child of the project's interpreter working on a DuckDB file under
tmp_path; all data is synthetic (`_warehouse_testkit.synthetic`).
"""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest

import warehouse
from tests.warehouse._warehouse_testkit import SYNTHETIC, staging_tables, synthetic, synthetic_state
from warehouse import WarehouseLocked

FIRST_ROWS = 1_000
BIG_ROWS = 3_000_000  # synthetic; about 60 MB in DuckDB, some seconds to write on 2 cores

PUBLISH_IN_A_LOOP = """
import sys
import warehouse
from tests.warehouse._warehouse_testkit import SYNTHETIC, synthetic

path, n = sys.argv[1], int(sys.argv[2])
for version in range(1, 50):
    frame = synthetic(n, version)
    print(f"begin {version}", flush=True)
    warehouse.publish(SYNTHETIC, frame, path=path)
    print(f"end {version}", flush=True)
"""

HOLD_OPEN = """
import sys, time
import duckdb

con = duckdb.connect(sys.argv[1], read_only=sys.argv[2] == "read_only")
print("ready", flush=True)
time.sleep(120)
"""

PUBLISH_FIVE_TIMES = """
import sys, time
from pathlib import Path
import warehouse
from tests.warehouse._warehouse_testkit import SYNTHETIC, snapshot, synthetic

path, n, version, go = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), Path(sys.argv[4])
frame = synthetic(n, version)
load = warehouse.Load(snapshot(f"writer{version}", "v1"), rows_read=n)
print("ready", flush=True)
while not go.exists():
    time.sleep(0.002)
for i in range(5):
    warehouse.publish(SYNTHETIC, frame, load=load, run_id=f"writer{version}-{i}", path=path)
    print(f"published {i}", flush=True)
"""


def file_bytes(path: Path) -> int:
    wal = path.with_name(path.name + ".wal")
    return sum(p.stat().st_size for p in (path, wal) if p.exists())


# Kill once the child has written this many bytes into the file during one publish. A 3M-row
# publish grows the file by about 60 MB: ~37 MB of staging INSERT, then the key index and the
# commit write the rest within ~100 ms. 8 MB lands in the INSERT, 48 MB inside the commit.
@pytest.mark.parametrize("grown_mib", [8, 48], ids=["during-insert", "during-commit"])
def test_sigkill_mid_write_keeps_a_complete_version(db_path: Path, spawn, grown_mib: int) -> None:
    warehouse.publish(SYNTHETIC, synthetic(FIRST_ROWS, 0), path=db_path)
    child = spawn(PUBLISH_IN_A_LOOP, db_path, BIG_ROWS, db=db_path)

    begun = ended = 0
    base = file_bytes(db_path)
    deadline = time.monotonic() + 120
    while True:
        assert time.monotonic() < deadline, f"never saw the child write: {child.lines}"
        line = child.next_line(timeout=0.002)
        if line is None and child.proc.poll() is not None:
            pytest.fail(f"child exited {child.proc.returncode}: {child.lines}\n{child.stderr}")
        if line and line.startswith("begin "):
            begun, base = int(line.split()[1]), file_bytes(db_path)
        elif line and line.startswith("end "):
            ended = int(line.split()[1])
        if begun > ended and file_bytes(db_path) >= base + grown_mib * 2**20:
            os.kill(child.pid, signal.SIGKILL)
            break
    assert child.wait(timeout=30) == -signal.SIGKILL
    while (line := child.next_line(timeout=1)) is not None:  # anything printed before the kill
        if line.startswith("end "):
            ended = int(line.split()[1])

    # Killed while publishing `begun`: the table is the version before it, or `begun` if the
    # commit got through before the kill (the print after it did not). Never a mix.
    sizes = {begun: BIG_ROWS, begun - 1: BIG_ROWS if begun > 1 else FIRST_ROWS}
    with warehouse.connect(db_path, read_only=True, lock_timeout_s=5) as con:
        assert con.execute("SELECT count(*) FROM core.synthetic_rows").fetchone()[0] > 0
    seen = synthetic_state(db_path, sizes)
    with warehouse.connect(db_path, lock_timeout_s=5) as con:  # read-write: replays any WAL
        n = con.execute("SELECT count(*) FROM core.synthetic_rows").fetchone()[0]
    assert n == sizes[seen]
    assert synthetic_state(db_path, sizes) == seen
    assert staging_tables(db_path) == []
    mid_write = seen == begun - 1 and ended < begun
    print(f"SIGKILL during version {begun}: table holds version {seen}, mid_write={mid_write}")

    # The file is fully usable afterwards: a new publish goes through and replaces the table.
    warehouse.publish(SYNTHETIC, synthetic(500, 99), path=db_path)
    assert synthetic_state(db_path, {99: 500}) == 99
    assert staging_tables(db_path) == []


def test_writer_lock_names_the_holder(db_path: Path, spawn) -> None:
    warehouse.publish(SYNTHETIC, synthetic(10, 1), path=db_path)
    holder = spawn(HOLD_OPEN, db_path, "read_write", db=db_path)
    holder.expect("ready")

    started = time.monotonic()
    with pytest.raises(WarehouseLocked) as err, warehouse.connect(db_path, lock_timeout_s=0.5):
        pass
    waited = time.monotonic() - started
    message = str(err.value)
    assert f"process {holder.pid} (" in message
    assert "FLOPBASE_DB" in message
    assert str(db_path) in message
    assert 0.2 <= waited < 3, waited  # it retried, and gave up within its bound

    # A reader is refused too while a writer holds the file.
    with (
        pytest.raises(WarehouseLocked, match=f"process {holder.pid} "),
        warehouse.connect(db_path, read_only=True, lock_timeout_s=0.5),
    ):
        pass

    holder.kill()
    with warehouse.connect(db_path, lock_timeout_s=5) as con:
        assert con.execute("SELECT count(*) FROM core.synthetic_rows").fetchone() == (10,)
    assert synthetic_state(db_path, {1: 10}) == 1


def test_query_is_refused_while_a_writer_holds_the_file(db_path: Path, spawn) -> None:
    warehouse.publish(SYNTHETIC, synthetic(10, 1), path=db_path)
    holder = spawn(HOLD_OPEN, db_path, "read_write", db=db_path)
    holder.expect("ready")
    with pytest.raises(WarehouseLocked, match=f"process {holder.pid} "):
        warehouse.query("SELECT 1", path=db_path, lock_timeout_s=0.5)


def test_two_writers_are_serialised(tmp_path: Path, db_path: Path, spawn) -> None:
    """Both start on a file that does not exist yet, so they also race to create it."""
    go = tmp_path / "go"
    sizes = {1: 20_000, 2: 30_000}
    writers = {
        version: spawn(PUBLISH_FIVE_TIMES, db_path, n, version, go, db=db_path)
        for version, n in sizes.items()
    }
    for writer in writers.values():
        writer.expect("ready")
    go.touch()
    for writer in writers.values():
        code = writer.wait(timeout=90)
        assert code == 0, f"writer {writer.pid} exited {code}:\n{writer.stderr}"
    for writer in writers.values():
        while writer.next_line(timeout=1) is not None:
            pass
        assert writer.lines[-5:] == [f"published {i}" for i in range(5)]

    final = synthetic_state(db_path, sizes)
    assert staging_tables(db_path) == []
    ledger = warehouse.query(
        "SELECT source, rows_read, rows_loaded, rows_quarantined, run_id "
        "FROM meta.snapshot ORDER BY loaded_at",
        path=db_path,
    )
    assert sorted(ledger.drop("run_id").rows()) == [
        ("writer1", 20_000, 20_000, 0),
        ("writer2", 30_000, 30_000, 0),
    ]
    assert sorted(ledger["run_id"]) == ["writer1-4", "writer2-4"]
    # The table holds what the last load in the ledger says was written last.
    assert ledger["source"][-1] == f"writer{final}"


def test_reader_blocks_a_writer_until_it_exits(db_path: Path, spawn) -> None:
    warehouse.publish(SYNTHETIC, synthetic(10, 1), path=db_path)
    reader = spawn(HOLD_OPEN, db_path, "read_only", db=db_path)
    reader.expect("ready")

    # Readers share the file: another read-only connection works while one is held.
    assert synthetic_state(db_path, {1: 10}) == 1

    # DuckDB refuses a writer while any reader holds the file (the lock is per process).
    started = time.monotonic()
    with (
        pytest.raises(WarehouseLocked, match=f"process {reader.pid} ") as err,
        warehouse.connect(db_path, lock_timeout_s=1.0),
    ):
        pass
    assert time.monotonic() - started < 3
    assert "FLOPBASE_DB" in str(err.value)

    # A writer already waiting (publish's bounded wait) gets in once the reader exits. (A new
    # run: within one, a file waited for in vain is not waited for again.)
    warehouse.connection.reset_lock_waits()
    killer = threading.Timer(1.0, reader.kill)
    killer.start()
    started = time.monotonic()
    try:
        warehouse.publish(SYNTHETIC, synthetic(20, 2), path=db_path)
    finally:
        killer.join()
    waited = time.monotonic() - started
    assert 0.9 <= waited < 15, waited
    assert synthetic_state(db_path, {2: 20}) == 2

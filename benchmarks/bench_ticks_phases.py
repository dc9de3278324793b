"""The phases of `bench_ticks`, each run in its own child process: generate the synthetic
file, COPY it, load it with `benchmarks.tick_load` (into core.cloud_price without its PRIMARY
KEY, the loader verifying uniqueness, and with it), and the bare write of core.cloud_price's
columns (the floor). Each returns its wall and CPU seconds (all threads)."""

from __future__ import annotations

import resource
import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.bench_ticks_data import (
    ALIASES,
    GPUS,
    PROVIDERS,
    SERIES,
    SHA256,
    SOURCE,
    _list,
    rows_label,
    tick_sql,
)


def phase_generate(csv: Path, rows: int) -> dict:
    import duckdb

    con = duckdb.connect()
    con.execute("SET threads = 2")
    started = time.perf_counter()
    con.execute(f"COPY ({tick_sql(rows)}) TO '{csv}' (HEADER, DELIMITER ',')")
    return {"seconds": time.perf_counter() - started}


def phase_copy(csv: Path, db: Path) -> dict:
    import duckdb

    con = duckdb.connect(str(db))
    con.execute("SET threads = 2")
    con.execute("SET TimeZone = 'UTC'")
    con.execute(
        "CREATE TABLE raw_ticks (observed_at TIMESTAMPTZ, provider VARCHAR, gpu_type VARCHAR, "
        "socket_type VARCHAR, usd_per_accelerator_hour DOUBLE)"
    )
    started, cpu = time.perf_counter(), time.process_time()
    con.execute(f"COPY raw_ticks FROM '{csv}' (HEADER)")
    con.execute("CHECKPOINT")
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    rows = con.execute("SELECT count(*) FROM raw_ticks").fetchone()[0]
    con.close()
    return {"seconds": seconds, "cpu_s": cpu, "rows": rows}


def phase_write_floor(csv: Path, db: Path) -> dict:
    """The bare write of core.cloud_price's 17 columns straight from the file (no PRIMARY
    KEY, no numbering, no checks, no aliases, no ledger): a bound for any one-pass design."""
    import duckdb

    from schemas import CLOUD_PRICE
    from warehouse.ddl import create_table

    con = duckdb.connect(str(db))
    con.execute("SET threads = 2")
    con.execute("SET TimeZone = 'UTC'")
    con.execute("SET preserve_insertion_order = false")
    con.execute("CREATE SCHEMA core")
    ddl = create_table(CLOUD_PRICE)
    con.execute(ddl[: ddl.index(",\n  PRIMARY KEY")] + "\n)")
    started, cpu = time.perf_counter(), time.process_time()
    con.execute(
        "INSERT INTO core.cloud_price SELECT TRY_CAST(observed_at AS TIMESTAMPTZ), provider, "
        "NULL, NULL, NULL, gpu_type, NULL, 'marketplace', NULL, "
        f"TRY_CAST(usd_per_accelerator_hour AS DOUBLE), '{SOURCE}', '{SHA256}', 1, 1, "
        "'usd_per_accelerator_hour', false, NULL "
        f"FROM read_csv('{csv}', header = true, all_varchar = true)"
    )
    con.execute("CHECKPOINT")
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    con.close()
    return {"seconds": seconds, "cpu_s": cpu}


def phase_ingest(csv: Path, db: Path, rows: int, primary_key: bool) -> dict:
    import duckdb

    from benchmarks.tick_load import load_ticks_csv
    from schemas import CLOUD_PRICE, HARDWARE_ALIAS
    from sources.gpu_price_tracker import WITH_SOCKET, WITHOUT_SOCKET
    from warehouse import SnapshotRecord
    from warehouse.ddl import create_table

    con = duckdb.connect(str(db))
    con.execute("CREATE SCHEMA core")
    con.execute(create_table(HARDWARE_ALIAS))
    for (alias, socket), hardware_id in ALIASES.items():
        context = f"{WITH_SOCKET}{socket}" if socket else WITHOUT_SOCKET
        con.execute(
            "INSERT INTO core.hardware_alias VALUES (?, ?, ?, ?, 1, 'curated', false, NULL)",
            [alias, hardware_id, SOURCE, context],
        )
    if not primary_key:
        ddl = create_table(CLOUD_PRICE)
        con.execute(ddl[: ddl.index(",\n  PRIMARY KEY")] + "\n)")
    con.close()
    snapshot = SnapshotRecord(
        source=SOURCE,
        version=f"synthetic-{rows_label(rows)}",
        url=f"file://{csv}",
        sha256=SHA256,
        retrieved_at=datetime(2000, 1, 1, tzinfo=UTC),
        licence="synthetic benchmark data",
    )
    started, cpu = time.perf_counter(), time.process_time()
    load = load_ticks_csv(csv, snapshot, path=db)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return {
        "seconds": seconds,
        "cpu_s": cpu,
        "peak_rss_bytes": peak,
        "rows_read": load.rows_read,
        "rows_loaded": load.rows_loaded,
        "rows_quarantined": load.rows_quarantined,
        "steps_s": load.steps,
        "steps_cpu_s": load.steps_cpu,
        "numbering_errors": _numbering_errors(db),
        "db_bytes": db.stat().st_size,
    }


def _numbering_errors(db: Path) -> int:
    """Rows whose content is not what the generator wrote on their line (checks that
    row_number follows file order, at full scale)."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    con.execute("SET TimeZone = 'UTC'")
    line = "(row_number - 1)"
    gpu = f"{line} % {len(GPUS)} + 1"
    bad = con.execute(
        f"""SELECT count(*) FROM core.cloud_price WHERE
        observed_at <> TIMESTAMPTZ '2000-01-01 00:00:00+00'
                       + to_minutes(CAST(({line} // {SERIES}) * 30 AS BIGINT))
        OR provider <> {_list(PROVIDERS)}[({line} // {len(GPUS)}) % {len(PROVIDERS)} + 1]
        OR hardware_text <> {_list(g for g, _, _ in GPUS)}[{gpu}]
        OR hardware_id IS NULL OR record_number <> row_number"""
    ).fetchone()[0]
    con.close()
    return bad

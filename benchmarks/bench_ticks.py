"""Bulk tick ingest against DuckDB's own COPY of the same file, measured in the same run.

The ticks are SYNTHETIC: DuckDB writes `synthetic_ticks_<rows>.csv` (source name
`synthetic_ticks`) under a temporary directory, never into the repository. The shape is the
tracker's (`benchmarks/tick_file.py`): 7 accelerator spellings, 15 provider ids, a
tick every 30 minutes from 2000-01-01 (one quote per provider and accelerator per tick, so 1e8
quotes span ~54 years), prices 0.50..10.00 USD with 2 decimals.

copy    a fresh DuckDB file: CREATE TABLE (typed columns) + COPY ... FROM the file
ingest  a fresh warehouse: `benchmarks.tick_load.load_ticks_csv` (stage, validate, insert,
        quarantine, ledger, CHECKPOINT) into a core.cloud_price created without its PRIMARY
        KEY: the loader verifies the uniqueness of (source, sha256, row_number) itself before
        COMMIT (`benchmarks.tick_unique`), instead of DuckDB's index doing it row by row
        and, for the record (`--variants`):
ingest_primary_key  the same into core.cloud_price as the warehouse declares it, PRIMARY KEY
        and its ART index included (the key then enforced by DuckDB)
floor   `target_write_floor`: the bare INSERT of core.cloud_price's 17 columns straight from
        the file (no key, numbering, checks, aliases or ledger): what any one-pass load of
        this table shape costs at least

Each phase (`bench_ticks_phases`; the ticks' shape and SQL in `bench_ticks_data`) runs in
its own child process; its peak RSS is that process's ru_maxrss (Python,
imports and DuckDB together), its CPU seconds those of all its threads (the machine is
shared: wall seconds move with the other tenants' load, CPU seconds less).
ratio = copy seconds / ingest seconds (goal >= 0.5); goal peak RSS of the ingest <= 4 GiB.
Writes benchmarks/results/ticks.json.

    python -m benchmarks.bench_ticks [--rows 1e8] [--repeats 1] [--workdir DIR] [--no-variants]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.bench_ticks_data import SOURCE, rows_label
from benchmarks.bench_ticks_phases import (
    phase_copy,
    phase_generate,
    phase_ingest,
    phase_write_floor,
)

RESULTS = Path(__file__).resolve().parent / "results"


def _child(args: list[str]) -> dict:
    """Run one phase in a fresh interpreter; its JSON line plus its peak RSS."""
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_ticks", *args],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"phase {args[:2]} failed:\n{proc.stderr[-4000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _run_phase(args: argparse.Namespace) -> None:
    csv = Path(args.csv)
    if args.phase == "generate":
        out = phase_generate(csv, args.rows)
    elif args.phase == "copy":
        out = phase_copy(csv, Path(args.db))
    elif args.phase == "write_floor":
        out = phase_write_floor(csv, Path(args.db))
    else:
        out = phase_ingest(
            csv, Path(args.db), args.rows, primary_key=args.phase == "ingest_primary_key"
        )
    out.setdefault("peak_rss_bytes", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)
    print(json.dumps(out))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=float, default=1e8)
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--workdir", help="where the synthetic file goes (default: a temp dir)")
    parser.add_argument(
        "--variants",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="also measure the ingest into core.cloud_price with its PRIMARY KEY, and the "
        "bare write of the target table (references for the design)",
    )
    parser.add_argument(
        "--phase", choices=["generate", "copy", "write_floor", "ingest", "ingest_primary_key"]
    )
    parser.add_argument("--csv")
    parser.add_argument("--db")
    args = parser.parse_args(argv)
    args.rows = int(args.rows)
    if args.phase:
        _run_phase(args)
        return 0

    label = rows_label(args.rows)
    with tempfile.TemporaryDirectory(prefix="flopbase-bench-ticks-", dir=args.workdir) as tmp:
        work = Path(tmp)
        csv = work / f"synthetic_ticks_{label}.csv"
        common = ["--rows", str(args.rows), "--csv", str(csv)]
        generated = _child(["--phase", "generate", *common])
        print(f"generated {csv.name}: {csv.stat().st_size / 2**30:.2f} GiB", file=sys.stderr)
        phases = ["copy", "ingest"]
        phases += ["ingest_primary_key", "write_floor"] if args.variants else []
        runs: dict[str, list[dict]] = {p: [] for p in phases}
        for repeat in range(args.repeats):
            for phase in phases:
                db = work / f"{phase}-{repeat}.duckdb"
                runs[phase].append(_child(["--phase", phase, "--db", str(db), *common]))
                print(f"{phase} #{repeat}: {runs[phase][-1]}", file=sys.stderr)
                for leftover in work.glob(f"{phase}-{repeat}.duckdb*"):
                    leftover.unlink()
        size = csv.stat().st_size

    def median(phase: str, key: str) -> float:
        return statistics.median(r[key] for r in runs[phase])

    copy_s = median("copy", "seconds")
    result = {
        "benchmark": "bulk_tick_ingest",
        "data": "SYNTHETIC ticks generated by DuckDB (not real prices)",
        "source": SOURCE,
        "file": f"synthetic_ticks_{label}.csv",
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "python": sys.version.split()[0],
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "duckdb": __import__("duckdb").__version__,
        },
        "rows": args.rows,
        "file_bytes": size,
        "repeats": args.repeats,
        "generate_s": round(generated["seconds"], 2),
        "copy_s": round(copy_s, 2),
        "copy_cpu_s": round(median("copy", "cpu_s"), 2),
        "copy_rows_per_s": round(args.rows / copy_s),
        "copy_peak_rss_gib": round(median("copy", "peak_rss_bytes") / 2**30, 3),
    }
    for phase, name in (("ingest", "ingest"), ("ingest_primary_key", "ingest_with_primary_key")):
        if phase not in runs:
            continue
        seconds = median(phase, "seconds")
        last = runs[phase][-1]
        result[name] = {
            "uniqueness": "verified by the loader before COMMIT (benchmarks/tick_unique.py)"
            if phase == "ingest"
            else "enforced by DuckDB's PRIMARY KEY index",
            "seconds": round(seconds, 2),
            "cpu_s": round(median(phase, "cpu_s"), 2),
            "ratio_cpu_copy_over_ingest": round(
                median("copy", "cpu_s") / median(phase, "cpu_s"), 3
            ),
            "rows_per_s": round(args.rows / seconds),
            "ratio_copy_over_ingest": round(copy_s / seconds, 3),
            "peak_rss_gib": round(max(r["peak_rss_bytes"] for r in runs[phase]) / 2**30, 3),
            "rows_loaded": last["rows_loaded"],
            "rows_quarantined": last["rows_quarantined"],
            "numbering_errors": last["numbering_errors"],
            "warehouse_gib": round(last["db_bytes"] / 2**30, 3),
            "runs_s": [round(r["seconds"], 2) for r in runs[phase]],
            "steps_s": last["steps_s"],
            "steps_cpu_s": last["steps_cpu_s"],
        }
    if "write_floor" in runs:
        floor = median("write_floor", "seconds")
        result["target_write_floor"] = {
            "what": "INSERT of core.cloud_price's 17 columns straight from the file: no "
            "PRIMARY KEY, numbering, checks, aliases or ledger (a bound for one pass)",
            "seconds": round(floor, 2),
            "ratio_copy_over_it": round(copy_s / floor, 3),
            "cpu_s": round(median("write_floor", "cpu_s"), 2),
            "peak_rss_gib": round(median("write_floor", "peak_rss_bytes") / 2**30, 3),
        }
    result["copy_runs_s"] = [round(r["seconds"], 2) for r in runs["copy"]]
    result["goal"] = "ingest >= 0.5x COPY speed (ratio) with peak RSS <= 4 GiB (issue: scale)"
    result["goal_met"] = (
        result["ingest"]["ratio_copy_over_ingest"] >= 0.5
        and result["ingest"]["peak_rss_gib"] <= 4.0
    )
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "ticks.json").write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""`flopbase`: build the warehouse from the command line and print what landed.

flopbase build [--live]   materialise every asset (in one process), then summarise
flopbase summary          summarise the warehouse as it is
"""

from __future__ import annotations

import argparse
import os
import sys
import time

import polars as pl

import warehouse
from schemas import SNAPSHOT

SUMMARY_SQL = f"""
SELECT source, count(*) AS versions, sum(rows_read) AS rows_read,
       sum(rows_loaded) AS rows_loaded, sum(rows_quarantined) AS rows_quarantined
FROM {SNAPSHOT.qualified_name} WHERE rows_read IS NOT NULL GROUP BY source ORDER BY source
"""

HEADLINE_SQL = """
SELECT name, bf16_flop_per_s, released_on FROM core.hardware
WHERE bf16_flop_per_s IS NOT NULL ORDER BY bf16_flop_per_s DESC, name LIMIT 5
"""


CLOUD_SQL = """
SELECT hardware_id, pricing, round(min(usd_per_accelerator_hour), 2) AS cheapest_usd_per_hour,
       arg_min(provider, usd_per_accelerator_hour) AS provider,
       max(observed_at)::DATE AS latest_on
FROM core.cloud_price
WHERE hardware_id IN ('nvidia-h100-sxm5-80gb', 'nvidia-a100-sxm4-80gb')
  AND observed_at >= (SELECT max(observed_at) FROM core.cloud_price) - INTERVAL 365 DAY
GROUP BY ALL ORDER BY hardware_id, cheapest_usd_per_hour
"""

MODELS_SQL = """
SELECT name, published_on, training_compute_flop, parameters, hardware_id, hardware_quantity
FROM core.model WHERE is_frontier AND training_compute_flop IS NOT NULL
ORDER BY training_compute_flop DESC, name LIMIT 5
"""


def build(live: bool) -> int:
    """Run the `build_all` job in this process, recorded in $DAGSTER_HOME when it is set."""
    import dagster as dg  # imported here: `flopbase summary` should not pay for Dagster

    from pipelines.cloud_prices import every_month
    from pipelines.definitions import defs

    if live:
        os.environ["FLOPBASE_LIVE"] = "1"
    instance = dg.DagsterInstance.get() if os.environ.get("DAGSTER_HOME") else None
    started = time.monotonic()
    result = defs.resolve_job_def("build_all").execute_in_process(
        run_config={"loggers": {"console": {"config": {"log_level": "INFO"}}}},
        instance=instance,
        raise_on_error=False,
        tags=every_month(),  # the whole price history in this one run: a full rebuild
    )
    elapsed = time.monotonic() - started
    if not result.success:
        failed = [e.step_key for e in result.all_events if e.is_step_failure]
        print(
            f"build failed in {elapsed:.1f} s at {', '.join(failed) or 'run level'}; the "
            "previous tables are unchanged. The log above says why.",
            file=sys.stderr,
        )
        return 1
    print(f"\nbuilt {warehouse.warehouse_path()} in {elapsed:.1f} s")
    summary()
    return 0


def summary() -> int:
    with pl.Config(tbl_rows=50, tbl_hide_dataframe_shape=True, fmt_str_lengths=60):
        print("\nTables:")
        print(warehouse.row_counts())
        print("\nSources (every record or price quote read is loaded or quarantined):")
        print(warehouse.query(SUMMARY_SQL))
        print("\nFastest accelerators by dense 16-bit tensor throughput (FLOP/s):")
        print(warehouse.query(HEADLINE_SQL))
        print("\nCheapest cloud price per accelerator-hour in the last year of data (USD):")
        print(warehouse.query(CLOUD_SQL))
        print("\nLargest training runs among frontier models (Epoch AI):")
        print(warehouse.query(MODELS_SQL))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="flopbase", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser("build", help="materialise every asset, then summarise")
    build_cmd.add_argument("--live", action="store_true", help="fetch upstream first")
    commands.add_parser("summary", help="summarise the warehouse as it is")
    args = parser.parse_args(argv)
    try:
        return build(args.live) if args.command == "build" else summary()
    except warehouse.WarehouseError as err:
        print(f"flopbase: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())

"""`flopbase summary`: what the warehouse holds, and the headline figures, section by section."""

from __future__ import annotations

import sys

import polars as pl

import warehouse
from schemas import TABLES
from warehouse.read import missing_relations

# title, the named read (warehouse/reads.sql), the tables and views it reads (a view: with its
# tables)
SECTIONS = [
    (
        "Sources (every record or price quote read is loaded or quarantined):",
        "summary_sources",
        ["meta.snapshot"],
    ),
    (
        "Fastest accelerators by dense 16-bit tensor throughput (FLOP/s):",
        "summary_fastest_accelerators",
        ["core.hardware"],
    ),
    (
        "Price quotes judged suspect (kept, never a cheapest figure) or quarantined, by source:",
        "summary_price_quality",
        ["meta.price_quality", "core.cloud_price"],
    ),
    (
        "Cloud price per accelerator-hour in the last year of data, suspect quotes left out "
        "(USD; p25 = 25th percentile of the quotes):",
        "summary_cloud_prices",
        ["core.cloud_price"],
    ),
    (
        "BF16 on demand, dollars per PFLOP/s-day at peak, by year: the cheapest quote and the "
        "robust figure (median of the months' 25th percentile over providers):",
        "summary_pflop_day_by_year",
        ["analysis.cheapest_pflop_day_by_month", "analysis.price_performance"],
    ),
    (
        "What $1bn of on-demand rental buys, in multiples of GPT-4's training compute "
        "(datacenter chips in 8+ accelerator nodes, 40% utilisation, robust price):",
        "summary_budget_multiples",
        ["analysis.overhang_estimate"],
    ),
    (
        "Headline trends (docs/published_record.md):",
        "summary_headline_trends",
        ["analysis.trend_summary", "analysis.trend_estimate"],  # a view reads the table
    ),
    (
        "Algorithmic efficiency (months for the compute to a capability to halve) and effective "
        "compute per dollar (months to double; docs/efficiency.md):",
        "summary_efficiency",
        [
            "analysis.efficiency_summary",
            "analysis.algorithmic_efficiency_trend",
            "analysis.effective_compute_trend",
        ],
    ),
    (
        "CPU against GPU (above 1: the CPU is slower or dearer; docs/efficiency.md):",
        "summary_cpu_gpu",
        [
            "analysis.efficiency_summary",
            "analysis.cpu_gpu_matched_run",
            "analysis.cpu_gpu_spec_gap",
        ],
    ),
    (
        "Training ImageNet to ~75-76% top-1, then and now (DAWNBench costs as submitted, MLPerf "
        "at the robust cloud price of the round's date; docs/mlperf.md):",
        "summary_mlperf_imagenet",
        [
            "analysis.imagenet_series",
            "analysis.mlperf_benchmark_progress",
            "analysis.mlperf_frontier",
            "analysis.trend_summary",
            "analysis.trend_estimate",
        ],
    ),
    (
        "Largest training runs among frontier models (Epoch AI):",
        "summary_largest_models",
        ["core.model"],
    ),
]


def summary() -> int:
    """Print what the warehouse holds. Tables a build should have made but the file lacks (a
    build killed halfway) are named with the fix, and the sections reading them skipped:
    exit status 1."""
    if not warehouse.warehouse_path().exists():
        raise warehouse.WarehouseError(
            f"no warehouse at {warehouse.warehouse_path()}: build it first with `make run`"
        )
    missing = missing_relations([t.qualified_name for t in TABLES])
    with pl.Config(
        tbl_rows=50, tbl_hide_dataframe_shape=True, fmt_str_lengths=120, tbl_width_chars=200
    ):
        print("\nTables:")
        print(warehouse.row_counts())
        for title, name, reads in SECTIONS:
            if not set(reads) & set(missing):
                print(f"\n{title}")
                print(warehouse.named_read(name))
    if missing:
        print(
            f"\nflopbase summary: the warehouse {warehouse.warehouse_path()} lacks "
            f"{len(missing)} of its {len(TABLES)} tables and views ({', '.join(missing)}), "
            "as a build stopped halfway leaves it. Run `make refresh` (flopbase refresh) to "
            "rebuild what is missing, or `make run` to rebuild everything.",
            file=sys.stderr,
        )
        return 1
    return 0

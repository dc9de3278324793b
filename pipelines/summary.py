"""`flopbase summary`: what the warehouse holds, and the headline figures, section by section."""

from __future__ import annotations

import sys

import polars as pl

import warehouse
from schemas import SNAPSHOT, TABLES
from warehouse.read import missing_relations

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
       round(quantile_cont(usd_per_accelerator_hour, 0.25), 2) AS p25_usd_per_hour,
       count(DISTINCT provider) AS providers, max(observed_at)::DATE AS latest_on
FROM core.cloud_price
WHERE hardware_id IN ('nvidia-h100-sxm5-80gb', 'nvidia-a100-sxm4-80gb') AND NOT is_suspect
  AND observed_at >= (SELECT max(observed_at) FROM core.cloud_price) - INTERVAL 365 DAY
GROUP BY ALL ORDER BY hardware_id, cheapest_usd_per_hour
"""

# BF16 on demand by year: the cheapest non-suspect quote of any month, and the robust figure
# (each month's 25th percentile over providers; its median over the year's months) with the
# most providers a month had: a year resting on one provider says so.
PFLOP_DAY_SQL = """
SELECT year(month_on) AS year,
       round(min(usd_per_pflop_day), 1) AS cheapest_usd_per_pflop_day,
       arg_min(hardware_id, usd_per_pflop_day) AS cheapest_chip,
       round(median(robust_usd_per_pflop_day), 1) AS robust_usd_per_pflop_day,
       max(n_providers) AS most_providers_in_a_month,
       count(*) AS months_covered
FROM analysis.cheapest_pflop_day_by_month
WHERE precision = 'bf16' AND pricing = 'on_demand'
GROUP BY year ORDER BY year
"""

# What $1bn of on-demand rental buys, in multiples of the reference model's training compute,
# priced at frontier scale (datacenter chips in nodes of 8+, the robust price; run config in
# each row's inputs).
BUDGET_SQL = """
SELECT year, round(value, 1) AS multiples,
       round((inputs->>'$.usd_per_pflop_day')::DOUBLE, 1) AS usd_per_pflop_day,
       inputs->>'$.price.hardware_id' AS chip,
       (inputs->>'$.n_providers')::INTEGER AS providers,
       inputs->>'$.reference_model_id' AS reference_model
FROM analysis.overhang_estimate
WHERE scenario = 'budget' AND subject LIKE 'cloud_on_demand/%'
ORDER BY year
"""

# The headline trends in words, with what they rest on.
TRENDS_SQL = """
SELECT metric || ' (' || subset || ')' AS trend, summary, n,
       provider_count AS providers, first_on, last_on
FROM analysis.trend_summary
WHERE (metric, subset) IN (
    ('training_compute_flop', 'notable 2010-01-01..'),
    ('training_compute_flop', 'notable ..2009-12-31'),
    ('fp32_flop_per_s_per_usd', 'gpu'),
    ('fp16_tensor_flop_per_s_per_usd', 'ml gpu'),
    ('usd_per_pflop_day', 'bf16 cloud_on_demand'),
    ('usd_per_accelerator_hour', 'nvidia-h100-sxm5-80gb on_demand'))
ORDER BY metric, subset
"""

QUALITY_SQL = """
SELECT source, cloud_quotes, suspect_quotes, quarantined_quotes FROM meta.price_quality
WHERE suspect_quotes > 0 OR quarantined_quotes > 0 ORDER BY source
"""

MODELS_SQL = """
SELECT name, published_on, training_compute_flop, parameters, hardware_id, hardware_quantity
FROM core.model WHERE is_frontier AND training_compute_flop IS NOT NULL
ORDER BY training_compute_flop DESC, name LIMIT 5
"""


SECTIONS = [  # title, query, the tables and views it reads (a view: with its tables)
    (
        "Sources (every record or price quote read is loaded or quarantined):",
        SUMMARY_SQL,
        ["meta.snapshot"],
    ),
    (
        "Fastest accelerators by dense 16-bit tensor throughput (FLOP/s):",
        HEADLINE_SQL,
        ["core.hardware"],
    ),
    (
        "Price quotes judged suspect (kept, never a cheapest figure) or quarantined, by source:",
        QUALITY_SQL,
        ["meta.price_quality", "core.cloud_price"],
    ),
    (
        "Cloud price per accelerator-hour in the last year of data, suspect quotes left out "
        "(USD; p25 = 25th percentile of the quotes):",
        CLOUD_SQL,
        ["core.cloud_price"],
    ),
    (
        "BF16 on demand, dollars per PFLOP/s-day at peak, by year: the cheapest quote and the "
        "robust figure (median of the months' 25th percentile over providers):",
        PFLOP_DAY_SQL,
        ["analysis.cheapest_pflop_day_by_month", "analysis.price_performance"],
    ),
    (
        "What $1bn of on-demand rental buys, in multiples of GPT-4's training compute "
        "(datacenter chips in 8+ accelerator nodes, 40% utilisation, robust price):",
        BUDGET_SQL,
        ["analysis.overhang_estimate"],
    ),
    (
        "Headline trends (docs/published_record.md):",
        TRENDS_SQL,
        ["analysis.trend_summary", "analysis.trend_estimate"],  # a view reads the table
    ),
    ("Largest training runs among frontier models (Epoch AI):", MODELS_SQL, ["core.model"]),
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
        for title, sql, reads in SECTIONS:
            if not set(reads) & set(missing):
                print(f"\n{title}")
                print(warehouse.query(sql))
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

"""The figures of `flopbase report`, section by section: each one a table and/or a chart drawn
by the project's plot functions, the named read (warehouse/reads.sql) that reproduces it and
the upstream sources its rows came from. Everything is read from one warehouse file; the trend
charts are drawn by pipelines/report_trends.py and handed in by pipelines/report.py."""

from __future__ import annotations

import os

import polars as pl

from analyses.history_plots import doubling_history_png
from analyses.overhang_plots import best_usd_per_pflop_day_png, tokens_per_s_png
from analyses.plots import cloud_price_performance_png, dawnbench_png
from pipelines.report_html import Figure, Section
from schemas import (
    CLOUD_PRICE,
    HARDWARE,
    HARDWARE_PRICE,
    HARDWARE_SPEC,
    MODEL,
    MODEL_ESTIMATE,
    MODEL_RECORD,
    OVERHANG_ESTIMATE,
    PRICE_PERFORMANCE,
    SNAPSHOT,
    TREND_ESTIMATE,
    TREND_LATEST,
    TREND_VS_PUBLISHED,
)
from schemas.dawnbench import DAWNBENCH_ENTRY, DAWNBENCH_FRONTIER, DAWNBENCH_PROGRESS
from schemas.history import TREND_BACKTEST, TREND_HISTORY
from schemas.views import CHEAPEST_PFLOP_DAY_BY_MONTH, TREND_SUMMARY
from warehouse.reads import named_read

# what the cheapest-PFLOP/s-day table shows: the headline precision and pricing
CHEAPEST = ("bf16", "on_demand")
# sections computed from several core tables name those tables; their sources are stamped
MODELS, SPECS = MODEL_RECORD.qualified_name, HARDWARE_SPEC.qualified_name
PRICES, PURCHASES = CLOUD_PRICE.qualified_name, HARDWARE_PRICE.qualified_name
DAWNBENCH = DAWNBENCH_ENTRY.qualified_name
# every relation the report reads (the trend inputs' reads included)
READS = [
    t.qualified_name
    for t in (
        SNAPSHOT,
        MODEL_RECORD,
        MODEL,
        MODEL_ESTIMATE,
        HARDWARE_SPEC,
        HARDWARE,
        CLOUD_PRICE,
        HARDWARE_PRICE,
        PRICE_PERFORMANCE,
        CHEAPEST_PFLOP_DAY_BY_MONTH,
        TREND_ESTIMATE,
        TREND_LATEST,
        TREND_SUMMARY,
        TREND_VS_PUBLISHED,
        TREND_HISTORY,
        TREND_BACKTEST,
        OVERHANG_ESTIMATE,
        DAWNBENCH_ENTRY,
        DAWNBENCH_FRONTIER,
        DAWNBENCH_PROGRESS,
    )
]


def _sources_of(frame: pl.DataFrame, column: str = "source") -> list[str]:
    """The distinct source names of a column (comma lists split)."""
    names = frame[column].drop_nulls().str.split(",").explode().str.strip_chars()
    return sorted(set(names.to_list()))


def _tables_sources(db: str | os.PathLike, relations: list[str]) -> list[str]:
    found = named_read("report_sources_of_tables", path=db)
    return sorted(set(found.filter(pl.col("relation").is_in(relations))["source"].to_list()))


def headline_section(
    db: str | os.PathLike, charts: list[Figure], headline: pl.DataFrame
) -> Section:
    """The headline trends with their intervals and published counterparts, then one chart per
    trend (`charts`: the fitted points, line and interval band of each subset of a headline
    metric; `headline`: the (metric, subset) of the headline trends)."""
    trends = named_read("report_trends", path=db)
    table = trends.join(headline, on=["metric", "subset"], how="semi").select(
        "metric",
        "subset",
        "summary",
        "n",
        "published_as_stated",
        "ours_over_published",
        "is_published_within_ci",
        "published_citation",
    )
    figures = [
        Figure(
            "headline_trends",
            "Headline trends and their published counterparts",
            "report_trends",
            sources=_sources_of(
                trends.join(headline, on=["metric", "subset"], how="semi"), "sources"
            ),
            table=table,
            caption="The newest estimate of each headline trend (OLS of log10 value on date, "
            "bootstrap interval), beside the published figure it is compared with, where one "
            "exists; the query lists every trend.",
        ),
        *charts,
    ]
    return Section(
        "trends",
        "Headline figures and trends",
        "Every rate carries its interval, n and window; published counterparts come from "
        "data/curated/published_trends.csv with their citations.",
        figures,
    )


def prices_section(db: str | os.PathLike) -> Section:
    """The cheapest dollars per PFLOP/s-day: each day's cheapest cloud quote by pricing model
    (chart), and by month at BF16 on demand with the number of providers quoting (table)."""
    precision, pricing = CHEAPEST
    daily = named_read("cloud_price_performance", path=db)
    monthly = named_read("report_cheapest_pflop_day_by_month", [precision, pricing], path=db)
    return Section(
        "prices",
        "The cheapest PFLOP/s-day",
        "Dollars per PFLOP/s-day at peak dense throughput (utilisation 1.0), from the cheapest "
        "non-suspect cloud quote; the robust figure is the 25th percentile over providers.",
        [
            Figure(
                "cloud_pflop_day",
                f"Cheapest cloud dollars per PFLOP/s-day ({precision}), by pricing model",
                "cloud_price_performance",
                sources=_sources_of(daily),
                png=cloud_price_performance_png(daily, precision),
            ),
            Figure(
                "cheapest_by_month",
                f"Cheapest {precision} {pricing} PFLOP/s-day by month, with provider counts",
                "report_cheapest_pflop_day_by_month",
                [precision, pricing],
                sources=_tables_sources(db, [PRICES, SPECS]),
                table=monthly,
                caption="n_providers: providers with a non-suspect quote that month; a month "
                "resting on one provider says so (is_single_provider).",
            ),
        ],
    )


def overhang_section(db: str | os.PathLike) -> Section:
    rows = named_read("report_overhang_estimates", path=db)
    sources = _tables_sources(db, [MODELS, PRICES, PURCHASES, SPECS, DAWNBENCH])
    return Section(
        "overhang",
        "Overhang scenarios",
        "What trained compute could run, and what money buys; each estimate stores the inputs "
        "it used (analysis.overhang_estimate.inputs).",
        [
            Figure(
                "overhang_scenarios",
                "Every scenario and quantity",
                "report_overhang_scenarios",
                sources=sources,
                table=named_read("report_overhang_scenarios", path=db),
            ),
            Figure(
                "budget_multiples",
                "What $1bn of on-demand rental buys, in multiples of the reference model",
                "summary_budget_multiples",
                sources=sources,
                table=named_read("summary_budget_multiples", path=db),
            ),
            Figure(
                "tokens_per_s",
                "Inference throughput of each model's training compute",
                "report_overhang_estimates",
                sources=sources,
                png=tokens_per_s_png(rows),
            ),
            Figure(
                "best_pflop_day",
                "Best dollars per PFLOP/s-day by year, bought or rented",
                "report_overhang_estimates",
                sources=sources,
                png=best_usd_per_pflop_day_png(rows),
            ),
        ],
    )


def dawnbench_section(db: str | os.PathLike) -> Section:
    entries = named_read("report_dawnbench_entries", path=db)
    frontier = named_read("report_dawnbench_frontier", path=db)
    sources = _sources_of(entries)
    charts = [
        Figure(
            f"dawnbench_{measure}",
            f"DAWNBench training {measure} to target, with the record frontier",
            "report_dawnbench_entries",
            sources=sources,
            png=dawnbench_png(entries, frontier, measure),
            caption="Records: report_dawnbench_frontier (analysis.dawnbench_frontier).",
        )
        for measure in ("time", "cost")
    ]
    return Section(
        "dawnbench",
        "DAWNBench records",
        "Time and cost to a fixed quality target (Stanford DAWNBench, 2017-2020).",
        [
            Figure(
                "dawnbench_records",
                "Training records standing at the end of the benchmark",
                "report_dawnbench_records",
                sources=sources,
                table=named_read("report_dawnbench_records", path=db),
            ),
            *charts,
            Figure(
                "dawnbench_progress",
                "Progress: the first submission day's best against the best",
                "report_dawnbench_progress",
                sources=sources,
                table=named_read("report_dawnbench_progress", path=db),
            ),
        ],
    )


def history_section(db: str | os.PathLike) -> Section:
    history = named_read("report_trend_history", path=db)
    sources = _tables_sources(db, [MODELS, PRICES])
    return Section(
        "history",
        "What was known when",
        "The followed trends fitted as of each upstream version's date and yearly cut-offs, "
        "and how their extrapolations fared (flopbase query --as-of reads the same past).",
        [
            Figure(
                "doubling_history",
                "Doubling time as estimated over time",
                "report_trend_history",
                sources=sources,
                png=doubling_history_png(history),
            ),
            Figure(
                "backtest",
                "Backtest: past fits' intervals against what was observed 1 and 2 years on",
                "report_backtest_summary",
                sources=sources,
                table=named_read("report_backtest_summary", path=db),
            ),
        ],
    )


def sections(db: str | os.PathLike, trends: tuple[list[Figure], pl.DataFrame]) -> list[Section]:
    """Every section; `trends`: the trend charts and headline trends (pipelines/report_trends.py)."""
    return [
        headline_section(db, *trends),
        prices_section(db),
        overhang_section(db),
        dawnbench_section(db),
        history_section(db),
    ]

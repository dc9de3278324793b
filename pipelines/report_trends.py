"""The trend charts of `flopbase report`: the headline trends' inputs gathered from the warehouse
as analysis/trend_estimate gathers them, fitted again with the options each stored estimate
records (method, interval level, resamples, seed: the bootstrap is seeded, so the line and band
are the stored estimate's), and drawn with `analyses.trend_plots.trend_png`, one chart per
metric (all its subsets)."""

from __future__ import annotations

import os

import polars as pl

from analyses.trend_estimates import Fitted, fit_all
from analyses.trend_plots import trend_png
from pipelines import fit_store
from pipelines.report_html import Figure
from pipelines.resources import WarehouseResource
from pipelines.trend_inputs import gather_inputs
from warehouse.reads import named_read

# a refit whose slope differs from the stored one by more than this is said in the caption
SLOPE_TOLERANCE = 1e-9
OPTIONS = ("method", "ci_level", "resamples", "seed")


def refit(db: str | os.PathLike) -> tuple[list[Fitted], pl.DataFrame, pl.DataFrame]:
    """(the fits of every subset of each metric with a headline trend, the (metric, subset) of
    the headline trends, the stored options and slopes of the newest estimates)."""
    inputs, _, _ = gather_inputs(WarehouseResource(path=str(db)))
    figures = {i.figure_name for i in inputs if i.headline}
    drawn = [i for i in inputs if i.figure_name in figures]
    stored = named_read("report_trend_fit_options", path=db)
    first = stored.unique(["metric", "subset"], keep="first", maintain_order=True)
    options = {(r["metric"], r["subset"]): tuple(r[o] for o in OPTIONS) for r in first.to_dicts()}
    fitted: list[Fitted] = []
    for option in sorted(set(options.values())):
        method, ci_level, resamples, seed = option
        chosen = [i for i in drawn if options.get((i.metric, i.subset)) == option]
        made, _ = fit_all(
            chosen,
            method=method,
            ci_level=ci_level,
            n_resamples=resamples,
            seed=seed,
            memo=fit_store.configured(),
        )
        fitted += made
    headline = pl.DataFrame(
        [(i.metric, i.subset) for i in inputs if i.headline],
        schema={"metric": pl.String, "subset": pl.String},
        orient="row",
    )
    return fitted, headline, first


def differing(fitted: list[Fitted], stored: pl.DataFrame) -> list[str]:
    """'metric [subset]' of each refit whose slope is not the stored estimate's."""
    slopes = {(r["metric"], r["subset"]): r["log10_slope_per_year"] for r in stored.to_dicts()}
    return [
        f"{f.input.metric} [{f.input.subset}]"
        for f in fitted
        if abs(f.fit.estimate.log10_slope_per_year - slopes[(f.input.metric, f.input.subset)])
        > SLOPE_TOLERANCE * max(1.0, abs(slopes[(f.input.metric, f.input.subset)]))
    ]


def trend_figures(db: str | os.PathLike) -> tuple[list[Figure], pl.DataFrame]:
    """One Figure per metric of a headline trend (chart, and the table of its subsets'
    estimates), and the (metric, subset) of the headline trends."""
    fitted, headline, stored = refit(db)
    groups: dict[str, list[Fitted]] = {}
    for item in fitted:
        groups.setdefault(item.input.figure_name, []).append(item)
    figures = []
    for name, group in groups.items():
        metric = group[0].input.metric
        subsets = [f.input.subset for f in group]
        table = named_read("report_trends_of_metric", [metric], path=db).filter(
            pl.col("subset").is_in(subsets)
        )
        off = differing(group, stored)
        note = f" The refit differs from the stored estimate for {', '.join(off)}." if off else ""
        figures.append(
            Figure(
                f"trend_{name.replace(' ', '_')}",
                f"Trend of {name}",
                "report_trends_of_metric",
                [metric],
                sources=sorted(
                    {s for v in table["sources"].drop_nulls().to_list() for s in v.split(",")}
                ),
                png=trend_png(group, f"Trend of {name}"),
                table=table.drop("sources"),
                caption=f"Points: {'; '.join(sorted({f.input.points for f in group}))}. "
                "Line: the fit; band: its bootstrap interval." + note,
            )
        )
    return figures, headline

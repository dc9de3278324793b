"""What the trend assets fit: one `TrendInput` (dated values and a subset rule) per required
estimate, its points frame, and the names of subsets and sources. The inputs themselves are
built from warehouse frames by `trend_inputs_models` (training compute and cost, published
points), `trend_inputs_hardware` (launch price-performance, ML hardware), `trend_inputs_cloud`
(cloud prices and price-performance) and `trend_inputs_dawnbench`; `analyses.trend_estimates`
fits them.

- **Coverage**: every point carries its `source` (comma list), and where it is a price its
  `provider` and the first and last day of the quotes behind it (`first_on`, `last_on`), so
  each estimate can state what it rests on (`trend_coverage.coverage`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl


@dataclass(frozen=True, eq=False)
class TrendInput:
    """One estimate to make: the points (`data`: `date`, `value`, optionally `group` for a
    within-group fit, and for coverage `source`, `provider`, `first_on`, `last_on`) and which
    of them to fit. `monthly`: points are calendar months (gaps between them are reported)."""

    metric: str
    subset: str
    unit: str
    points: str  # what one point is and how it is dated
    data: pl.DataFrame
    start: date | None = None
    end: date | None = None
    frontier_k: int | None = None
    figure: str = ""  # inputs with the same figure name are drawn together; default: metric
    headline: bool = False  # listed in the asset's table of headline estimates
    monthly: bool = False

    @property
    def groups(self) -> pl.Series | None:
        return self.data["group"] if "group" in self.data.columns else None

    @property
    def figure_name(self) -> str:
        return self.figure or self.metric


def points_frame(
    dates: pl.Series, values: pl.Series, sources: pl.Series | str | None = None, **extra
) -> pl.DataFrame:
    """The frame a `TrendInput` holds: `date` (Date), `value` (Float64), `source` (a comma list
    per point, or one name for all) when given, and any `extra` columns as they are."""
    frame = pl.DataFrame({"date": dates.cast(pl.Date), "value": values.cast(pl.Float64)})
    if sources is not None:
        frame = frame.with_columns(
            source=pl.lit(sources, pl.String) if isinstance(sources, str) else sources
        )
    return frame.with_columns(**extra) if extra else frame


def source_names(versions: pl.Expr) -> pl.Expr:
    """'epoch_models/2026-03-30-c72c,owid/1' -> 'epoch_models,owid': the sources of a comma
    list of source/version strings."""
    return (
        versions.str.split(",")
        .list.eval(pl.element().str.strip_chars().str.split("/").list.first())
        .list.unique()
        .list.sort()
        .list.join(",")
    )


def subset_name(
    population: str,
    start: date | None = None,
    end: date | None = None,
    frontier_k: int | None = None,
) -> str:
    """'notable', 'notable top10 2010-01-01..', 'notable ..2009-12-31'."""
    parts = [population] + ([f"top{frontier_k}"] if frontier_k else [])
    if start or end:
        parts.append(f"{start.isoformat() if start else ''}..{end.isoformat() if end else ''}")
    return " ".join(parts)

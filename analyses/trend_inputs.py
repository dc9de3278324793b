"""What the trend assets fit: one `TrendInput` (dated values and a subset rule) per required
estimate, built from warehouse frames (`analyses.trend_estimates` fits them).

Pure polars over frames of the warehouse tables named in each function, so a notebook can call
them. Decisions (issue "Trend engine"):
- **Training compute** (core.model): notable models by publication date, split at 2010-01-01 into
  the deep-learning era and before it (Sevilla et al. 2022's eras); the running top 10 of notable
  models (ranked over their whole history, `trends.frontier_mask`) from 2010; Epoch's
  large-scale list (models over 1e23 FLOP) as published, and its notable models.
- **Price-performance at launch** (analysis.price_performance, basis launch_price, joined to
  core.hardware): peak FLOP/s per launch dollar of GPUs (kind 'gpu'), and of the GPUs Epoch's
  ML hardware database lists ("ml gpu"), at fp32, bf16 (16-bit tensor) and fp16 (half
  precision, vector units); dated by release. Prices are nominal dollars, as stated.
- **ML hardware** ("ml hardware"): chips of core.hardware that Epoch's ML hardware database
  lists (`sources` names epoch_hardware), any kind, by release date: peak fp32 and 16-bit
  tensor FLOP/s, memory and memory bandwidth.
- **Cloud prices** (core.cloud_price): one point per accelerator, pricing model and calendar
  month, the median across providers and regions of each provider-region's own monthly median,
  so a tracker quoting every few minutes counts once per provider and region, as a price list's
  region does; a series is fitted when it has at least `MAJOR_MONTHS` (12) months of data,
  enough to span a year. Which providers quote a chip changes over time (FSDL's small clouds
  early, AWS and GCP later), and a month's median moves with them: read these as the going
  rate in the data, not one provider's list price.
- **Cloud price-performance** (analysis.price_performance cloud rows): per pricing model and
  precision (fp32, bf16), the month's minimum of the daily cheapest USD per PFLOP/s-day: what
  the best offer of the month cost, whichever accelerator it was on.
- **DAWNBench** (core.dawnbench_entry): training entries per task, time and cost to the
  quality target, by submission date.
- **Training cost** (core.model): frontier models' cost in constant 2023 dollars (Epoch's
  estimate), all of them and from 2016 (the window of Cottier et al. 2024).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl

from analyses.models import FRONTIER_TOP

DEEP_LEARNING_ERA = date(2010, 1, 1)  # Sevilla et al. 2022: the deep-learning era from 2010
BEFORE_DEEP_LEARNING = date(2009, 12, 31)
COST_WINDOW = date(2016, 1, 1)  # Cottier et al. 2024 fit frontier training costs from 2016
FRONTIER_K = FRONTIER_TOP  # Epoch's frontier: the running top 10
MAJOR_MONTHS = 12
LAUNCH_PRECISIONS = ("fp32", "bf16", "fp16")
CLOUD_PRECISIONS = ("fp32", "bf16")
ML_HARDWARE_SOURCE = "epoch_hardware"
ML_HARDWARE_METRICS = {  # core.hardware column -> unit
    "fp32_flop_per_s": "FLOP/s",
    "bf16_flop_per_s": "FLOP/s",
    "memory_bytes": "B",
    "memory_bandwidth_bytes_per_s": "B/s",
}


@dataclass(frozen=True, eq=False)
class TrendInput:
    """One estimate to make: the points (`data`: `date`, `value`) and which of them to fit."""

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

    @property
    def figure_name(self) -> str:
        return self.figure or self.metric


def points_frame(dates: pl.Series, values: pl.Series) -> pl.DataFrame:
    """The `date`, `value` frame a `TrendInput` holds (dates as Date, values as Float64)."""
    return pl.DataFrame({"date": dates.cast(pl.Date), "value": values.cast(pl.Float64)})


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


def compute_inputs(models: pl.DataFrame) -> list[TrendInput]:
    """Training compute trends of core.model (`published_on`, `training_compute_flop`,
    `is_notable`, `is_large_scale`)."""
    notable = models.filter(pl.col("is_notable"))
    large = models.filter(pl.col("is_large_scale"))

    def make(frame, population, what, start=None, end=None, k=None, headline=True):
        return TrendInput(
            metric="training_compute_flop",
            subset=subset_name(population, start, end, k),
            unit="FLOP",
            points=f"{what} with a compute estimate, by publication date",
            data=points_frame(frame["published_on"], frame["training_compute_flop"]),
            start=start,
            end=end,
            frontier_k=k,
            headline=headline,
        )

    return [
        make(notable, "notable", "a notable model", start=DEEP_LEARNING_ERA),
        make(notable, "notable", "a notable model", end=BEFORE_DEEP_LEARNING),
        make(
            notable,
            "notable",
            f"a notable model in the running top {FRONTIER_K} of notable models",
            start=DEEP_LEARNING_ERA,
            k=FRONTIER_K,
        ),
        make(large, "large-scale", "a model of Epoch's large-scale list", headline=False),
        make(
            large.filter(pl.col("is_notable")),
            "large-scale notable",
            "a notable model of Epoch's large-scale list",
        ),
    ]


def training_cost_inputs(models: pl.DataFrame) -> list[TrendInput]:
    """Training cost of frontier models (core.model `is_frontier`, `training_cost_usd`,
    `published_on`)."""
    frontier = models.filter(pl.col("is_frontier"))
    data = points_frame(frontier["published_on"], frontier["training_cost_usd"])
    what = "a frontier model with a cost estimate (constant 2023 USD), by publication date"
    return [
        TrendInput("training_cost_usd", "frontier", "USD", what, data, headline=True),
        TrendInput(
            "training_cost_usd",
            subset_name("frontier", start=COST_WINDOW),
            "USD",
            what,
            data,
            start=COST_WINDOW,
        ),
    ]


def _in_ml_hardware(sources: pl.Expr) -> pl.Expr:
    return sources.str.split(",").list.contains(ML_HARDWARE_SOURCE)


def launch_price_inputs(
    price_performance: pl.DataFrame, hardware: pl.DataFrame
) -> list[TrendInput]:
    """FLOP/s per launch dollar of GPUs, and of ML GPUs, per precision (analysis.
    price_performance `hardware_id`, `precision`, `basis`, `priced_on`, `flop_per_s_per_usd`;
    core.hardware `hardware_id`, `kind`, `sources`)."""
    rows = price_performance.filter(pl.col("basis") == "launch_price").join(
        hardware.select("hardware_id", "kind", "sources"), on="hardware_id", how="left"
    )
    gpus = rows.filter(pl.col("kind") == "gpu")
    populations = {
        "gpu": (gpus, "a GPU"),
        "ml gpu": (
            gpus.filter(_in_ml_hardware(pl.col("sources"))),
            "a GPU of Epoch's ML hardware database",
        ),
    }
    inputs = []
    for precision in LAUNCH_PRECISIONS:
        for subset, (frame, what) in populations.items():
            part = frame.filter(pl.col("precision") == precision)
            inputs.append(
                TrendInput(
                    metric=f"{precision}_flop_per_s_per_usd",
                    subset=subset,
                    unit="FLOP/s/USD",
                    points=f"{what} with a launch price (nominal USD), by release date",
                    data=points_frame(part["priced_on"], part["flop_per_s_per_usd"]),
                    headline=precision != "fp16",
                )
            )
    return inputs


def ml_hardware_inputs(hardware: pl.DataFrame) -> list[TrendInput]:
    """Peak throughput, memory and bandwidth of the chips in Epoch's ML hardware database
    (core.hardware `sources`, `released_on` and the metric columns)."""
    ml = hardware.filter(_in_ml_hardware(pl.col("sources")))
    return [
        TrendInput(
            metric=column,
            subset="ml hardware",
            unit=unit,
            points="a chip of Epoch's ML hardware database, by release date",
            data=points_frame(ml["released_on"], ml[column]),
            headline=True,
        )
        for column, unit in ML_HARDWARE_METRICS.items()
    ]


def monthly_cloud_prices(cloud_price: pl.DataFrame) -> pl.DataFrame:
    """One price per `hardware_id`, `pricing` and `month` (first day): the median across
    providers and regions of each one's median that month (core.cloud_price `observed_at`,
    `provider`, `region`, `hardware_id`, `pricing`, `usd_per_accelerator_hour`); `quotes`
    and `places` (provider-regions) say what it rests on."""
    quotes = cloud_price.filter(
        pl.col("hardware_id").is_not_null() & pl.col("usd_per_accelerator_hour").is_not_null()
    ).with_columns(month=pl.col("observed_at").dt.date().dt.truncate("1mo"))
    per_place = quotes.group_by("hardware_id", "pricing", "month", "provider", "region").agg(
        usd=pl.col("usd_per_accelerator_hour").median(), quotes=pl.len()
    )
    return (
        per_place.group_by("hardware_id", "pricing", "month")
        .agg(
            usd_per_accelerator_hour=pl.col("usd").median(),
            quotes=pl.col("quotes").sum(),
            places=pl.len(),
        )
        .sort("hardware_id", "pricing", "month")
    )


def major_series(monthly: pl.DataFrame, min_months: int = MAJOR_MONTHS) -> pl.DataFrame:
    """(`hardware_id`, `pricing`, `months`) of the series with at least `min_months` months."""
    return (
        monthly.group_by("hardware_id", "pricing")
        .agg(months=pl.col("month").n_unique())
        .filter(pl.col("months") >= min_months)
        .sort("pricing", "months", "hardware_id", descending=[False, True, False])
    )


def cloud_price_inputs(monthly: pl.DataFrame, min_months: int = MAJOR_MONTHS) -> list[TrendInput]:
    """Monthly price per accelerator-hour (`monthly_cloud_prices`) of each major accelerator
    and pricing model."""
    inputs = []
    for hardware_id, pricing, _ in major_series(monthly, min_months).iter_rows():
        series = monthly.filter(
            (pl.col("hardware_id") == hardware_id) & (pl.col("pricing") == pricing)
        )
        inputs.append(
            TrendInput(
                metric="usd_per_accelerator_hour",
                subset=f"{hardware_id} {pricing}",
                unit="USD/(accelerator*h)",
                points="a month: median across providers and regions of each one's median "
                "price that month, dated the 1st",
                data=points_frame(series["month"], series["usd_per_accelerator_hour"]),
                figure=f"usd_per_accelerator_hour {pricing}",
            )
        )
    return inputs


def cloud_price_performance_inputs(price_performance: pl.DataFrame) -> list[TrendInput]:
    """Monthly cheapest USD per PFLOP/s-day per pricing model and precision (analysis.
    price_performance cloud rows: `basis`, `precision`, `priced_on`, `usd_per_pflop_day`)."""
    monthly = (
        price_performance.filter(
            pl.col("basis").str.starts_with("cloud_")
            & pl.col("precision").is_in(CLOUD_PRECISIONS)
            & pl.col("usd_per_pflop_day").is_not_null()
        )
        .group_by("precision", "basis", month=pl.col("priced_on").dt.truncate("1mo"))
        .agg(pl.col("usd_per_pflop_day").min())
        .sort("precision", "basis", "month")
    )
    return [
        TrendInput(
            metric="usd_per_pflop_day",
            subset=f"{precision} {basis}",
            unit="USD/(PFLOP/s*day)",
            points="a month: its cheapest daily price, any accelerator, provider and region, "
            "dated the 1st",
            data=points_frame(part["month"], part["usd_per_pflop_day"]),
            figure=f"usd_per_pflop_day {precision}",
            headline=precision == "bf16" and basis in ("cloud_on_demand", "cloud_spot"),
        )
        for (precision, basis), part in monthly.group_by("precision", "basis", maintain_order=True)
    ]


DAWNBENCH_COLUMNS = ("task", "kind", "submitted_on", "time_to_target_s", "cost_usd")


def dawnbench_inputs(entries: pl.DataFrame) -> list[TrendInput]:
    """Time and cost to the quality target of DAWNBench training entries, per task
    (core.dawnbench_entry `task`, `kind`, `submitted_on`, `time_to_target_s`, `cost_usd`)."""
    train = entries.filter(pl.col("kind") == "train")
    inputs = []
    for metric, unit, what in (
        ("time_to_target_s", "s", "time"),
        ("cost_usd", "USD", "cost (on-demand cloud price as submitted)"),
    ):
        for task in sorted(train["task"].drop_nulls().unique()):
            part = train.filter(pl.col("task") == task)
            inputs.append(
                TrendInput(
                    metric=metric,
                    subset=f"dawnbench {task} train",
                    unit=unit,
                    points=f"a DAWNBench training entry's {what} to the target, by submission date",
                    data=points_frame(part["submitted_on"], part[metric]),
                    headline=task == "ImageNet",
                )
            )
    return inputs

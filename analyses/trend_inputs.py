"""What the trend assets fit: one `TrendInput` (dated values and a subset rule) per required
estimate, built from warehouse frames (`analyses.trend_estimates` fits them).

Pure polars over frames of the warehouse tables named in each function, so a notebook can call
them. Decisions (issue "Trend engine"):
- **Training compute** (core.model): notable models by publication date, split at 2010-01-01 into
  the deep-learning era and before it (Sevilla et al. 2022's eras); the running top 10 of notable
  models (ranked over their whole history, `trend_points.frontier_mask`) from 2010; Epoch's
  large-scale list (models over 1e23 FLOP) as published, and its notable models.
- **Price-performance at launch** (analysis.price_performance, basis launch_price, joined to
  core.hardware): peak FLOP/s per launch dollar of GPUs (kind 'gpu'), and of the GPUs Epoch's
  ML hardware database lists ("ml gpu"), at every precision of `LAUNCH_PRECISIONS` as
  analysis.price_performance names them (fp16: vector units; fp16_tensor: tensor units, so the
  two are never mixed in one series); dated by release. Prices are nominal dollars, as stated.
  Epoch's published rule is reproduced beside ours: FP32 per launch dollar of GPUs released
  2006-2021 (`EPOCH_2022_GPU_SUBSET`, Hobbhahn & Besiroglu 2022).
- **Published points** (core.model_estimate): OpenAI's "AI and Compute" (2018) data points as
  published, fitted as OpenAI's own rule (`OPENAI_2018_SUBSET`); and the notable models of
  Sevilla et al. (2022)'s deep-learning era window, 2010-01-01 to 2022-02-28.
- **ML hardware** ("ml hardware"): chips of core.hardware that Epoch's ML hardware database
  lists (`sources` names epoch_hardware), any kind, by release date: peak fp32 and 16-bit
  tensor FLOP/s, memory and memory bandwidth.
- **Cloud prices** (core.cloud_price), like with like (issue 19): a point is one *offer*'s
  month, an offer being one accelerator, pricing model, provider, region and instance type
  (whichever source quotes it), its value the median of the offer's quotes that month, so a
  tracker quoting every few minutes counts once. The trend of an accelerator and pricing model
  is the slope *within offers* (`trend_fit.fit_trend(groups=...)`: each offer's own level
  removed), so a provider entering or leaving the data moves no estimate; only offers quoted in
  at least two months count, and quotes judged suspect (core.cloud_price `is_suspect`) none. A
  series is fitted when those offers cover at least
  `MAJOR_MONTHS` (12) distinct months. (The median across providers of each month,
  `monthly_cloud_prices`, read H100 on demand as "doubling every 2.0 years" when GCP's dearer
  offers entered the data; it stays as a description of the going rate, not a trend.)
- **Coverage**: every point carries its `source` (comma list), and where it is a price its
  `provider` and the first and last day of the quotes behind it (`first_on`, `last_on`), so
  each estimate can state what it rests on (`trend_estimates.coverage`).
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
LAUNCH_PRECISIONS = ("fp32", "bf16", "fp16", "fp16_tensor")
EPOCH_2022_GPU_SUBSET = "gpu 2006-2021 (Epoch 2022 rule)"
EPOCH_2022_GPU_WINDOW = (date(2006, 1, 1), date(2021, 12, 31))
OPENAI_2018_SUBSET = "openai 2018 ai-and-compute points"
OPENAI_2018_SOURCE = "openai_ai_and_compute"
SEVILLA_2022_END = date(2022, 2, 28)  # their data ends February 2022 (arXiv:2202.05924)
CLOUD_PRECISIONS = ("fp32", "bf16")
ML_HARDWARE_SOURCE = "epoch_hardware"
ML_HARDWARE_METRICS = {  # core.hardware column -> unit
    "fp32_flop_per_s": "FLOP/s",
    "bf16_flop_per_s": "FLOP/s",
    "fp16_tensor_flop_per_s": "FLOP/s",  # fitted where core.hardware has the column
    "memory_bytes": "B",
    "memory_bandwidth_bytes_per_s": "B/s",
}


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
            data=points_frame(
                frame["published_on"], frame["training_compute_flop"], _model_sources(frame)
            ),
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
        make(
            notable,
            "notable",
            "a notable model (Sevilla et al. 2022's deep-learning era window)",
            start=DEEP_LEARNING_ERA,
            end=SEVILLA_2022_END,
            headline=False,
        ),
        make(large, "large-scale", "a model of Epoch's large-scale list", headline=False),
        make(
            large.filter(pl.col("is_notable")),
            "large-scale notable",
            "a notable model of Epoch's large-scale list",
        ),
    ]


def _model_sources(models: pl.DataFrame) -> pl.Series | None:
    """The sources of each model's versions (core.model `versions`), when selected."""
    if "versions" not in models.columns:
        return None
    return models.select(source_names(pl.col("versions"))).to_series()


def published_compute_inputs(estimates: pl.DataFrame) -> list[TrendInput]:
    """OpenAI's "AI and Compute" (2018) points as published (core.model_estimate `source`,
    `quantity`, `published_on`, `value`): their rule reproduced with their own numbers."""
    points = estimates.filter(
        (pl.col("source") == OPENAI_2018_SOURCE) & (pl.col("quantity") == "training_compute_flop")
    )
    return [
        TrendInput(
            metric="training_compute_flop",
            subset=OPENAI_2018_SUBSET,
            unit="FLOP",
            points="a data point of OpenAI's 'AI and Compute' (2018) as published, by its date",
            data=points_frame(points["published_on"], points["value"], OPENAI_2018_SOURCE),
            headline=True,
        )
    ]


def training_cost_inputs(models: pl.DataFrame) -> list[TrendInput]:
    """Training cost of frontier models (core.model `is_frontier`, `training_cost_usd`,
    `published_on`)."""
    frontier = models.filter(pl.col("is_frontier"))
    data = points_frame(
        frontier["published_on"], frontier["training_cost_usd"], _model_sources(frontier)
    )
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
                    data=_launch_points(part),
                    headline=precision in ("fp32", "bf16"),
                )
            )
    part = gpus.filter(pl.col("precision") == "fp32")
    inputs.append(
        TrendInput(
            metric="fp32_flop_per_s_per_usd",
            subset=EPOCH_2022_GPU_SUBSET,
            unit="FLOP/s/USD",
            points="a GPU released 2006-2021 with a launch price (nominal USD), by release date "
            "(Hobbhahn & Besiroglu 2022's window and population)",
            data=_launch_points(part),
            start=EPOCH_2022_GPU_WINDOW[0],
            end=EPOCH_2022_GPU_WINDOW[1],
            headline=True,
        )
    )
    return inputs


def _launch_points(rows: pl.DataFrame) -> pl.DataFrame:
    """Points of launch-price rows; their sources are the chip's spec sources (core.hardware
    `sources`: the launch price is one of the chip's attributes)."""
    sources = rows["sources"] if "sources" in rows.columns else None
    return points_frame(rows["priced_on"], rows["flop_per_s_per_usd"], sources)


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
            data=points_frame(ml["released_on"], ml[column], ml["sources"]),
            headline=column != "fp16_tensor_flop_per_s",
        )
        for column, unit in ML_HARDWARE_METRICS.items()
        if column in ml.columns  # the spec columns as core.hardware has them
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


OFFER = ("hardware_id", "pricing", "provider", "region", "instance_type")


def offer_months(cloud_price: pl.DataFrame) -> pl.DataFrame:
    """One row per offer (`OFFER`) and `month` (first day): the median of the offer's quotes that
    month (`usd_per_accelerator_hour`), their count (`quotes`), sources (comma list) and the
    first and last day quoted (core.cloud_price `observed_at`, `source` and the `OFFER` columns;
    a null region or instance type is an offer of its own). Quotes judged suspect
    (`is_suspect`, when the frame has it: e.g. a GCP A2 price without its GPU charge, 1.41
    against the offer's 5.03) are left out: one would read as a price jump within its offer."""
    usable = pl.col("hardware_id").is_not_null() & pl.col("usd_per_accelerator_hour").is_not_null()
    if "is_suspect" in cloud_price.columns:
        usable &= ~pl.col("is_suspect").fill_null(False)
    quotes = cloud_price.filter(usable).with_columns(
        day=pl.col("observed_at").dt.date(),
        month=pl.col("observed_at").dt.date().dt.truncate("1mo"),
    )
    return (
        quotes.group_by(*OFFER, "month")
        .agg(
            usd_per_accelerator_hour=pl.col("usd_per_accelerator_hour").median(),
            quotes=pl.len(),
            source=pl.col("source").unique().sort().str.join(","),
            first_on=pl.col("day").min(),
            last_on=pl.col("day").max(),
        )
        .sort(*OFFER, "month", nulls_last=True)
    )


def major_offer_series(offers: pl.DataFrame, min_months: int = MAJOR_MONTHS) -> pl.DataFrame:
    """(`hardware_id`, `pricing`, `months`, `offers`) of the series whose offers quoted in at
    least two months cover at least `min_months` distinct months (`offer_months` rows)."""
    changing = offers.filter(pl.col("month").n_unique().over(*OFFER) >= 2)
    return (
        changing.group_by("hardware_id", "pricing")
        .agg(
            months=pl.col("month").n_unique(),
            offers=pl.struct(*OFFER).n_unique(),
        )
        .filter(pl.col("months") >= min_months)
        .sort("pricing", "months", "hardware_id", descending=[False, True, False])
    )


def cloud_price_inputs(offers: pl.DataFrame, min_months: int = MAJOR_MONTHS) -> list[TrendInput]:
    """Price per accelerator-hour of each major accelerator and pricing model, fitted within
    offers (`offer_months` rows; see the module docstring)."""
    inputs = []
    for hardware_id, pricing, _, _ in major_offer_series(offers, min_months).iter_rows():
        series = offers.filter(
            (pl.col("hardware_id") == hardware_id) & (pl.col("pricing") == pricing)
        )
        group = pl.concat_str(
            [pl.col(c).fill_null("") for c in ("provider", "region", "instance_type")],
            separator="|",
        )
        data = points_frame(
            series["month"],
            series["usd_per_accelerator_hour"],
            series["source"],
            provider=series["provider"],
            first_on=series["first_on"],
            last_on=series["last_on"],
            group=series.select(group).to_series(),
        )
        inputs.append(
            TrendInput(
                metric="usd_per_accelerator_hour",
                subset=f"{hardware_id} {pricing}",
                unit="USD/(accelerator*h)",
                points="an offer's month (provider, region, instance type): the median of its "
                "quotes that month, dated the 1st; the slope is within offers",
                data=data,
                figure=f"usd_per_accelerator_hour {pricing}",
                monthly=True,
            )
        )
    return inputs


def cloud_price_performance_inputs(price_performance: pl.DataFrame) -> list[TrendInput]:
    """Monthly cheapest USD per PFLOP/s-day per pricing model and precision (analysis.
    price_performance cloud rows: `basis`, `precision`, `priced_on`, `usd_per_pflop_day`, and
    `provider`, `source` of the offer when selected): the month's cheapest row is the point."""
    rows = price_performance.filter(
        pl.col("basis").str.starts_with("cloud_")
        & pl.col("precision").is_in(CLOUD_PRECISIONS)
        & pl.col("usd_per_pflop_day").is_not_null()
    )
    for name in ("provider", "source"):
        if name not in rows.columns:
            rows = rows.with_columns(pl.lit(None, pl.String).alias(name))
    monthly = (
        rows.sort("usd_per_pflop_day", "priced_on", nulls_last=True)
        .group_by("precision", "basis", month=pl.col("priced_on").dt.truncate("1mo"))
        .agg(
            pl.col("usd_per_pflop_day").first(),
            pl.col("provider").first(),
            pl.col("source").first(),
            first_on=pl.col("priced_on").min(),
            last_on=pl.col("priced_on").max(),
        )
        .sort("precision", "basis", "month")
    )
    return [
        TrendInput(
            metric="usd_per_pflop_day",
            subset=f"{precision} {basis}",
            unit="USD/(PFLOP/s*day)",
            points="a month: its cheapest daily price, any accelerator, provider and region, "
            "dated the 1st",
            data=points_frame(
                part["month"],
                part["usd_per_pflop_day"],
                part["source"],
                provider=part["provider"],
                first_on=part["first_on"],
                last_on=part["last_on"],
            ),
            figure=f"usd_per_pflop_day {precision}",
            headline=precision == "bf16" and basis in ("cloud_on_demand", "cloud_spot"),
            monthly=True,
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
                    data=points_frame(part["submitted_on"], part[metric], "dawnbench"),
                    headline=task == "ImageNet",
                )
            )
    return inputs

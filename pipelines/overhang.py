"""Overhang: the asset analysis/overhang_estimate, every assumption a run config field."""

import dagster as dg
import polars as pl
from pydantic import Field

from analyses import (
    frontier_prices,
    overhang_costs,
    overhang_prices,
    overhang_rows,
    overhang_tokens,
)
from analyses.overhang_plots import best_usd_per_pflop_day_png, tokens_per_s_png
from pipelines.checks import markdown_table
from pipelines.plots import Plots
from pipelines.resources import WarehouseResource
from pipelines.tables import publish_table, table_asset, today
from schemas import HARDWARE, MODEL, PRICE_PERFORMANCE
from schemas.dawnbench import DAWNBENCH_PROGRESS
from schemas.overhang import OVERHANG_ESTIMATE

GROUP = "overhang"
MODEL_COLUMNS = (
    *("model_id", "name", "published_on", "training_compute_flop", "parameters"),
    *("active_parameters", "training_time_s", "base_model", "finetune_compute_flop"),
    *("implied_utilisation", "is_physically_implausible", "implausible_reason", "versions"),
)


class PurchasePreset(dg.Config):
    """A hypothetical accelerator purchase, amortised like the real ones."""

    name: str
    price_usd: float
    peak_flop_per_s: float
    amortisation_days: float


def _presets() -> list[PurchasePreset]:
    return [
        # the named presets: a $10,000 accelerator at 30 TFLOPS over a year ...
        PurchasePreset(
            name="usd-10000-at-30-tflops-1y",
            price_usd=10_000,
            peak_flop_per_s=30e12,
            amortisation_days=365,
        ),
        # ... and a $1,000 card at 125 TFLOPS over a year
        PurchasePreset(
            name="usd-1000-at-125-tflops-1y",
            price_usd=1_000,
            peak_flop_per_s=125e12,
            amortisation_days=365,
        ),
    ]


class OverhangConfig(dg.Config):
    """Run config of analysis/overhang_estimate: every assumption of the estimates."""

    # a. inference on training compute
    # one forward pass per generated token: 2 FLOP (a multiply and an add) per parameter used
    inference_flop_per_parameter_per_token: float = 2.0
    stream_tokens_per_s: float = 30.0  # one stream: about a fast reader's rate of an LLM chat
    # b. a Chinchilla-trained model on a share of the world's compute
    world_flop_per_s: float = 4e21  # W: the world's accelerator FLOP/s
    world_share: float = 0.25  # f: share of W the training run gets
    world_training_s: float = 3e7  # N: training duration, about a year
    tokens_per_parameter: float = 20.0  # m: Chinchilla's compute-optimal data (Hoffmann 2022)
    token_equivalents_per_data_point: float = 1.0  # H: 1 for text
    world_flop_per_parameter_per_token: float = 4.0  # k: FLOP per parameter per token
    world_stream_tokens_per_s: float = 50.0  # one stream of the world model's output
    # c, d. dollars per PFLOP/s-day
    # share of peak achieved, for bought and rented compute alike: the median model FLOP
    # utilisation Epoch states for its large-scale models is 0.38 (37 models)
    utilisation: float = 0.4
    amortisation_days: float = 365.0  # a bought accelerator is used for a year
    precision: str = "bf16"  # 16-bit tensor peak: what the best-price series compare at
    presets: list[PurchasePreset] = Field(default_factory=_presets)
    # d. cost and budget
    reference_model_id: str = "gpt-4-mar-2023"  # GPT-4 (Mar 2023) in core.model: 2.1e25 FLOP
    budget_usd: float = 1e9  # what a $1bn budget buys, as multiples of the reference compute
    # e. what a frontier run pays (analyses/frontier_prices.py): datacenter-class chips in
    # nodes of at least this many accelerators, never a suspect quote ...
    # one HGX/DGX board per node (TPU chip-hours of a pod slice count without a stated node)
    frontier_min_accelerators_per_instance: float = 8.0
    # ... priced at this quantile of the providers' cheapest quotes of the year ...
    frontier_price_quantile: float = 0.25
    # ... times the cluster's costs beyond accelerator-hours (network, storage, restarts):
    # 1.0 states none is assumed, so the figures are accelerator prices only
    cluster_overhead: float = 1.0


def frontier(
    config: OverhangConfig,
    price_performance: pl.DataFrame,
    cloud_price: pl.DataFrame,
    hardware: pl.DataFrame,
) -> tuple[pl.DataFrame, dict[str, float | str]]:
    """What a frontier run pays per basis and year (`overhang_prices.frontier_prices`), and the
    rule's assumptions for every row's inputs."""
    rule = {
        "precision": config.precision,
        "utilisation": config.utilisation,
        "cluster_overhead": config.cluster_overhead,
        "min_accelerators_per_instance": config.frontier_min_accelerators_per_instance,
        "price_quantile": config.frontier_price_quantile,
        "datacenter_rule": "analyses/frontier_prices.py is_datacenter",
    }
    datacenter = hardware.filter(frontier_prices.is_datacenter())["hardware_id"]
    bought = overhang_prices.best_prices(
        price_performance.filter(pl.col("hardware_id").is_in(datacenter.implode())),
        precision=config.precision,
        utilisation=config.utilisation,
        amortisation_days=config.amortisation_days,
    )
    rented = frontier_prices.rented(
        cloud_price,
        hardware,
        precision=config.precision,
        utilisation=config.utilisation,
        cluster_overhead=config.cluster_overhead,
        min_accelerators=config.frontier_min_accelerators_per_instance,
        quantile=config.frontier_price_quantile,
    )
    prices = overhang_prices.frontier_prices(
        rented, bought, precision=config.precision, cluster_overhead=config.cluster_overhead
    )
    return prices, rule


def estimates(
    config: OverhangConfig,
    models: pl.DataFrame,
    price_performance: pl.DataFrame,
    progress: pl.DataFrame,
    cloud_price: pl.DataFrame,
    hardware: pl.DataFrame,
) -> pl.DataFrame:
    """Every scenario's rows from the warehouse frames, under `config`."""
    best = overhang_prices.best_prices(
        price_performance,
        precision=config.precision,
        utilisation=config.utilisation,
        amortisation_days=config.amortisation_days,
    )
    at_scale, rule = frontier(config, price_performance, cloud_price, hardware)
    reference = overhang_costs.reference_model(models, config.reference_model_id)
    presets = pl.DataFrame([p.model_dump() for p in config.presets])
    return pl.concat(
        [
            overhang_tokens.inference_on_training_compute(
                models,
                flop_per_parameter_per_token=config.inference_flop_per_parameter_per_token,
                tokens_per_s_per_stream=config.stream_tokens_per_s,
            ),
            overhang_tokens.world_compute_chinchilla(
                world_flop_per_s=config.world_flop_per_s,
                share=config.world_share,
                duration_s=config.world_training_s,
                tokens_per_parameter=config.tokens_per_parameter,
                token_equivalents_per_data_point=config.token_equivalents_per_data_point,
                flop_per_parameter_per_token=config.world_flop_per_parameter_per_token,
                tokens_per_s_per_stream=config.world_stream_tokens_per_s,
            ),
            overhang_prices.amortised_purchase(
                price_performance,
                utilisation=config.utilisation,
                amortisation_days=config.amortisation_days,
            ),
            overhang_prices.purchase_presets(presets, utilisation=config.utilisation),
            overhang_prices.best_available(
                best, utilisation=config.utilisation, amortisation_days=config.amortisation_days
            ),
            overhang_costs.training_compute(models),
            overhang_costs.training_cost(at_scale, reference, rule),
            overhang_costs.budget_multiples(
                at_scale, reference, budget_usd=config.budget_usd, frontier=rule
            ),
            overhang_costs.dawnbench_progress(progress),
        ]
    )


@table_asset(
    OVERHANG_ESTIMATE,
    deps=[
        dg.AssetKey(["core", "model"]),
        dg.AssetKey(["analysis", "price_performance"]),
        dg.AssetKey(["core", "cloud_price"]),
        dg.AssetKey(["core", "hardware"]),
        dg.AssetKey(["analysis", "dawnbench_progress"]),
    ],
    group=GROUP,
)
def analysis_overhang_estimate(
    context: dg.AssetExecutionContext, config: OverhangConfig, warehouse: WarehouseResource
) -> dg.MaterializeResult:
    """Every overhang scenario from the warehouse as it stands, dated today (UTC), each row
    with the inputs it used; a headline table and two plots."""
    rows = estimates(
        config,
        warehouse.read(MODEL, MODEL_COLUMNS),
        warehouse.read(PRICE_PERFORMANCE),
        warehouse.read(DAWNBENCH_PROGRESS),
        warehouse.named("cloud_price_linked"),
        warehouse.read(HARDWARE),
    )
    table = rows.with_columns(as_of=pl.lit(today())).select(OVERHANG_ESTIMATE.column_names)
    counts = table.group_by("scenario").len().sort("scenario")
    plots = Plots(context, context.asset_key)
    context.log.info(f"{table.height} overhang estimates: {dict(counts.iter_rows())}")
    return publish_table(
        context,
        warehouse,
        OVERHANG_ESTIMATE,
        table,
        extra={
            "headline": dg.MetadataValue.md(
                markdown_table(overhang_rows.headline(table, config.reference_model_id))
            ),
            "rows_per_scenario": dg.MetadataValue.md(markdown_table(counts)),
            "tokens_per_s_plot": plots.png(
                "tokens_per_s_plot", "Tokens per second per model", tokens_per_s_png, table
            ),
            "best_price_plot": plots.png(
                "best_price_plot",
                "Best USD per PFLOP/s-day by year",
                best_usd_per_pflop_day_png,
                table,
            ),
            **plots.metadata(),
            "config": dg.MetadataValue.json(config.model_dump()),
        },
    )


assets = [analysis_overhang_estimate]

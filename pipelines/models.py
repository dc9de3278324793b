"""ML models and their training compute: every Epoch record of every version, one row per
model, the published estimates they are cross-checked against, and the checks themselves."""

import dagster as dg
import polars as pl

from analyses import model_consistency
from analyses.models import (
    fold,
    link_hardware,
    model_ids,
    precedence,
    with_active_parameters,
    with_frontier,
)
from analyses.plots import training_compute_png
from pipelines.checks import Rule, linked_to_hardware, markdown_table, rule, versions_accounted_for
from pipelines.ingest import validate_records
from pipelines.plots import Plots
from pipelines.raw import raw_keys
from pipelines.resources import SnapshotStoreResource, WarehouseResource
from pipelines.tables import asset_key, publish_table, table_asset, view_asset
from schemas import (
    HARDWARE,
    HARDWARE_ALIAS,
    MODEL,
    MODEL_COMPUTE_CHANGE,
    MODEL_ESTIMATE,
    MODEL_RECORD,
    UNRESOLVED_HARDWARE,
)
from sources import curated, epoch_models, openai_ai_and_compute, owid_ai, registry

GROUP = "training_compute"
# Epoch's model files and the published estimates, from the registry.
EPOCH_SOURCES = registry.with_role(registry.MODEL)
ESTIMATE_SOURCES = registry.with_role(registry.ESTIMATE)
LINK_GOAL = 0.90
# The published estimate read through a curated name map rather than Epoch's names.
RENAMED = openai_ai_and_compute.SOURCE.name

epoch_raw = raw_keys(registry.MODEL)
estimate_raw = raw_keys(registry.ESTIMATE)


def _report(description: str, rows: pl.DataFrame, bad: str) -> dg.AssetCheckResult:
    """A warning listing the rows flagged in column `bad` (never blocks: cross-checks report)."""
    flagged = rows.filter(pl.col(bad))
    return dg.AssetCheckResult(
        passed=flagged.height == 0,
        severity=dg.AssetCheckSeverity.WARN,
        description=f"{flagged.height} of {rows.height} {description}",
        metadata={
            "checked": rows.height,
            "flagged": flagged.height,
            "listing": dg.MetadataValue.md(
                markdown_table(flagged.head(50).with_columns(pl.col(pl.Float64).round_sig_figs(4)))
            ),
        },
    )


def _models(warehouse: WarehouseResource) -> pl.DataFrame:
    return warehouse.read(MODEL)


def _estimates(warehouse: WarehouseResource, source: str) -> pl.DataFrame:
    return warehouse.named("model_estimates_of_source", [source])


def _agrees_with(module, tolerance: float) -> Rule:
    source = module.SOURCE.name

    @rule(
        MODEL_ESTIMATE,
        f"{module.SOURCE.title}: its values against Epoch's (core.model) for the same models "
        f"(compute, parameters, data); lists those more than a factor {tolerance} apart.",
        name=f"agrees_with_{source}",
        blocking=False,
    )
    def _check(warehouse: WarehouseResource) -> dg.AssetCheckResult:
        rows = model_consistency.against_published(
            _estimates(warehouse, source), _models(warehouse), tolerance
        )
        rows = rows.with_columns(differs=~pl.col("agrees")).drop("agrees", "source")
        return _report(f"matched values differ by more than {tolerance}x", rows, "differs")

    return _check


@rule(
    MODEL,
    "Dense language models: training compute against 6 x parameters x tokens x "
    "epochs (Kaplan et al. 2020); lists models more than a factor 3 apart.",
    blocking=False,
)
def compute_matches_6nd(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    rows = model_consistency.six_n_d(_models(warehouse))
    return _report("dense language models are more than 3x from 6ND", rows, "outlier")


@rule(
    MODEL,
    "Models on one kind of chip: compute against chips x peak FLOP/s x time; lists "
    "implied utilisation above 1 or below 0.01, or 2x from Epoch's stated MFU.",
    blocking=False,
)
def compute_matches_hardware(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    hardware = warehouse.read(HARDWARE)
    rows = model_consistency.hardware_time(_models(warehouse), hardware)
    return _report("models have an implausible implied utilisation", rows, "outlier")


@table_asset(
    MODEL_RECORD,
    deps=[*epoch_raw, asset_key(HARDWARE_ALIAS), asset_key(UNRESOLVED_HARDWARE)],
    group=GROUP,
    rules=[versions_accounted_for(m.SOURCE.name, (MODEL_RECORD,)) for m in EPOCH_SOURCES],
)
def core_model_record(
    context: dg.AssetExecutionContext,
    snapshots: SnapshotStoreResource,
    warehouse: WarehouseResource,
) -> dg.MaterializeResult:
    """Every record of every Epoch models file in every stored version, conformed; each chip
    named in "Training hardware" resolved through core.hardware_alias."""
    aliases = warehouse.named("hardware_aliases_in_context", [epoch_models.HARDWARE])
    versions = [
        (parsed, v)
        for m in EPOCH_SOURCES
        for v in snapshots.store().versions(m.SOURCE.name)
        for parsed in [registry.parsed(v, m)]
    ]
    conformed = pl.concat(
        [
            parsed.model_records.with_columns(source=pl.lit(v.source), sha256=pl.lit(v.sha256))
            for parsed, v in versions
        ]
    )
    conformed = link_hardware(
        conformed.with_columns(model_id=model_ids(conformed["name"])), aliases
    )
    conformed = conformed.with_columns(precedence=precedence(conformed))
    frames, loads = [], []
    for parsed, version in versions:
        mine = conformed.filter(pl.col("sha256") == version.sha256)
        valid, load = validate_records(context, MODEL_RECORD, version, parsed.raw, mine)
        frames.append(valid)
        loads.append(load)
    records = pl.concat(frames)
    return publish_table(
        context,
        warehouse,
        MODEL_RECORD,
        records,
        loads,
        extra={"records_with_unread_values": records["unread_values"].count()},
    )


@table_asset(
    MODEL,
    deps=[core_model_record, dg.AssetKey(["core", "hardware"])],
    group=GROUP,
    rules=[
        compute_matches_6nd,
        compute_matches_hardware,
        linked_to_hardware(
            MODEL,
            LINK_GOAL,
            "models with a hardware quantity",
            "model_link_share",
            "model_unresolved_chips",
        ),
    ],
)
def core_model(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource
) -> dg.MaterializeResult:
    """One row per model, each field from the newest version stating it; frontier flags;
    curated active parameters of mixture-of-experts models; the implied utilisation of the
    stated hardware, and models whose compute it could not have done."""
    records = warehouse.read(MODEL_RECORD)
    versions = warehouse.named("model_versions")
    models = with_frontier(fold(records, versions))
    models = with_active_parameters(models, curated.load("model_active_parameters"))
    hardware = warehouse.read(HARDWARE)
    physics = model_consistency.physically_implausible(models, hardware)
    models = MODEL.select(models.join(physics, on="model_id", how="left"))
    implausible = models.filter(pl.col("is_physically_implausible"))
    summary = {
        "models": models.height,
        "notable": models["is_notable"].sum(),
        "frontier": models["is_frontier"].sum(),
        "with_compute": models["training_compute_flop"].count(),
        "with_active_parameters": models["active_parameters"].count(),
        "with_implied_utilisation": models["implied_utilisation"].count(),
        "physically_implausible": implausible.height,
    }
    context.log.info(f"core.model: {summary}")
    plots = Plots(context, context.asset_key)
    plot = plots.png("plot", "Training compute over time", training_compute_png, models)
    listing = implausible.sort("implied_utilisation", descending=True).select(
        "model_id", pl.col("implied_utilisation").round_sig_figs(3), "implausible_reason"
    )
    return publish_table(
        context,
        warehouse,
        MODEL,
        models.sort("model_id"),
        extra={
            **summary,
            "plot": plot,
            **plots.metadata(),
            "implausible": dg.MetadataValue.md(markdown_table(listing)),
        },
    )


def openai_names() -> dict[str, str]:
    """OpenAI 2018 system name -> Epoch model name (curated; see the CSV's notes)."""
    names = curated.load("openai_2018_models")
    return dict(zip(names["openai_name"], names["epoch_name"], strict=True))


@table_asset(
    MODEL_ESTIMATE,
    deps=[*estimate_raw, core_model],
    group=GROUP,
    rules=[
        *(versions_accounted_for(m.SOURCE.name, (MODEL_ESTIMATE,)) for m in ESTIMATE_SOURCES),
        # OWID republishes Epoch's figures; OpenAI's 2018 estimates are independent counts.
        _agrees_with(owid_ai, 1.10),
        _agrees_with(openai_ai_and_compute, 3.0),
    ],
)
def core_model_estimate(
    context: dg.AssetExecutionContext,
    snapshots: SnapshotStoreResource,
    warehouse: WarehouseResource,
) -> dg.MaterializeResult:
    """Published estimates (OWID charts, OpenAI 2018), matched to core.model by name."""
    ids = dict(warehouse.named("model_ids").rows())
    renamed = {k: ids.get(v) for k, v in openai_names().items()}
    frames, loads = [], []
    for source in ESTIMATE_SOURCES:
        snapshot = snapshots.store().latest(source.SOURCE.name)
        parsed = registry.parsed(snapshot, source)
        raw, rows = parsed.raw, parsed.estimates
        names = renamed if source.SOURCE.name == RENAMED else ids
        rows = rows.with_columns(
            model_id=pl.col("entity").replace_strict(names, default=None, return_dtype=pl.String)
        )
        valid, load = validate_records(context, MODEL_ESTIMATE, snapshot, raw, rows)
        frames.append(valid)
        loads.append(load)
    estimates = pl.concat(frames)
    matched = estimates["model_id"].count()
    return publish_table(
        context,
        warehouse,
        MODEL_ESTIMATE,
        estimates,
        loads,
        extra={"matched_to_a_model": matched, "unmatched": estimates.height - matched},
    )


core_model_compute_change = view_asset(MODEL_COMPUTE_CHANGE, deps=[core_model_record], group=GROUP)


assets = [
    core_model_record,
    core_model,
    core_model_estimate,
    core_model_compute_change,
]

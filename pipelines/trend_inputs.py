"""The trend inputs as the warehouse holds them (`gather_inputs`): every series the trend engine
fits, built by the analyses' input makers from the tables, and the inputs that cannot be made
with the reason. A building block: `analysis/trend_estimate` and the report both read them."""

import dagster as dg

from analyses.trend_estimates import Skipped
from analyses.trend_input import TrendInput
from analyses.trend_inputs_cloud import (
    MAJOR_MONTHS,
    cloud_price_inputs,
    cloud_price_performance_inputs,
    major_offer_series,
    offer_months,
)
from analyses.trend_inputs_dawnbench import DAWNBENCH_COLUMNS, dawnbench_inputs
from analyses.trend_inputs_hardware import launch_price_inputs, ml_hardware_inputs
from analyses.trend_inputs_mlperf import (
    IMAGENET_COLUMNS,
    MLPERF_COLUMNS,
    imagenet_inputs,
    mlperf_inputs,
)
from analyses.trend_inputs_models import (
    compute_inputs,
    published_compute_inputs,
    training_cost_inputs,
)
from schemas import HARDWARE, MODEL_ESTIMATE, PRICE_PERFORMANCE
from schemas.dawnbench import DAWNBENCH_ENTRY
from schemas.mlperf_cost import IMAGENET_SERIES, MLPERF_COST
from warehouse import Warehouse


def columns_of(warehouse: Warehouse, schema: str, name: str) -> list[str]:
    """The columns of a table in the warehouse file (none when it does not exist)."""
    found = warehouse.named("columns_of", [schema, name])
    return found["column_name"].to_list()


def gather_inputs(warehouse: Warehouse) -> tuple[list[TrendInput], list[Skipped], dict]:
    """Every input from the warehouse tables; inputs that cannot be built are skipped with the
    reason; a note of how many cloud series are major."""
    models = warehouse.named("model_trend_fields")
    hardware = warehouse.read(HARDWARE)
    price_performance = warehouse.read(
        PRICE_PERFORMANCE,
        ("hardware_id", "precision", "basis", "priced_on", "flop_per_s_per_usd")
        + ("usd_per_pflop_day", "provider", "source"),
    )
    # suspect quotes (a price without its GPU charge, ...) never drive a trend
    cloud = warehouse.named("cloud_price_for_trends")
    estimates = warehouse.read(MODEL_ESTIMATE, ("source", "quantity", "published_on", "value"))
    offers = offer_months(cloud)
    series = offers.select("hardware_id", "pricing").n_unique()
    inputs = [
        *compute_inputs(models),
        *published_compute_inputs(estimates),
        *launch_price_inputs(price_performance, hardware),
        *ml_hardware_inputs(hardware),
        *cloud_price_inputs(offers),
        *cloud_price_performance_inputs(price_performance),
        *training_cost_inputs(models),
    ]
    dawnbench_columns = columns_of(warehouse, DAWNBENCH_ENTRY.schema, DAWNBENCH_ENTRY.name)
    missing = [c for c in DAWNBENCH_COLUMNS if c not in dawnbench_columns]
    skipped = []
    if not missing:
        entries = warehouse.read(DAWNBENCH_ENTRY, DAWNBENCH_COLUMNS)
        inputs += dawnbench_inputs(entries)
    else:
        reason = (
            "core.dawnbench_entry is not in the warehouse (materialise the DAWNBench assets)"
            if not dawnbench_columns
            else f"core.dawnbench_entry lacks the columns {missing}"
        )
        skipped.append(Skipped("time_to_target_s, cost_usd", "dawnbench", reason))
    # optional too: the MLPerf cost step may be absent from a build
    for table, columns, make in (
        (MLPERF_COST, MLPERF_COLUMNS, mlperf_inputs),
        (IMAGENET_SERIES, IMAGENET_COLUMNS, imagenet_inputs),
    ):
        if set(columns) <= set(columns_of(warehouse, table.schema, table.name)):
            inputs += make(warehouse.read(table, columns))
        else:
            reason = f"{table.qualified_name} is not in the warehouse (materialise mlperf_cost)"
            skipped.append(Skipped("time_to_train_s, cost_to_train_usd", table.name, reason))
    note = {
        "cloud_price_series": dg.MetadataValue.md(
            f"{major_offer_series(offers).height} of {series} accelerator x pricing series have "
            f"offers quoted in two months or more covering at least {MAJOR_MONTHS} months, and "
            "are fitted within offers"
        )
    }
    return inputs, skipped, note

"""MLPerf records in the warehouse's terms: vocabularies normalised, chips counted, times in
seconds (data/snapshots/mlperf/PROVENANCE.md lists the traps each rule answers).

- division: 'closed' / 'open' (typos 'close', 'Closed' read as written meant);
- availability: 'available' (on-premise or cloud, every spelling), 'preview', 'research';
- chips: `number_of_nodes` x `accelerators_per_node`, except v0.5 entries: Google's TPU
  `num_accelerators` is the slice's TensorCores (tpuv3-8 = 4 chips), and NVIDIA's '_multi_'
  entries describe the whole cluster, not a benchmark's scale (null, `chips_rule` says so);
  CPU-only systems have none;
- time to train: `run_stop - run_start`, milliseconds from v0.7 on, seconds before.
"""

from __future__ import annotations

import polars as pl

from sources.mlperf import ROUNDS, chip_spelling

MS_ROUNDS = tuple(r for r in ROUNDS if r not in ("v0.5", "v0.6"))
BENCHMARK_RENAMES = {"mask": "maskrcnn"}  # Google v0.6's folder for Mask R-CNN
# Runs dropped on each side of the olympic mean (mlcommons/logging result_summarizer).
DROPPED_EACH_SIDE = {"unet3d": 4}


def _int(column: str) -> pl.Expr:
    return pl.col(column).str.strip_chars().cast(pl.Float64, strict=False).round().cast(pl.Int64)


def division() -> pl.Expr:
    text = pl.col("division_as_written").str.strip_chars().str.to_lowercase()
    return (
        pl.when(text.is_in(["closed", "close"]))
        .then(pl.lit("closed"))
        .when(text == "open")
        .then(pl.lit("open"))
    )


def availability() -> pl.Expr:
    text = pl.col("status_as_written").str.strip_chars().str.to_lowercase()
    return (
        pl.when(text.str.contains("preview"))
        .then(pl.lit("preview"))
        .when(text.str.contains("research"))
        .then(pl.lit("research"))
        .when(text.str.contains(r"available|on-?prem|cloud"))
        .then(pl.lit("available"))
    )


def to_systems(raw: pl.DataFrame) -> pl.DataFrame:
    """core.mlperf_system's columns (but `hardware_id`) from `read_version`'s systems."""
    spelling = pl.struct("accelerator_model_name", "round").map_elements(
        lambda s: chip_spelling(s["accelerator_model_name"], s["round"]), return_dtype=pl.String
    )
    nodes, per_node = _int("number_of_nodes"), _int("accelerators_per_node")
    name = pl.col("accelerator_model_name").fill_null("")
    is_tpu_entry = (pl.col("round") == "v0.5") & name.str.contains(r"(?i)^tpu")
    is_multi = (pl.col("round") == "v0.5") & pl.col("system_id").str.contains("_multi_")
    rule = (
        pl.when(pl.col("accelerator_spelling").is_null())
        .then(pl.lit("cpu_only"))
        .when(is_multi)
        .then(pl.lit("cluster_entry"))
        .when(is_tpu_entry)
        .then(pl.lit("tpu_cores_halved"))
        .otherwise(pl.lit("nodes_x_per_node"))
    )
    chips = (
        pl.when(pl.col("chips_rule") == "nodes_x_per_node")
        .then(pl.col("number_of_nodes") * pl.col("accelerators_per_node"))
        .when(pl.col("chips_rule") == "tpu_cores_halved")
        .then(pl.col("accelerators_per_node") // 2)
    )
    return (
        raw.with_columns(
            round_published_on=pl.col("round").replace_strict(ROUNDS, return_dtype=pl.Date),
            division=division(),
            availability=availability(),
            number_of_nodes=nodes,
            accelerators_per_node=per_node,
            accelerator_spelling=spelling,
        )
        .with_columns(chips_rule=rule)
        .with_columns(accelerator_chips=pl.when(chips > 0).then(chips))
    )


def time_to_train_s() -> pl.Expr:
    scale = pl.when(pl.col("round").is_in(MS_ROUNDS)).then(1e-3).otherwise(1.0)
    return (pl.col("run_stop") - pl.col("run_start")) * scale


def is_success() -> pl.Expr:
    """The run reached its target: run_stop says success; v0.5 and Alibaba v0.6 logs state
    no status, so a run_stop with the accuracy at or above the logged target (where one is)."""
    unstated = pl.col("run_stop_status").is_null() & pl.col("run_stop").is_not_null()
    meets = pl.col("eval_target").is_null() | (pl.col("eval_accuracy") >= pl.col("eval_target"))
    stated = (pl.col("run_stop_status") == "success").fill_null(False)
    return stated | (unstated & meets.fill_null(False))


def to_results(raw: pl.DataFrame, systems: pl.DataFrame) -> pl.DataFrame:
    """core.mlperf_result's columns from `read_version`'s results and `to_systems`' rows;
    a record whose log was not stored (or has no log lines) gets `not_loaded`, the reason it
    is quarantined."""
    system = systems.select(
        "system_id",
        "round_published_on",
        "availability",
        "accelerator_model_name",
        "hardware_id",
        "accelerator_chips",
        system_division="division",
    )
    not_loaded = (
        pl.when(pl.col("index_status") == "missing_from_snapshot")
        .then(
            pl.lit(
                "result log missing upstream of us: its blob (4 MiB or more) is absent from the "
                "stored repository snapshots (PROVENANCE.md, 'Missing')"
            )
        )
        .when(pl.col("index_status") != "extracted")
        .then(
            pl.lit("result file holds no log line (upstream status ") + pl.col("index_status") + ")"
        )
    )
    return raw.join(system, on="system_id", how="left").with_columns(
        result_id=pl.col("round") + "/" + pl.col("path"),
        benchmark=pl.col("benchmark_folder").replace(BENCHMARK_RENAMES),
        division=pl.coalesce(
            "system_division",
            pl.col("log_division").str.to_lowercase().replace({"close": "closed"}),
        ),
        time_to_train_s=time_to_train_s(),
        is_success=is_success(),
        not_loaded=not_loaded,
    )

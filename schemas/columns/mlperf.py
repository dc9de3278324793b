"""Columns of MLPerf Training: rounds, systems, runs, official scores and cost to train."""

from __future__ import annotations

from datetime import date

import pandera.polars as pa
import polars as pl

from schemas.columns.declare import column

ROUND = r"^v\d+\.\d+$"

MLPERF_COLUMNS: dict[str, pa.Column] = {
    "round": column(
        pl.String,
        "MLPerf Training round, as its results repository names it (v0.5 ... v5.1).",
        nullable=False,
        checks=[pa.Check.str_matches(ROUND)],
    ),
    "round_published_on": column(
        pl.Date,
        "Publication date of the round: the first commit of mlcommons/training_results_<round>.",
        nullable=False,
        checks=[pa.Check.in_range(date(2018, 1, 1), date(2035, 12, 31))],
    ),
    "system_id": column(
        pl.String,
        "MLPerf system: '<round>/<submitter folder>/<system file name>' (v0.5: the submission "
        "folders and the results sub-folder, e.g. 'v0.5/google/cloud_v3.8/resnet-tpuv3-8/tpu').",
        nullable=False,
    ),
    "submitter": column(pl.String, "Submitter as its folder in the round's repository names it."),
    "system_file": column(pl.String, "Upstream path of the system description in its round."),
    "system_name": column(pl.String, "System name the description states (v0.5: `hardware`)."),
    "division": column(
        pl.String,
        "MLPerf division: closed (the reference model and hyperparameter rules) or open; "
        "upstream typos ('close', 'Closed') normalised.",
        checks=[pa.Check.isin(["closed", "open"])],
    ),
    "availability": column(
        pl.String,
        "Availability category of the system (its description's `status`): available "
        "(on-premise or cloud, every spelling), preview or research. Only available systems "
        "are comparable across submitters.",
        checks=[pa.Check.isin(["available", "preview", "research"])],
    ),
    "status_as_written": column(pl.String, "The system description's `status` as written."),
    "number_of_nodes": column(
        pl.Int64, "Nodes the system description states.", checks=[pa.Check.ge(0)]
    ),
    "accelerators_per_node": column(
        pl.Int64,
        "Accelerators per node as the description states them (v0.5 TPU entries: TensorCores "
        "of the slice in total).",
        checks=[pa.Check.ge(0)],
    ),
    "accelerator_model_name": column(
        pl.String, "Accelerator as the system description names it ('N/A' for CPU-only)."
    ),
    "accelerator_chips": column(
        pl.Int64,
        "Accelerator chips the system uses: number_of_nodes x accelerators_per_node; v0.5 TPU "
        "entries count TensorCores, halved to chips; null for CPU-only systems and v0.5 "
        "cluster entries (chips_rule).",
        checks=[pa.Check.ge(1), pa.Check.le(1_000_000)],
    ),
    "chips_rule": column(
        pl.String,
        "How accelerator_chips was counted: nodes_x_per_node, tpu_cores_halved, cpu_only, or "
        "cluster_entry (a v0.5 NVIDIA '_multi_' entry describes its whole cluster, not one "
        "benchmark's scale).",
        checks=[
            pa.Check.isin(["nodes_x_per_node", "tpu_cores_halved", "cpu_only", "cluster_entry"])
        ],
    ),
    "host_processor_model_name": column(pl.String, "Host CPU as the system description names it."),
    "result_id": column(
        pl.String,
        "MLPerf result log: '<round>/<upstream path of the result file>'.",
        nullable=False,
    ),
    "benchmark": column(
        pl.String,
        "MLPerf benchmark as its results folder names it (Google v0.6's 'mask' read as "
        "maskrcnn). Renamed or redefined benchmarks stay apart (dlrm / dlrm_dcnv2, ssd / "
        "retinanet, gpt3 / llama31_405b, gnn / rgat, stable_diffusion / flux1).",
        nullable=False,
    ),
    "result_file": column(pl.String, "Result file name (result_0.txt, ...)."),
    "run_stop_status": column(
        pl.String,
        "Status the log's run_stop states (success, aborted, abort, fail); null where the log "
        "states none (v0.5, Alibaba v0.6) or has no run_stop.",
    ),
    "is_success": column(
        pl.Boolean,
        "The run reached the quality target: run_stop says success, or (v0.5, Alibaba v0.6, "
        "which state no status) a run_stop with the last accuracy at or above the logged target.",
        nullable=False,
    ),
    "time_to_train_s": column(
        pl.Float64,
        "Wall-clock time to train: run_stop - run_start of the log (the last run_start before "
        "the first run_stop, as the MLPerf result summarizer reads it; milliseconds from v0.7, "
        "seconds before); null without both.",
        "s",
        checks=[pa.Check.gt(0), pa.Check.lt(30 * 86400)],
    ),
    "eval_accuracy": column(
        pl.Float64,
        "Quality reached: the last eval_accuracy the log states, as written (a fraction, or a "
        "benchmark's own scale such as BLEU); null where it is not one number.",
    ),
    "eval_accuracy_text": column(
        pl.String, "The last eval_accuracy value as JSON text (Mask R-CNN: BBOX and SEGM)."
    ),
    "eval_target": column(pl.Float64, "Quality target the log states (v0.5 `eval_target`)."),
    "global_batch_size": column(
        pl.Float64,
        "Batch size the log states: global_batch_size (v0.6 on), else v0.5's input_batch_size "
        "(per GPU in NVIDIA's v0.5 logs, global in Google's).",
        checks=[pa.Check.gt(0)],
    ),
    "runs": column(
        pl.Int64, "Result files of the system and benchmark in the index.", checks=[pa.Check.ge(1)]
    ),
    "runs_missing": column(
        pl.Int64,
        "Result logs of them missing upstream of us (listed in meta.quarantine).",
        checks=[pa.Check.ge(0)],
    ),
    "runs_succeeded": column(pl.Int64, "Runs that reached the target.", checks=[pa.Check.ge(0)]),
    "runs_dropped_each_side": column(
        pl.Int64,
        "Runs the olympic mean drops at each end (4 for unet3d, else 1; failed runs count as "
        "the slowest dropped).",
        checks=[pa.Check.ge(1)],
    ),
    "score_s": column(
        pl.Float64,
        "Official-style score: the olympic mean of the successful runs' time_to_train_s after "
        "dropping the fastest and slowest (mlcommons/logging result_summarizer; failed runs "
        "count among the slowest dropped); null when too many runs failed or logs are missing. "
        "No scaling.json factor applied.",
        "s",
        checks=[pa.Check.gt(0)],
    ),
    # cost to train (analysis.mlperf_cost), frontiers and the ImageNet series
    "accelerator_time_s": column(
        pl.Float64,
        "Accelerator time to train: accelerator_chips x score_s (accelerator-seconds; "
        "/ 3600 for accelerator-hours).",
        "s",
        checks=[pa.Check.gt(0)],
    ),
    "robust_usd_per_accelerator_hour": column(
        pl.Float64,
        "Robust on-demand cloud price of the accelerator on the round's publication date: "
        "each provider's cheapest non-suspect on-demand quote of the chip (exact "
        "hardware_id) on the quoted day nearest the date within price_window_days, then "
        "the 25th percentile over providers (linear interpolation; the rule of "
        "analysis.cheapest_pflop_day_by_month). Null with unpriced_reason when no provider "
        "quotes the chip that near the date: never extrapolated.",
        "USD/(accelerator*h)",
        checks=[pa.Check.gt(0), pa.Check.lt(100)],
    ),
    "cheapest_usd_per_accelerator_hour": column(
        pl.Float64,
        "Cheapest of the providers' quotes behind robust_usd_per_accelerator_hour.",
        "USD/(accelerator*h)",
        checks=[pa.Check.gt(0), pa.Check.lt(100)],
    ),
    "price_window_days": column(
        pl.Int64,
        "How far (days, either side) from the round's publication date a quote may be to price it.",
        checks=[pa.Check.ge(0)],
    ),
    "price_first_on": column(pl.Date, "Earliest observation date of the quotes used."),
    "price_last_on": column(pl.Date, "Latest observation date of the quotes used."),
    "price_quotes": column(
        pl.String,
        "The quotes behind the price, one per provider, as JSON: provider, "
        "usd_per_accelerator_hour, observed_on, region, instance_type, source, sha256, "
        "row_number (core.cloud_price).",
    ),
    "cost_to_train_usd": column(
        pl.Float64,
        "Cost to train at the robust cloud price: accelerator_time_s / 3600 x "
        "robust_usd_per_accelerator_hour (MLPerf); in analysis.imagenet_series, "
        "DAWNBench's cost as submitted (cost_basis).",
        "USD",
        checks=[pa.Check.gt(0), pa.Check.lt(1e9)],
    ),
    "unpriced_reason": column(
        pl.String,
        "Why cost_to_train_usd is null: no score, no accelerator (CPU-only or unresolved), "
        "or no cloud quote of the chip within price_window_days of the date (the nearest "
        "quote's distance named).",
    ),
    "frontier_measure": column(
        pl.String,
        "Which frontier: time (score_s), cost (cost_to_train_usd) or accelerator_time "
        "(accelerator_time_s).",
        nullable=False,
        checks=[pa.Check.isin(["time", "cost", "accelerator_time"])],
    ),
    "is_record": column(
        pl.Boolean,
        "This row set a new best of its measure when published (better than every earlier "
        "round's or date's best).",
    ),
    "is_time_record": column(
        pl.Boolean,
        "The point was faster than every point of the series reported on an earlier date.",
    ),
    "is_cost_record": column(
        pl.Boolean,
        "The point was cheaper than every costed point of the series reported on an earlier "
        "date (null: no cost).",
    ),
    "rated_results": column(
        pl.Int64,
        "Closed-division available results of the benchmark in the round with the measure stated.",
        checks=[pa.Check.ge(1)],
    ),
    "series_source": column(
        pl.String,
        "Which benchmark a point of the ImageNet series comes from: dawnbench (Stanford, "
        "2017-2020) or mlperf (MLPerf Training ResNet-50, closed division, available "
        "systems, 2018 on).",
        nullable=False,
        checks=[pa.Check.isin(["dawnbench", "mlperf"])],
    ),
    "point_id": column(
        pl.String,
        "The point: a DAWNBench entry_id or an MLPerf system_id.",
        nullable=False,
    ),
    "reported_on": column(
        pl.Date,
        "Date the point was reported: the DAWNBench submission date, or the MLPerf "
        "round's publication date.",
        nullable=False,
    ),
    "time_to_quality_s": column(
        pl.Float64,
        "Wall-clock time to the quality target: DAWNBench time_to_target_s, MLPerf score_s.",
        "s",
        checks=[pa.Check.gt(0)],
    ),
    "cost_basis": column(
        pl.String,
        "What the cost rests on: submitter_stated_price (DAWNBench: the hourly on-demand "
        "price the submitter stated) or robust_cloud_price (MLPerf: "
        "robust_usd_per_accelerator_hour on the round's date).",
        checks=[pa.Check.isin(["submitter_stated_price", "robust_cloud_price"])],
    ),
    "quality_target": column(
        pl.String,
        "The quality target the time is measured to, in words with its source.",
        nullable=False,
    ),
    "top1_accuracy_reached": column(
        pl.Float64,
        "Top-1 ImageNet accuracy reached (fraction): DAWNBench, the curve row where top-5 "
        "first met 93%; MLPerf, the lowest final eval_accuracy of the successful runs.",
        checks=[pa.Check.in_range(0, 1)],
    ),
}

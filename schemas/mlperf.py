"""MLPerf Training tables: every system description and every run of v0.5-v5.1, and the
official-style score of each system and benchmark."""

from schemas.mlperf_cost import MLPERF_COST_TABLES
from schemas.table import Table, optional, shared

TRACE = ("source", "sha256", "row_number")

MLPERF_SYSTEM = Table(
    "core",
    "mlperf_system",
    "Every MLPerf Training system description of every round, with its division, "
    "availability, accelerator (resolved to hardware_id) and chip count.",
    {
        **shared(
            "system_id",
            "round",
            "round_published_on",
            "submitter",
            "system_file",
            "system_name",
            "division",
            "availability",
            "status_as_written",
            "number_of_nodes",
            "accelerators_per_node",
            "accelerator_model_name",
        ),
        **optional("hardware_id"),
        **shared(
            "accelerator_chips", "chips_rule", "host_processor_model_name", "framework", *TRACE
        ),
    },
    key=("system_id",),
)

MLPERF_RESULT = Table(
    "core",
    "mlperf_result",
    "Every MLPerf Training run (one result log): round, benchmark, division, availability, "
    "system, accelerator and chips, time to train and the quality reached. Logs missing "
    "upstream of us are in meta.quarantine with the reason.",
    {
        **shared(
            "result_id",
            "round",
            "round_published_on",
            "benchmark",
            "division",
            "availability",
            "system_id",
            "submitter",
            "result_file",
            "accelerator_model_name",
        ),
        **optional("hardware_id"),
        **shared(
            "accelerator_chips",
            "run_stop_status",
            "is_success",
            "time_to_train_s",
            "eval_accuracy",
            "eval_accuracy_text",
            "eval_target",
            "global_batch_size",
            *TRACE,
        ),
    },
    key=("result_id",),
)

MLPERF_SCORE = Table(
    "analysis",
    "mlperf_score",
    "The official-style MLPerf score of every system and benchmark: the olympic mean of its "
    "runs' times to train (fastest and slowest dropped), with the runs behind it.",
    {
        **shared(
            "round",
            "round_published_on",
            "benchmark",
            "system_id",
            "submitter",
            "division",
            "availability",
            "accelerator_model_name",
        ),
        **optional("hardware_id"),
        **shared(
            "accelerator_chips",
            "runs",
            "runs_missing",
            "runs_succeeded",
            "runs_dropped_each_side",
            "score_s",
        ),
    },
    key=("system_id", "benchmark"),
)

# the cost, frontier and ImageNet tables (schemas/mlperf_cost.py) are MLPerf tables too
MLPERF_TABLES = (MLPERF_SYSTEM, MLPERF_RESULT, MLPERF_SCORE, *MLPERF_COST_TABLES)

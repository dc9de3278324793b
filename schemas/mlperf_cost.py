"""MLPerf Training in dollars and over time: the cost to train of every closed-division,
available result at its accelerator's cloud price on the round's date, each benchmark's
frontier round by round, and the ImageNet series from DAWNBench into MLPerf ResNet-50."""

from schemas.table import Table, optional, shared

MLPERF_COST = Table(
    "analysis",
    "mlperf_cost",
    "Cost to train of every closed-division, available MLPerf Training result (system and "
    "benchmark score): accelerator time, and dollars at the robust on-demand cloud price of "
    "its accelerator on the round's publication date, with the quotes and provider count "
    "behind the price; a null cost says why (unpriced_reason).",
    {
        **shared(
            "round",
            "round_published_on",
            "benchmark",
            "system_id",
            "submitter",
            "accelerator_model_name",
        ),
        **optional("hardware_id"),
        **shared(
            "accelerator_chips",
            "score_s",
            "accelerator_time_s",
            "robust_usd_per_accelerator_hour",
            "cheapest_usd_per_accelerator_hour",
            "n_providers",
            "is_single_provider",
            "price_window_days",
            "price_first_on",
            "price_last_on",
            "price_quotes",
            "cost_to_train_usd",
            "unpriced_reason",
        ),
    },
    key=("system_id", "benchmark"),
)

MLPERF_FRONTIER = Table(
    "analysis",
    "mlperf_frontier",
    "Each MLPerf Training benchmark's frontier round by round (closed division, available "
    "systems): the best time, cost and accelerator time published up to and including the "
    "round, the result holding it, and whether the round set it. Benchmarks keep their "
    "upstream names; a renamed or redefined benchmark is a frontier of its own.",
    {
        **shared("benchmark", "frontier_measure", "round", "round_published_on", "system_id"),
        **shared("submitter"),
        **optional("hardware_id"),
        **shared(
            "accelerator_chips",
            "score_s",
            "accelerator_time_s",
            "cost_to_train_usd",
            "is_record",
            "improvement",
            "rated_results",
        ),
    },
    key=("benchmark", "frontier_measure", "round"),
)

IMAGENET_SERIES = Table(
    "analysis",
    "imagenet_series",
    "Time and cost to train ImageNet to about 75-76% top-1, one series: DAWNBench training "
    "entries (2017-2020, top-5 >= 93%) and MLPerf Training ResNet-50 closed-division results "
    "of available systems (2018 on, top-1 >= 74.9% in v0.5, 75.9% from v0.6), each point "
    "with its quality target and whether it set a record of the combined series.",
    {
        **shared("series_source", "point_id", "reported_on"),
        **optional("round"),
        **optional("hardware_id"),
        **shared(
            "accelerator_chips",
            "time_to_quality_s",
            "cost_to_train_usd",
            "cost_basis",
            "quality_target",
            "target_metric",
            "target_value",
            "top1_accuracy_reached",
            "is_time_record",
            "is_cost_record",
        ),
    },
    key=("series_source", "point_id"),
)

MLPERF_COST_TABLES = (MLPERF_COST, MLPERF_FRONTIER, IMAGENET_SERIES)

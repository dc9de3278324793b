-- The warehouse reads the pipelines make, each named. Each block starts with
-- "-- read: <name>" and holds one reading statement; ? marks a bound parameter.
-- Whole tables (or chosen columns of one) are read with warehouse.read_table instead.

-- read: hardware_ids
SELECT hardware_id FROM core.hardware

-- read: hardware_merges
SELECT from_id, to_id, rule, reason FROM meta.hardware_merge

-- read: hardware_aliases
SELECT alias, source, context, hardware_id FROM core.hardware_alias

-- read: hardware_aliases_of_sources
-- every alias row learnt from the sources in the list (?)
SELECT * FROM core.hardware_alias WHERE list_contains(?, source)

-- read: hardware_aliases_in_context
-- (source, alias, hardware_id) of the spellings a mention context (?) names
SELECT source, alias, hardware_id FROM core.hardware_alias WHERE context = ?

-- read: hardware_spec_names
-- the name every spec source gives a chip, as an alias in the context 'name'
SELECT value_text AS alias, hardware_id, source, 'name' AS context,
       count(*)::BIGINT AS occurrences,
       CASE WHEN bool_or(source_hardware_id <> hardware_id) THEN 'merged' ELSE 'exact' END
           AS method
FROM core.hardware_spec WHERE attribute = 'name'
GROUP BY value_text, hardware_id, source

-- read: cloud_price_link_share
SELECT count(hardware_id) / count(*) AS share, count(*) AS n FROM core.cloud_price

-- read: cloud_price_unlinked
-- the 20 most quoted spellings without a hardware_id, by source
SELECT source, coalesce(hardware_text, instance_type) AS spelling, count(*) AS n
FROM core.cloud_price WHERE hardware_id IS NULL GROUP BY ALL ORDER BY n DESC LIMIT 20

-- read: cloud_price_linked
-- every quote of a known chip, suspect ones included (they carry is_suspect)
SELECT hardware_id, observed_at, pricing, provider, region, instance_type,
       accelerators_per_instance, usd_per_accelerator_hour, is_suspect, source, sha256,
       row_number
FROM core.cloud_price WHERE hardware_id IS NOT NULL

-- read: cloud_price_per_accelerator
-- quotes of a known chip with a price per accelerator-hour
SELECT hardware_id, observed_at, pricing, usd_per_accelerator_hour, provider, region,
       instance_type, source, sha256, row_number, is_suspect
FROM core.cloud_price
WHERE hardware_id IS NOT NULL AND usd_per_accelerator_hour IS NOT NULL

-- read: cloud_price_for_trends
-- what the price trends rest on: priced quotes of a known chip, never a suspect one
SELECT observed_at, provider, region, instance_type, hardware_id, pricing,
       usd_per_accelerator_hour, source
FROM core.cloud_price
WHERE hardware_id IS NOT NULL AND usd_per_accelerator_hour IS NOT NULL AND NOT is_suspect

-- read: cloud_price_on_demand_instances
-- on-demand prices per instance-hour of the instance types in the list (?)
SELECT provider, instance_type, observed_at, region, usd_per_hour, accelerators_per_instance,
       source, sha256, row_number
FROM core.cloud_price
WHERE pricing = 'on_demand' AND usd_per_hour IS NOT NULL AND list_contains(?, instance_type)

-- read: dawnbench_below_target
-- entries that do not reach their quality target, or train entries without a time
SELECT entry_id, metric_value, target_value FROM core.dawnbench_entry
WHERE metric_value IS NULL OR metric_value < target_value
   OR (kind = 'train' AND time_to_target_s IS NULL)
ORDER BY entry_id

-- read: model_link_share
-- the share of models with a stated chip count whose chip is linked
SELECT count(hardware_id) / count(*) AS share, count(*) AS n FROM core.model
WHERE hardware_quantity IS NOT NULL

-- read: model_unresolved_chips
SELECT unresolved_hardware_text AS chips, count(*) AS models FROM core.model
WHERE unresolved_hardware_text IS NOT NULL GROUP BY ALL ORDER BY models DESC LIMIT 20

-- read: model_ids
SELECT name, model_id FROM core.model

-- read: model_versions
-- the loaded versions of the sources core.model_record holds
SELECT source, sha256, version, retrieved_at FROM meta.snapshot
WHERE source IN (SELECT DISTINCT source FROM core.model_record)

-- read: model_estimates_of_source
SELECT * FROM core.model_estimate WHERE source = ?

-- read: loaded_versions
-- the (source, version) pairs a step has loaded (rows_read is null for a version only seen)
SELECT source, version FROM meta.snapshot WHERE rows_read IS NOT NULL

-- read: columns_of
-- the columns of relation (schema ?, name ?), in order
SELECT column_name FROM duckdb_columns() WHERE schema_name = ? AND table_name = ?
ORDER BY column_index

-- The sections of `flopbase summary` (pipelines/summary.py).

-- read: summary_sources
SELECT source, count(*) AS versions, sum(rows_read) AS rows_read,
       sum(rows_loaded) AS rows_loaded, sum(rows_quarantined) AS rows_quarantined
FROM meta.snapshot WHERE rows_read IS NOT NULL GROUP BY source ORDER BY source

-- read: summary_fastest_accelerators
SELECT name, bf16_flop_per_s, released_on FROM core.hardware
WHERE bf16_flop_per_s IS NOT NULL ORDER BY bf16_flop_per_s DESC, name LIMIT 5

-- read: summary_cloud_prices
SELECT hardware_id, pricing, round(min(usd_per_accelerator_hour), 2) AS cheapest_usd_per_hour,
       arg_min(provider, usd_per_accelerator_hour) AS provider,
       round(quantile_cont(usd_per_accelerator_hour, 0.25), 2) AS p25_usd_per_hour,
       count(DISTINCT provider) AS providers, max(observed_at)::DATE AS latest_on
FROM core.cloud_price
WHERE hardware_id IN ('nvidia-h100-sxm5-80gb', 'nvidia-a100-sxm4-80gb') AND NOT is_suspect
  AND observed_at >= (SELECT max(observed_at) FROM core.cloud_price) - INTERVAL 365 DAY
GROUP BY ALL ORDER BY hardware_id, cheapest_usd_per_hour

-- read: summary_pflop_day_by_year
-- BF16 on demand by year: the cheapest non-suspect quote of any month, and the robust figure
-- (each month's 25th percentile over providers; its median over the year's months) with the
-- most providers a month had: a year resting on one provider says so.
SELECT year(month_on) AS year,
       round(min(usd_per_pflop_day), 1) AS cheapest_usd_per_pflop_day,
       arg_min(hardware_id, usd_per_pflop_day) AS cheapest_chip,
       round(median(robust_usd_per_pflop_day), 1) AS robust_usd_per_pflop_day,
       max(n_providers) AS most_providers_in_a_month,
       count(*) AS months_covered
FROM analysis.cheapest_pflop_day_by_month
WHERE precision = 'bf16' AND pricing = 'on_demand'
GROUP BY year ORDER BY year

-- read: summary_budget_multiples
-- What $1bn of on-demand rental buys, in multiples of the reference model's training compute,
-- priced at frontier scale (datacenter chips in nodes of 8+, the robust price; run config in
-- each row's inputs).
SELECT year, round(value, 1) AS multiples,
       round((inputs->>'$.usd_per_pflop_day')::DOUBLE, 1) AS usd_per_pflop_day,
       inputs->>'$.price.hardware_id' AS chip,
       (inputs->>'$.n_providers')::INTEGER AS providers,
       inputs->>'$.reference_model_id' AS reference_model
FROM analysis.overhang_estimate
WHERE scenario = 'budget' AND subject LIKE 'cloud_on_demand/%'
ORDER BY year

-- read: summary_headline_trends
-- The headline trends in words, with what they rest on.
SELECT metric || ' (' || subset || ')' AS trend, summary, n,
       provider_count AS providers, first_on, last_on
FROM analysis.trend_summary
WHERE (metric, subset) IN (
    ('training_compute_flop', 'notable 2010-01-01..'),
    ('training_compute_flop', 'notable ..2009-12-31'),
    ('fp32_flop_per_s_per_usd', 'gpu'),
    ('fp16_tensor_flop_per_s_per_usd', 'ml gpu'),
    ('usd_per_pflop_day', 'bf16 cloud_on_demand'),
    ('usd_per_accelerator_hour', 'nvidia-h100-sxm5-80gb on_demand'))
ORDER BY metric, subset

-- read: summary_price_quality
SELECT source, cloud_quotes, suspect_quotes, quarantined_quotes FROM meta.price_quality
WHERE suspect_quotes > 0 OR quarantined_quotes > 0 ORDER BY source

-- read: summary_largest_models
SELECT name, published_on, training_compute_flop, parameters, hardware_id, hardware_quantity
FROM core.model WHERE is_frontier AND training_compute_flop IS NOT NULL
ORDER BY training_compute_flop DESC, name LIMIT 5

-- read: algorithmic_efficiency_not_falling
-- records that need as much compute as the capability's record before them, or more
SELECT capability, publication, compute_to_capability_flop, previous FROM (
    SELECT *, lag(compute_to_capability_flop) OVER (
        PARTITION BY capability ORDER BY published_on, row_number) AS previous
    FROM core.algorithmic_efficiency)
WHERE compute_to_capability_flop >= previous ORDER BY capability, publication

-- read: model_trend_fields
-- what the training-compute trends read of a model
SELECT published_on, training_compute_flop, training_cost_usd, is_notable, is_large_scale,
       is_frontier, versions
FROM core.model

-- read: model_trend_fields_as_of
-- the same as core.model stood on the date ? (warehouse/as_of.sql)
SELECT published_on, training_compute_flop, training_cost_usd, is_notable, is_large_scale,
       is_frontier, versions
FROM core.model_as_of(?)

-- read: model_version_dates
-- the dates of the versions core.model_record holds
SELECT DISTINCT CAST(s.retrieved_at AS DATE) AS version_on FROM meta.snapshot s
SEMI JOIN core.model_record r ON r.source = s.source AND r.sha256 = s.sha256
ORDER BY version_on

-- read: model_version_labels_as_of
-- "source/version" of each model source's newest version by the date ?
SELECT DISTINCT v.source || '/' || v.version AS label FROM meta.version_as_of(?) v
SEMI JOIN core.model_record t ON t.source = v.source AND t.sha256 = v.sha256
WHERE v.is_newest ORDER BY label

-- read: cloud_price_version_labels_as_of
-- "source/version" of each price source's newest version by the date ?
SELECT DISTINCT v.source || '/' || v.version AS label FROM meta.version_as_of(?) v
SEMI JOIN core.cloud_price t ON t.source = v.source AND t.sha256 = v.sha256
WHERE v.is_newest ORDER BY label

-- read: cloud_price_performance
-- price-performance at cloud prices, for the price trends' history
SELECT p.basis, p.precision, p.priced_on, p.usd_per_pflop_day, p.provider, p.source
FROM analysis.price_performance p WHERE p.basis LIKE 'cloud_%'

-- read: cloud_price_performance_with_version_dates
-- the same, with the date of the upstream version each quote came from
SELECT p.basis, p.precision, p.priced_on, p.usd_per_pflop_day, p.provider, p.source,
       CAST(s.retrieved_at AS DATE) AS version_on
FROM analysis.price_performance p JOIN meta.snapshot s
    ON s.source = p.source AND s.sha256 = p.sha256
WHERE p.basis LIKE 'cloud_%'

-- The sections of `flopbase report` (pipelines/report.py): each figure shows its read.

-- read: report_loaded_versions
-- every upstream version loaded into the warehouse, with its date and counts
SELECT source, version, retrieved_at, sha256, rows_read, rows_loaded, rows_quarantined
FROM meta.snapshot WHERE rows_read IS NOT NULL ORDER BY source, retrieved_at, version

-- read: report_sources_of_tables
-- the sources whose rows each core table holds
SELECT DISTINCT 'core.model_record' AS relation, source FROM core.model_record
UNION ALL SELECT DISTINCT 'core.model_estimate', source FROM core.model_estimate
UNION ALL SELECT DISTINCT 'core.hardware_spec', source FROM core.hardware_spec
UNION ALL SELECT DISTINCT 'core.cloud_price', source FROM core.cloud_price
UNION ALL SELECT DISTINCT 'core.hardware_price', source FROM core.hardware_price
UNION ALL SELECT DISTINCT 'core.dawnbench_entry', source FROM core.dawnbench_entry
ORDER BY relation, source

-- read: report_trends
-- every trend's newest estimate in words, with its published counterpart where there is one
SELECT s.metric, s.subset, s.summary, s.n, s.window_start_on, s.window_end_on,
       v.published_as_stated, round(v.ours_over_published, 2) AS ours_over_published,
       v.is_published_within_ci, v.published_citation, v.published_url, s.sources, s.as_of
FROM analysis.trend_summary s
LEFT JOIN analysis.trend_vs_published v USING (metric, subset, method, ci_level)
ORDER BY s.metric, s.subset, s.method, s.ci_level

-- read: report_trends_of_metric
-- the newest estimates of one metric
SELECT subset, summary, n, window_start_on, window_end_on, r2, sources, as_of
FROM analysis.trend_summary WHERE metric = ? ORDER BY subset, method, ci_level

-- read: report_trend_fit_options
-- how each newest estimate was fitted, to draw the same fit
SELECT metric, subset, method, ci_level, resamples, seed, log10_slope_per_year, n
FROM analysis.trend_latest ORDER BY metric, subset, method, ci_level

-- read: report_cheapest_pflop_day_by_month
-- the cheapest dollars per PFLOP/s-day of each month at one precision (?) and pricing (?),
-- with the robust figure and the number of providers quoting that month
SELECT month_on, usd_per_pflop_day, hardware_id, provider, priced_on,
       robust_usd_per_pflop_day, n_providers, is_single_provider
FROM analysis.cheapest_pflop_day_by_month WHERE precision = ? AND pricing = ?
ORDER BY month_on

-- read: report_overhang_estimates
SELECT * FROM analysis.overhang_estimate ORDER BY scenario, subject, quantity

-- read: report_overhang_scenarios
-- each scenario's quantities: how many estimates, and their range
SELECT scenario, quantity, unit, count(*) AS estimates, min(value) AS min_value,
       median(value) AS median_value, max(value) AS max_value
FROM analysis.overhang_estimate GROUP BY ALL ORDER BY scenario, quantity

-- read: report_dawnbench_entries
SELECT entry_id, task, kind, submitted_on, team, model, time_to_target_s, cost_usd, source
FROM core.dawnbench_entry ORDER BY task, kind, submitted_on, entry_id

-- read: report_dawnbench_frontier
SELECT * FROM analysis.dawnbench_frontier ORDER BY task, kind, frontier, submitted_on

-- read: report_dawnbench_records
-- the training records of each task standing at the end, with who set them
SELECT f.task, f.frontier, f.submitted_on, e.team, e.model, e.hardware_text,
       f.time_to_target_s, f.cost_usd, f.improvement
FROM analysis.dawnbench_frontier f JOIN core.dawnbench_entry e USING (entry_id)
WHERE f.kind = 'train' AND f.is_current ORDER BY f.task, f.frontier, f.submitted_on

-- read: report_dawnbench_progress
SELECT task, kind, basis, instance_type, baseline_submitted_on, best_submitted_on, speedup,
       cost_reduction, baseline_entry_id, best_entry_id
FROM analysis.dawnbench_progress ORDER BY kind DESC, task, basis, instance_type

-- read: report_trend_history
SELECT * FROM analysis.trend_history ORDER BY metric, subset, basis, as_of

-- read: trend_history_versions
-- the followed trends as known then (fitted from the versions published by each as_of), which
-- analysis/trend_estimate keeps as its basis 'versions' rows
SELECT * FROM analysis.trend_history WHERE basis = 'versions'
ORDER BY metric, subset, method, ci_level, as_of

-- read: report_backtest_summary
-- how often a past fit's interval held the value observed 1 and 2 years later
SELECT metric, subset, basis, horizon_years, count(*) AS predictions,
       count(is_inside) AS observable, count(*) FILTER (WHERE is_inside) AS inside,
       round(median(error_factor), 2) AS median_error_factor
FROM analysis.trend_backtest GROUP BY ALL ORDER BY metric, subset, basis, horizon_years

-- read: effective_compute_hardware_trends
-- the newest OLS price-performance trends effective compute per dollar can combine
-- (analyses/effective_compute.py picks its series from them)
SELECT metric, subset, method, ci_level, window_start_on, window_end_on, n,
       log10_slope_per_year, log10_slope_ci_low, log10_slope_ci_high, as_of
FROM analysis.trend_latest
WHERE method = 'ols' AND metric LIKE '%\_per\_usd' ESCAPE '\'
ORDER BY metric, subset

-- read: summary_efficiency
-- algorithmic efficiency and effective compute per dollar, in months
SELECT figure, value AS months, value_low AS low, value_high AS high, n, window_start_on,
       window_end_on
FROM analysis.efficiency_summary
WHERE topic IN ('algorithmic efficiency', 'effective compute per dollar')
ORDER BY topic, figure

-- read: summary_cpu_gpu
-- the CPU-GPU gap: matched runs and the spec ratio (or why it is withheld)
SELECT figure, value AS ratio, value_low AS low, value_high AS high, n, summary
FROM analysis.efficiency_summary
WHERE topic = 'cpu vs gpu'
ORDER BY figure

-- read: summary_mlperf_imagenet
-- ImageNet to ~75-76% top-1, then and now: the first point of the series DAWNBench -> MLPerf
-- ResNet-50 against its best (costs: DAWNBench as submitted, MLPerf at the robust cloud price),
-- and MLPerf ResNet-50's first round against its best, each with its trend in words.
WITH points AS (
    SELECT 'minutes' AS unit, reported_on, time_to_quality_s / 60 AS value
    FROM analysis.imagenet_series WHERE time_to_quality_s IS NOT NULL
    UNION ALL
    SELECT 'USD', reported_on, cost_to_train_usd
    FROM analysis.imagenet_series WHERE cost_to_train_usd IS NOT NULL
),
imagenet AS (
    SELECT 'ImageNet: DAWNBench -> MLPerf ResNet-50' AS series, unit,
           min(value) FILTER (WHERE reported_on = first_on) AS then_value,
           strftime(first_on, '%Y-%m-%d') AS then_when,
           min(value) AS now_value,
           strftime(arg_min(reported_on, value), '%Y-%m-%d') AS now_when,
           CASE unit WHEN 'USD' THEN 'cost_to_train_usd' ELSE 'time_to_train_s' END AS metric,
           'imagenet dawnbench+mlperf best per date' AS subset
    FROM points
    JOIN (SELECT unit, min(reported_on) AS first_on FROM points GROUP BY unit) USING (unit)
    GROUP BY unit, first_on
),
resnet AS (
    SELECT 'MLPerf ResNet-50' AS series, 'minutes' AS unit, first_best_time_s / 60 AS then_value,
           first_round AS then_when, best_time_s / 60 AS now_value, best_time_round AS now_when,
           'time_to_train_s' AS metric, 'mlperf resnet closed best per round' AS subset
    FROM analysis.mlperf_benchmark_progress WHERE benchmark = 'resnet'
    UNION ALL
    SELECT 'MLPerf ResNet-50', 'USD', first_best_cost_usd, first_cost_round, best_cost_usd,
           best_cost_round, 'cost_to_train_usd', 'mlperf resnet closed best per round'
    FROM analysis.mlperf_benchmark_progress WHERE benchmark = 'resnet'
)
SELECT series, s.unit, round(then_value, 2) AS then_value, then_when,
       round(now_value, 2) AS now_value, now_when,
       round(then_value / now_value, 1) AS times_better, t.summary AS trend
FROM (SELECT * FROM imagenet UNION ALL SELECT * FROM resnet) AS s
LEFT JOIN (
    SELECT metric, subset, summary FROM analysis.trend_summary
    QUALIFY row_number() OVER (
        PARTITION BY metric, subset ORDER BY as_of DESC, method = 'ols' DESC, ci_level DESC
    ) = 1
) AS t USING (metric, subset)
ORDER BY series, s.unit

-- Views over the warehouse tables. Each block starts with "-- view: <schema.name>" and holds
-- the SELECT of that view; its columns are declared (and described) in schemas/.

-- view: core.cloud_price_change
-- A series is one source's prices of one instance (or accelerator), region and pricing; a run
-- is a stretch of consecutive observations with the same price. Observations are ordered by
-- time, then upstream version and quote number.
WITH ordered AS (
    SELECT
        *,
        coalesce(usd_per_hour, usd_per_accelerator_hour) AS price,
        lag(coalesce(usd_per_hour, usd_per_accelerator_hour)) OVER series AS previous_price
    FROM core.cloud_price
    WINDOW series AS (
        PARTITION BY source, provider, region, instance_type, hardware_text, pricing
        ORDER BY observed_at, sha256, row_number
    )
),
runs AS (
    SELECT
        *,
        sum(CASE WHEN previous_price IS NOT DISTINCT FROM price THEN 0 ELSE 1 END) OVER (
            PARTITION BY source, provider, region, instance_type, hardware_text, pricing
            ORDER BY observed_at, sha256, row_number
            ROWS UNBOUNDED PRECEDING
        ) AS run
    FROM ordered
)
SELECT
    source,
    provider,
    region,
    instance_type,
    any_value(hardware_id) AS hardware_id,
    hardware_text,
    pricing,
    any_value(usd_per_hour) AS usd_per_hour,
    any_value(usd_per_accelerator_hour) AS usd_per_accelerator_hour,
    min(observed_at) AS first_seen_at,
    max(observed_at) AS last_seen_at,
    count(*) AS observations
FROM runs
GROUP BY source, provider, region, instance_type, hardware_text, pricing, run

-- view: core.model_compute_change
-- A model's compute estimate in each version that lists it is the first stated by the
-- version's records in precedence order (as core.model reads them); versions are ordered by
-- retrieval time.
WITH per_version AS (
    SELECT
        r.model_id,
        any_value(r.name) AS name,
        r.source || '/' || s.version AS version,
        s.retrieved_at,
        arg_min(r.training_compute_flop, r.precedence)
            FILTER (WHERE r.training_compute_flop IS NOT NULL) AS compute
    FROM core.model_record r
    JOIN meta.snapshot s USING (source, sha256)
    GROUP BY r.model_id, r.source, s.version, s.retrieved_at
),
paired AS (
    SELECT
        *,
        lag(version) OVER w AS from_version,
        lag(compute) OVER w AS from_compute
    FROM per_version
    WINDOW w AS (PARTITION BY model_id ORDER BY retrieved_at, version)
)
SELECT
    model_id,
    name,
    from_version,
    version AS to_version,
    from_compute AS from_training_compute_flop,
    compute AS to_training_compute_flop,
    compute / from_compute AS change_factor
FROM paired
WHERE from_version IS NOT NULL AND compute IS DISTINCT FROM from_compute
ORDER BY model_id, to_version

-- view: analysis.trend_latest
-- A trend is one metric, subset, method and confidence level; its newest estimate is the build
-- row (basis 'build': the 'versions' rows are past dates' fits) of the latest as_of (the key of
-- analysis.trend_estimate makes that row unique). Every column of the table, in its order (both
-- are declared by one list in schemas/trends.py).
SELECT *
FROM analysis.trend_estimate
WHERE basis = 'build'
QUALIFY as_of = max(as_of) OVER (PARTITION BY metric, subset, method, ci_level)
ORDER BY metric, subset, method, ci_level

-- view: core.latest_cloud_price
-- An offer is one accelerator, pricing model, provider, region and instance type, whichever
-- source lists it; its newest quote wins (ties: the later upstream version and quote, so the
-- pick is unique). Grouping with arg_max is several times faster here than a window;
-- arg_max_null keeps the picked quote's nulls instead of skipping to another quote.
WITH quote AS (
    SELECT *, (observed_at, sha256, row_number) AS newest
    FROM core.cloud_price
    WHERE hardware_id IS NOT NULL AND usd_per_accelerator_hour IS NOT NULL
)
SELECT
    hardware_id,
    pricing,
    provider,
    region,
    instance_type,
    arg_max_null(accelerators_per_instance, newest) AS accelerators_per_instance,
    arg_max_null(usd_per_accelerator_hour, newest) AS usd_per_accelerator_hour,
    arg_max_null(usd_per_hour, newest) AS usd_per_hour,
    max(observed_at) AS observed_at,
    arg_max_null(source, newest) AS source,
    arg_max_null(sha256, newest) AS sha256,
    arg_max_null(row_number, newest) AS row_number,
    arg_max_null(is_suspect, newest) AS is_suspect,
    arg_max_null(suspect_reason, newest) AS suspect_reason
FROM quote
GROUP BY hardware_id, pricing, provider, region, instance_type
ORDER BY hardware_id, pricing, provider, region, instance_type

-- view: analysis.cheapest_pflop_day_by_month
-- price_performance already holds each day's cheapest non-suspect cloud quote per chip,
-- precision and pricing; the month's cheapest of those is kept whole (ties: earliest day, then
-- ids). Beside it the robust figure: each provider's cheapest non-suspect quote of the month
-- over every chip with a peak at that precision (at price_performance's utilisation), and the
-- 25th percentile of those over providers, with how many providers and suspect quotes.
WITH peak AS (
    SELECT DISTINCT hardware_id, precision, peak_flop_per_s, utilisation
    FROM analysis.price_performance
    WHERE basis LIKE 'cloud\_%' ESCAPE '\' AND peak_flop_per_s IS NOT NULL
),
quote AS (
    SELECT
        date_trunc('month', c.observed_at)::DATE AS month_on,
        p.precision,
        c.pricing,
        c.provider,
        c.is_suspect,
        c.usd_per_accelerator_hour * 24 / (p.peak_flop_per_s * p.utilisation / 1e15)
            AS usd_per_pflop_day
    FROM core.cloud_price c
    JOIN peak p USING (hardware_id)
    WHERE c.usd_per_accelerator_hour IS NOT NULL
),
by_provider AS (
    SELECT
        month_on,
        precision,
        pricing,
        provider,
        min(usd_per_pflop_day) FILTER (WHERE NOT is_suspect) AS cheapest,
        count(*) FILTER (WHERE is_suspect) AS suspect
    FROM quote
    GROUP BY ALL
),
robust AS (
    SELECT
        month_on,
        precision,
        pricing,
        quantile_cont(cheapest, 0.25) AS robust_usd_per_pflop_day,
        count(cheapest) AS n_providers,
        sum(suspect)::BIGINT AS n_suspect_excluded
    FROM by_provider
    GROUP BY ALL
),
cheapest AS (
    SELECT
        date_trunc('month', priced_on)::DATE AS month_on,
        precision,
        substr(basis, length('cloud_') + 1) AS pricing,
        usd_per_pflop_day,
        hardware_id,
        priced_on,
        usd_per_accelerator_hour,
        peak_flop_per_s,
        utilisation,
        provider,
        region,
        instance_type,
        source,
        sha256,
        row_number
    FROM analysis.price_performance
    WHERE basis LIKE 'cloud\_%' ESCAPE '\' AND usd_per_pflop_day IS NOT NULL
    QUALIFY row_number() OVER (
        PARTITION BY month_on, precision, basis
        ORDER BY usd_per_pflop_day, priced_on, hardware_id, source, sha256, row_number
    ) = 1
)
SELECT
    c.*,
    r.robust_usd_per_pflop_day,
    r.n_providers,
    r.n_providers = 1 AS is_single_provider,
    coalesce(r.n_suspect_excluded, 0) AS n_suspect_excluded
FROM cheapest c
LEFT JOIN robust r USING (month_on, precision, pricing)
ORDER BY month_on, precision, pricing

-- view: core.frontier_model
SELECT
    m.model_id,
    m.name,
    m.organization,
    m.published_on,
    m.domain,
    m.parameters,
    m.training_compute_flop,
    m.training_compute_low_flop,
    m.training_compute_high_flop,
    m.training_time_s,
    m.hardware_id,
    h.name AS hardware_name,
    m.hardware_quantity,
    h.bf16_flop_per_s,
    m.training_cost_usd,
    m.training_cost_cloud_usd,
    m.hardware_acquisition_cost_usd,
    m.training_power_draw_w,
    m.is_frontier_epoch,
    m.is_top10_at_release,
    m.link
FROM core.model m
LEFT JOIN core.hardware h USING (hardware_id)
WHERE m.is_frontier
ORDER BY m.published_on, m.model_id

-- view: analysis.trend_summary
-- Halving trends are said in halving times; a trend without a doubling time (its slope
-- interval includes zero, or it is too slow to state) is said as its change per year with the
-- interval ("no clear trend"), and why.
SELECT
    metric,
    subset,
    method,
    ci_level,
    CASE
        WHEN doubling_time_years IS NULL THEN printf(
            'no clear trend (%+.1f %%/yr, %d%% interval %+.1f to %+.1f; %s)',
            pct_per_year,
            round(ci_level * 100)::INTEGER,
            pct_per_year_ci_low,
            pct_per_year_ci_high,
            coalesce(no_doubling_reason, 'no doubling time')
        )
        ELSE printf(
            '%s every %.2f years (%d%% interval %.2f to %.2f; %+.1f %%/yr)',
            CASE WHEN doubling_time_years > 0 THEN 'doubles' ELSE 'halves' END,
            abs(doubling_time_years),
            round(ci_level * 100)::INTEGER,
            least(abs(ci_low_years), abs(ci_high_years)),
            greatest(abs(ci_low_years), abs(ci_high_years)),
            pct_per_year
        )
    END AS summary,
    round(doubling_time_years, 2) AS doubling_time_years,
    round(ci_low_years, 2) AS ci_low_years,
    round(ci_high_years, 2) AS ci_high_years,
    round(pow(10, log10_slope_per_year), 2 - floor(log10(pow(10, log10_slope_per_year)))::INTEGER)
        AS growth_factor_per_year,
    round(r2, 3) AS r2,
    n,
    window_start_on,
    window_end_on,
    unit,
    as_of,
    round(pct_per_year, 1) AS pct_per_year,
    round(pct_per_year_ci_low, 1) AS pct_per_year_ci_low,
    round(pct_per_year_ci_high, 1) AS pct_per_year_ci_high,
    is_significant,
    no_doubling_reason,
    estimator,
    offer_count,
    sources,
    providers,
    provider_count,
    first_on,
    last_on,
    gap_months
FROM analysis.trend_latest
ORDER BY metric, subset, method, ci_level

-- view: core.accelerator_spec_sheet
-- "The last year of price data" ends at the newest cloud quote, so a warehouse built from the
-- bundled snapshots answers the same whatever the day it is read. An offer's newest quote is
-- in that year exactly when the offer was seen in it, so the newest quote per offer is taken
-- among the year's quotes only (as core.latest_cloud_price picks it, at a fraction of the
-- rows).
WITH recent AS (
    SELECT
        hardware_id,
        pricing,
        provider,
        arg_max(usd_per_accelerator_hour, (observed_at, sha256, row_number))
            AS usd_per_accelerator_hour
    FROM core.cloud_price
    WHERE hardware_id IS NOT NULL AND usd_per_accelerator_hour IS NOT NULL AND NOT is_suspect
        AND observed_at >= (SELECT max(observed_at) FROM core.cloud_price) - INTERVAL 365 DAY
    GROUP BY hardware_id, pricing, provider, region, instance_type
),
cloud AS (
    SELECT
        hardware_id,
        min(usd_per_accelerator_hour) FILTER (WHERE pricing = 'on_demand')
            AS on_demand_usd_per_accelerator_hour,
        string_agg(DISTINCT provider, ', ' ORDER BY provider) AS cloud_providers
    FROM recent
    GROUP BY hardware_id
)
SELECT
    h.hardware_id,
    h.vendor,
    h.name,
    h.kind,
    h.released_on,
    h.memory_bytes,
    h.memory_bandwidth_bytes_per_s,
    h.tdp_w,
    h.fp64_flop_per_s,
    h.fp32_flop_per_s,
    h.tf32_flop_per_s,
    h.bf16_flop_per_s,
    h.fp8_flop_per_s,
    h.int8_op_per_s,
    h.launch_price_usd,
    h.bf16_flop_per_s / h.launch_price_usd AS bf16_flop_per_s_per_usd,
    c.on_demand_usd_per_accelerator_hour,
    c.cloud_providers,
    h.sources,
    h.fp16_tensor_flop_per_s,
    h.is_family
FROM core.hardware h
LEFT JOIN cloud c USING (hardware_id)
WHERE coalesce(
    h.tf32_flop_per_s, h.fp16_tensor_flop_per_s, h.bf16_flop_per_s, h.fp8_flop_per_s,
    h.int8_op_per_s
) IS NOT NULL
ORDER BY h.released_on DESC NULLS LAST, h.hardware_id

-- view: analysis.trend_vs_published
-- Only the trends with a published counterpart (data/curated/published_trends.csv).
SELECT
    metric,
    subset,
    method,
    ci_level,
    n,
    window_start_on,
    window_end_on,
    doubling_time_years,
    ci_low_years,
    ci_high_years,
    pct_per_year,
    is_significant,
    published_doubling_years,
    published_ci_low_years,
    published_ci_high_years,
    published_ci_level,
    published_n,
    published_as_stated,
    doubling_time_years / published_doubling_years AS ours_over_published,
    is_published_within_ci,
    published_rule,
    published_citation,
    published_url,
    as_of
FROM analysis.trend_latest
WHERE published_doubling_years IS NOT NULL
ORDER BY metric, subset, method, ci_level

-- view: meta.price_quality
-- Per price source: cloud quotes loaded, how many are suspect (by check; a quote can fail
-- several) and how many were quarantined on the way to core.cloud_price.
WITH loaded AS (
    SELECT
        source,
        count(*) AS cloud_quotes,
        count(*) FILTER (WHERE is_suspect) AS suspect_quotes,
        count(*) FILTER (WHERE suspect_reason LIKE '%accelerator charge missing%')
            AS accelerator_charge_missing,
        count(*) FILTER (WHERE suspect_reason LIKE '%off its own history%') AS off_own_history,
        count(*) FILTER (WHERE suspect_reason LIKE '%far below other providers%')
            AS below_other_providers
    FROM core.cloud_price
    GROUP BY source
),
quarantined AS (
    SELECT source, count(*) AS quarantined_quotes
    FROM meta.quarantine
    WHERE target_table = 'core.cloud_price'
    GROUP BY source
)
SELECT
    source,
    coalesce(l.cloud_quotes, 0) AS cloud_quotes,
    coalesce(l.suspect_quotes, 0) AS suspect_quotes,
    coalesce(l.accelerator_charge_missing, 0) AS accelerator_charge_missing,
    coalesce(l.off_own_history, 0) AS off_own_history,
    coalesce(l.below_other_providers, 0) AS below_other_providers,
    coalesce(q.quarantined_quotes, 0) AS quarantined_quotes
FROM loaded l
FULL JOIN quarantined q USING (source)
ORDER BY source

-- view: analysis.efficiency_summary
-- The efficiency figures in one place (docs/efficiency.md): times in months, ratios as they
-- are; each row names the table behind it. The CPU/GPU spread is the range over matched
-- pairs (one team's baselines, October 2017), not a sampling interval.
WITH pair AS (
    SELECT task, entry_kind, 'time' AS measure, cpu_to_gpu_time AS ratio, submitted_on
    FROM analysis.cpu_gpu_matched_run
    UNION ALL
    SELECT task, entry_kind, 'cost', cpu_to_gpu_cost, submitted_on
    FROM analysis.cpu_gpu_matched_run
    WHERE cpu_to_gpu_cost IS NOT NULL
),
matched AS (
    SELECT task, entry_kind, measure, exp(avg(ln(ratio))) AS geomean, min(ratio) AS low,
           max(ratio) AS high, count(*) AS n, min(submitted_on) AS first_on,
           max(submitted_on) AS last_on
    FROM pair
    GROUP BY task, entry_kind, measure
)
SELECT
    'algorithmic efficiency' AS topic,
    capability || '-level: months for the compute to reach it to halve' AS figure,
    round(12 * halving_time_years, 2) AS value,
    round(12 * halving_ci_low_years, 2) AS value_low,
    round(12 * halving_ci_high_years, 2) AS value_high,
    CASE WHEN halving_ci_low_years IS NOT NULL
        THEN printf('%d%% bootstrap interval', round(ci_level * 100)::INTEGER) END
        AS interval_kind,
    n,
    window_start_on,
    window_end_on,
    printf('%s; its compute fell %.1fx from %s to %s: halves every %.1f months (%s)',
        capability_target, reduction_factor, first_publication, latest_publication,
        12 * halving_time_years,
        CASE WHEN halving_ci_low_years IS NULL THEN 'two records: no interval'
        ELSE printf('%d%% interval %.1f to %.1f, n=%d', round(ci_level * 100)::INTEGER,
            12 * halving_ci_low_years, 12 * halving_ci_high_years, n) END
        || coalesce(printf('; published %.0f months', 12 * published_halving_years), '')
    ) AS summary,
    'analysis.algorithmic_efficiency_trend' AS relation
FROM analysis.algorithmic_efficiency_trend
UNION ALL
SELECT
    'effective compute per dollar',
    hardware_metric || ' (' || hardware_subset || ') x ' || capability
        || '-level efficiency: months to double',
    round(12 * effective_doubling_time_years, 2),
    round(12 * effective_doubling_ci_low_years, 2),
    round(12 * effective_doubling_ci_high_years, 2),
    printf('%d%% interval, the parts'' intervals in quadrature',
        round(ci_level * 100)::INTEGER),
    hardware_n + efficiency_n,
    overlap_start_on,
    overlap_end_on,
    printf('x%.2f a year: hardware x%.2f (doubling %.1f years) times algorithms x%.2f '
        '(doubling %.1f months); x%.3g from %s to %s if both rates held',
        effective_factor_per_year, pow(10, hardware_log10_slope_per_year),
        hardware_doubling_time_years, pow(10, efficiency_log10_gain_per_year),
        12 * efficiency_doubling_time_years, effective_factor_over_overlap,
        overlap_start_on, overlap_end_on),
    'analysis.effective_compute_trend'
FROM analysis.effective_compute_trend
UNION ALL
SELECT
    'cpu vs gpu',
    task || ' ' || entry_kind || ': CPU/GPU ' || measure || ', geometric mean',
    round(geomean, 2),
    round(low, 2),
    round(high, 2),
    'range over matched pairs',
    n,
    first_on,
    last_on,
    printf('16 vCPUs took %.2fx the %s of one GPU (%.2f to %.2f over %d pairs, DAWNBench '
        'baselines of one team and month)', geomean,
        CASE WHEN measure = 'time' AND entry_kind = 'inference' THEN 'latency'
        WHEN measure = 'time' THEN 'time to target' ELSE 'cost' END, low, high, n),
    'analysis.cpu_gpu_matched_run'
FROM matched
UNION ALL
SELECT
    'cpu vs gpu',
    'GPU/CPU peak FP32 FLOP/s per launch dollar, median over years',
    round(median(gpu_over_cpu_flops_per_dollar), 2),
    round(min(gpu_over_cpu_flops_per_dollar), 2),
    round(max(gpu_over_cpu_flops_per_dollar), 2),
    CASE WHEN count(gpu_over_cpu_flops_per_dollar) > 0 THEN 'range over launch years' END,
    sum(cpu_chips_stating_flops)::BIGINT,
    make_date(min(launch_year)::INTEGER, 1, 1),
    make_date(max(launch_year)::INTEGER, 12, 31),
    CASE WHEN count(gpu_over_cpu_flops_per_dollar) = 0 THEN printf(
        'withheld: none of the %d server CPUs in core.hardware states peak FP32 FLOP/s',
        sum(cpu_chips))
    ELSE printf('%d launch years with a ratio', count(gpu_over_cpu_flops_per_dollar)) END,
    'analysis.cpu_gpu_spec_gap'
FROM analysis.cpu_gpu_spec_gap
WHERE precision = 'fp32'
ORDER BY topic, figure

-- view: analysis.mlperf_benchmark_progress
-- One row per benchmark: its time frontier's first and latest round (rounds with a rated
-- time), the cost frontier's (rounds with a priced result), the improvement factors, and the
-- trends of analysis/trend_inputs_mlperf.py, whose subset names the benchmark as
-- 'mlperf <benchmark> closed best per round' (the newest estimate, OLS first).
WITH frontier AS (
    SELECT
        benchmark,
        frontier_measure,
        round,
        round_published_on,
        system_id,
        CASE frontier_measure WHEN 'time' THEN score_s ELSE cost_to_train_usd END AS best,
        is_record,
        rated_results
    FROM analysis.mlperf_frontier
    WHERE frontier_measure IN ('time', 'cost')
),
measured AS (
    SELECT
        benchmark,
        frontier_measure,
        count(*) AS rounds,
        sum(rated_results)::BIGINT AS results,
        arg_min(round, round_published_on) AS first_round,
        min(round_published_on) AS first_round_on,
        arg_min(best, round_published_on) AS first_best,
        arg_min(system_id, round_published_on) AS first_system_id,
        arg_max(round, round_published_on) AS latest_round,
        max(round_published_on) AS latest_round_on,
        arg_max(best, round_published_on) AS latest_best,
        arg_max(system_id, round_published_on) AS latest_system_id,
        arg_max(round, round_published_on) FILTER (WHERE is_record) AS record_round
    FROM frontier
    GROUP BY benchmark, frontier_measure
),
trend AS (
    SELECT metric, subset, summary, doubling_time_years, ci_low_years, ci_high_years
    FROM analysis.trend_summary
    WHERE subset LIKE 'mlperf % closed best per round'
    QUALIFY row_number() OVER (
        PARTITION BY metric, subset ORDER BY as_of DESC, method = 'ols' DESC, ci_level DESC
    ) = 1
)
SELECT
    t.benchmark,
    t.first_round,
    t.first_round_on,
    t.latest_round,
    t.latest_round_on,
    t.rounds AS time_rounds,
    t.results AS time_results,
    t.first_best AS first_best_time_s,
    t.first_system_id AS first_best_time_system_id,
    t.latest_best AS best_time_s,
    t.latest_system_id AS best_time_system_id,
    t.record_round AS best_time_round,
    t.first_best / t.latest_best AS times_faster,
    c.rounds AS cost_rounds,
    c.results AS cost_results,
    c.first_round AS first_cost_round,
    c.first_best AS first_best_cost_usd,
    c.first_system_id AS first_best_cost_system_id,
    c.latest_best AS best_cost_usd,
    c.latest_system_id AS best_cost_system_id,
    c.record_round AS best_cost_round,
    c.first_best / c.latest_best AS times_cheaper,
    tt.summary AS time_trend,
    tt.doubling_time_years AS time_doubling_time_years,
    tt.ci_low_years AS time_ci_low_years,
    tt.ci_high_years AS time_ci_high_years,
    ct.summary AS cost_trend,
    ct.doubling_time_years AS cost_doubling_time_years,
    ct.ci_low_years AS cost_ci_low_years,
    ct.ci_high_years AS cost_ci_high_years
FROM measured AS t
LEFT JOIN measured AS c ON c.benchmark = t.benchmark AND c.frontier_measure = 'cost'
LEFT JOIN trend AS tt
    ON tt.metric = 'time_to_train_s'
    AND tt.subset = 'mlperf ' || t.benchmark || ' closed best per round'
LEFT JOIN trend AS ct
    ON ct.metric = 'cost_to_train_usd'
    AND ct.subset = 'mlperf ' || t.benchmark || ' closed best per round'
WHERE t.frontier_measure = 'time'
ORDER BY t.first_round_on, t.benchmark

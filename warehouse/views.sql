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
-- A trend is one metric, subset, method and confidence level; its newest estimate is the row
-- of the latest as_of (the key of analysis.trend_estimate makes that row unique).
SELECT
    metric,
    subset,
    window_start_on,
    window_end_on,
    n,
    log10_slope_per_year,
    doubling_time_years,
    ci_low_years,
    ci_high_years,
    ci_level,
    r2,
    method,
    as_of,
    unit,
    points,
    resamples,
    seed
FROM analysis.trend_estimate
QUALIFY as_of = max(as_of) OVER (PARTITION BY metric, subset, method, ci_level)
ORDER BY metric, subset, method, ci_level

-- Point-in-time table macros: every table below read as it stood on a date `d`, from the
-- upstream versions published on or before it (meta.snapshot.retrieved_at: for bundled
-- versions the upstream commit date, for a live fetch the download time; never the date the
-- file was copied here). Call them with a DATE or a bound parameter:
--   SELECT * FROM core.model_as_of(DATE '2026-04-01')
--   SELECT * FROM core.model_as_of(?)
-- warehouse/as_of.py creates them at build time (one block per `-- macro:` line) and
-- `flopbase query --as-of D` reads the core tables through them.

-- macro: meta.version_as_of
CREATE OR REPLACE MACRO meta.version_as_of(d) AS TABLE
SELECT
    s.source,
    s.version,
    s.sha256,
    s.retrieved_at,
    CAST(s.retrieved_at AS DATE) AS published_on,
    row_number() OVER (PARTITION BY s.source ORDER BY s.retrieved_at DESC, s.version DESC) = 1
        AS is_newest
FROM {db}meta.snapshot s
WHERE CAST(s.retrieved_at AS DATE) <= CAST(d AS DATE);

-- macro: meta.as_of_coverage
CREATE OR REPLACE MACRO meta.as_of_coverage(d) AS TABLE
WITH stored AS (
    SELECT
        source,
        count(*) AS versions_stored,
        count(*) FILTER (WHERE CAST(retrieved_at AS DATE) <= CAST(d AS DATE)) AS versions_then,
        min(CAST(retrieved_at AS DATE)) AS first_published_on,
        max(CAST(retrieved_at AS DATE)) AS last_published_on,
        max(CAST(retrieved_at AS DATE)) FILTER (WHERE CAST(retrieved_at AS DATE) <= CAST(d AS DATE))
            AS used_published_on,
        arg_max(version, retrieved_at) FILTER (WHERE CAST(retrieved_at AS DATE) <= CAST(d AS DATE))
            AS used_version
    FROM {db}meta.snapshot
    GROUP BY source
)
SELECT
    source,
    CAST(d AS DATE) AS as_of,
    versions_stored,
    versions_then,
    used_version,
    used_published_on,
    first_published_on,
    last_published_on,
    CASE
        WHEN versions_then = 0 THEN
            'not reconstructible: no version of ' || source || ' was published by then (first: '
            || first_published_on || '); it contributes nothing as of this date'
        WHEN versions_stored = 1 THEN
            'single stored version (' || used_published_on || '): as today; earlier states of '
            || source || ' are not kept, so none is reconstructible'
        WHEN versions_then = versions_stored THEN
            'as today: every stored version of ' || source || ' was published by then'
        ELSE
            'reconstructed from ' || versions_then || ' of ' || versions_stored
            || ' versions (newest then: ' || used_version || ')'
    END AS status
FROM stored
ORDER BY source;

-- macro: meta.snapshot_as_of
CREATE OR REPLACE MACRO meta.snapshot_as_of(d) AS TABLE
SELECT s.*
FROM {db}meta.snapshot s
WHERE CAST(s.retrieved_at AS DATE) <= CAST(d AS DATE);

-- macro: core.model_record_as_of
CREATE OR REPLACE MACRO core.model_record_as_of(d) AS TABLE
SELECT r.*
FROM {db}core.model_record r
SEMI JOIN meta.version_as_of(d) v ON v.source = r.source AND v.sha256 = r.sha256;

-- macro: core.model_as_of
-- One row per model as analyses.models.fold makes core.model, from the records of the
-- versions published by `d`: each field from the newest version stating it (within a version
-- by precedence), a compute estimate with its bounds and a hardware field with what it
-- resolved to taken together; notable / large-scale from the newest version publishing that
-- list; Epoch's frontier rule recomputed over the models known then.
CREATE OR REPLACE MACRO core.model_as_of(d) AS TABLE
WITH versions AS (
    SELECT source, sha256, version, retrieved_at FROM meta.version_as_of(d)
),
records AS (
    SELECT
        r.*,
        v.version,
        v.retrieved_at,
        -- newest version first, then precedence 1 first: larger is consulted first
        dense_rank() OVER (ORDER BY v.retrieved_at, v.version) * 1000000 - r.precedence
            AS consult
    FROM {db}core.model_record r
    JOIN versions v ON v.source = r.source AND v.sha256 = r.sha256
),
folded AS (
    SELECT
        model_id,
        arg_max(name, consult) AS name,
        {fields},
        string_agg(DISTINCT source || '/' || version, ',' ORDER BY source || '/' || version DESC)
            AS versions
    FROM records
    GROUP BY model_id
),
lists AS (
    SELECT file, arg_max(sha256, retrieved_at) AS sha256
    FROM records
    WHERE file IN ('notable_ai_models.csv', 'large_scale_ai_models.csv')
    GROUP BY file
),
listed AS (
    SELECT DISTINCT r.model_id, r.file
    FROM records r
    JOIN lists l ON l.file = r.file AND l.sha256 = r.sha256
),
flagged AS (
    SELECT
        f.*,
        f.model_id IN (SELECT model_id FROM listed WHERE file = 'notable_ai_models.csv')
            AS is_notable,
        f.model_id IN (SELECT model_id FROM listed WHERE file = 'large_scale_ai_models.csv')
            AS is_large_scale
    FROM folded f
),
ranked AS (
    SELECT
        a.model_id,
        count(b.model_id) < 10 AS is_top10_at_release
    FROM flagged a
    LEFT JOIN flagged b
        ON b.published_on <= a.published_on
        AND b.training_compute_flop > a.training_compute_flop
    WHERE a.published_on IS NOT NULL AND a.training_compute_flop IS NOT NULL
    GROUP BY a.model_id
),
final AS (
    SELECT
        f.*,
        coalesce(k.is_top10_at_release, false) AS is_top10_at_release,
        CASE
            WHEN f.published_on <= (SELECT max(published_on) FROM flagged WHERE is_frontier_epoch)
                AND f.is_frontier_epoch IS NOT NULL THEN f.is_frontier_epoch
            ELSE coalesce(k.is_top10_at_release, false)
        END AS is_frontier
    FROM flagged f
    LEFT JOIN ranked k USING (model_id)
)
SELECT {model_columns}
FROM final
ORDER BY model_id;

-- macro: core.model_estimate_as_of
CREATE OR REPLACE MACRO core.model_estimate_as_of(d) AS TABLE
SELECT e.*
FROM {db}core.model_estimate e
SEMI JOIN meta.version_as_of(d) v ON v.source = e.source AND v.sha256 = e.sha256;

-- macro: core.cloud_price_as_of
-- Quotes of the versions published by `d` that were observed by then.
CREATE OR REPLACE MACRO core.cloud_price_as_of(d) AS TABLE
SELECT p.*
FROM {db}core.cloud_price p
SEMI JOIN meta.version_as_of(d) v ON v.source = p.source AND v.sha256 = p.sha256
WHERE CAST(p.observed_at AS DATE) <= CAST(d AS DATE);

-- macro: core.hardware_price_as_of
CREATE OR REPLACE MACRO core.hardware_price_as_of(d) AS TABLE
SELECT p.*
FROM {db}core.hardware_price p
SEMI JOIN meta.version_as_of(d) v ON v.source = p.source AND v.sha256 = p.sha256
WHERE p.observed_on <= CAST(d AS DATE);

-- macro: core.dawnbench_entry_as_of
CREATE OR REPLACE MACRO core.dawnbench_entry_as_of(d) AS TABLE
SELECT e.*
FROM {db}core.dawnbench_entry e
SEMI JOIN meta.version_as_of(d) v ON v.source = e.source AND v.sha256 = e.sha256
WHERE e.submitted_on <= CAST(d AS DATE);

-- macro: core.hardware_as_of
-- One row per accelerator (today's ids) stated by a spec source version published by `d`:
-- each attribute from the first source in the merge precedence that states it then (rejected
-- statements and undated curated datasheet values left out).
CREATE OR REPLACE MACRO core.hardware_as_of(d) AS TABLE
WITH statements AS (
    SELECT
        s.*,
        CASE s.source
            WHEN 'epoch_hardware' THEN 1
            WHEN 'epoch_chips' THEN 2
            WHEN 'techpowerup' THEN 3
            WHEN 'wikipedia_gpus' THEN 4
            ELSE 9
        END AS rank
    FROM {db}core.hardware_spec s
    SEMI JOIN meta.version_as_of(d) v ON v.source = s.source AND v.sha256 = s.sha256
    WHERE NOT s.is_rejected
),
pivoted AS (
    SELECT
        hardware_id,
        {attributes},
        arg_min(source, rank) AS source
    FROM statements
    GROUP BY hardware_id
),
stating AS (
    SELECT hardware_id, string_agg(source, ',' ORDER BY rank) AS sources
    FROM (SELECT DISTINCT hardware_id, source, rank FROM statements)
    GROUP BY hardware_id
)
SELECT {hardware_columns}
FROM pivoted p
JOIN stating USING (hardware_id)
JOIN {db}core.hardware h USING (hardware_id)
ORDER BY hardware_id;

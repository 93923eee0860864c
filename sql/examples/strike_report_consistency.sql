-- Do the strike reports add up? Per release and activity day, the total strikes stated for Iraq and Syria
-- against the sum of the per-country counts, and engagements against strikes. Rows where the parts do not add
-- up to the total, or where there are fewer engagements than strikes, point at a misread report (or a typo in
-- the source); they come first. `problem` is NULL where the report adds up.
WITH counts AS (
    SELECT
        m.release_id,
        m.period_end AS activity_date,
        CASE WHEN lower(m.location) IN ('iraq and syria', 'syria and iraq') THEN 'total' ELSE 'country' END AS level,
        m.name,
        m.value
    FROM metrics AS m
    JOIN releases AS r USING (release_id)
    WHERE r.kind = 'strike_report' AND coalesce(r.counted_in_marts, r.duplicate_of IS NULL) AND NOT m.is_cumulative
      AND m.period_start = m.period_end
      AND m.name IN ('strikes', 'engagements')
      AND lower(m.location) IN ('iraq', 'syria', 'iraq and syria', 'syria and iraq')
),
per_day AS (
    SELECT
        release_id,
        activity_date,
        sum(value) FILTER (WHERE level = 'total' AND name = 'strikes')       AS total_strikes,
        sum(value) FILTER (WHERE level = 'country' AND name = 'strikes')     AS country_strikes,
        sum(value) FILTER (WHERE level = 'total' AND name = 'engagements')   AS total_engagements,
        sum(value) FILTER (WHERE level = 'country' AND name = 'engagements') AS country_engagements
    FROM counts
    GROUP BY release_id, activity_date
)
SELECT
    r.source_path,
    p.*,
    CASE
        WHEN p.total_strikes IS NOT NULL AND p.country_strikes IS NOT NULL
             AND p.total_strikes <> p.country_strikes THEN 'countries do not add up to the total'
        WHEN p.total_engagements < p.total_strikes THEN 'fewer engagements than strikes'
    END AS problem
FROM per_day AS p
JOIN releases AS r USING (release_id)
ORDER BY problem NULLS LAST, p.activity_date, r.source_path;

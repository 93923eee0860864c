-- deps: metrics, releases
-- description: Counted things per activity date, name and place (non-cumulative, each release once).
--
-- Grain: one row per (activity_date, period_start, name, location).
-- Activity date: a metric's period_end (the day the activity ended). A multi-day count ("between March 9-15")
-- is NOT spread over its days (that would invent fractional strikes); it is attributed to period_end and keeps
-- its period_start and period_days, so `WHERE period_days = 1` gives true per-day counts and a weekly total
-- never mixes with the daily breakdown of the same week.
-- Left out: running totals (is_cumulative), counts with no known period, and releases that are copies of an
-- earlier release, of edited files and of deleted ones (counted_in_marts is false). Explicit zeros ("no reported strikes in Syria on March 18") stay.
SELECT
    m.period_end                                            AS activity_date,
    coalesce(m.period_start, m.period_end)                  AS period_start,
    (m.period_end - coalesce(m.period_start, m.period_end)) + 1 AS period_days,
    m.name,
    m.location,
    sum(m.value)                                            AS value,
    bool_and(m.qualifier = 'exact')                         AS all_exact,
    count(*)                                                AS metric_count,
    count(DISTINCT m.release_id)                            AS release_count,
    min(r.published_date)                                   AS first_published,
    max(r.published_date)                                   AS last_published
FROM metrics AS m
JOIN releases AS r USING (release_id)
WHERE coalesce(r.counted_in_marts, r.duplicate_of IS NULL)
  AND NOT m.is_cumulative
  AND m.period_end IS NOT NULL
GROUP BY ALL
ORDER BY activity_date, name, location

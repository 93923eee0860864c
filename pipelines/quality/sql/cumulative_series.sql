-- Running totals ("over 4,100 airstrikes since the beginning of the campaign") per name, place and verb, dated by
-- their period end or else the release's publication date. Each date's smallest value is set against the largest
-- value of any earlier date: a total that falls is a misread number or a misclassified count.
-- The series span runs, so they are computed over the whole table (running totals only, no text is read); what
-- comes back are the series this run added to and the first examples anywhere of a total that falls.
WITH dated AS (
    SELECT m.name, coalesce(m.location, '') AS location, coalesce(m.action, '') AS action,
           coalesce(m.period_end, r.published_date) AS as_of, m.value, m.metric_id, m.release_id
    FROM metrics m JOIN releases r USING (release_id)
    WHERE m.is_cumulative AND r.duplicate_of IS NULL
),
daily AS (
    SELECT name, location, action, as_of, min(value) AS day_min, max(value) AS day_max,
           arg_min(metric_id, value) AS lowest_metric_id
    FROM dated
    WHERE as_of IS NOT NULL
    GROUP BY ALL
),
series AS (
    SELECT name, location, action, CAST(as_of AS TIMESTAMP) AS as_of, day_min, lowest_metric_id,
           max(day_max) OVER (PARTITION BY name, location, action ORDER BY as_of
                              ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS earlier_max
    FROM daily
),
run_series AS (
    SELECT DISTINCT name, location, action FROM dated WHERE of_run_release(release_id)
)
SELECT * FROM series WHERE (name, location, action) IN (SELECT (name, location, action) FROM run_series)
UNION ALL
(SELECT * FROM series
 WHERE (name, location, action) NOT IN (SELECT (name, location, action) FROM run_series) AND day_min < earlier_max
 LIMIT max_examples())

-- Running totals ("over 4,100 airstrikes since the beginning of the campaign") per name, place and verb, dated by
-- their period end or else the release's publication date. Each date's smallest value is set against the largest
-- value of any earlier date: a total that falls is a misread number or a misclassified count.
WITH dated AS (
    SELECT m.name, coalesce(m.location, '') AS location, coalesce(m.action, '') AS action,
           coalesce(m.period_end, r.published_date) AS as_of, m.value, m.metric_id
    FROM metrics m JOIN releases r USING (release_id)
    WHERE m.is_cumulative AND r.duplicate_of IS NULL
),
daily AS (
    SELECT name, location, action, as_of, min(value) AS day_min, max(value) AS day_max,
           arg_min(metric_id, value) AS lowest_metric_id
    FROM dated
    WHERE as_of IS NOT NULL
    GROUP BY ALL
)
SELECT name, location, action, CAST(as_of AS TIMESTAMP) AS as_of, day_min, lowest_metric_id,
       max(day_max) OVER (PARTITION BY name, location, action ORDER BY as_of
                          ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS earlier_max
FROM daily

-- metrics: values, periods and rows recorded twice (same release, name, value, place, period and span).
SELECT metric_id, release_id, name, value, qualifier, location, is_cumulative,
       CAST(period_start AS TIMESTAMP) AS period_start, CAST(period_end AS TIMESTAMP) AS period_end,
       left(text, 60) AS text_head,
       count(*) OVER (PARTITION BY release_id, name, value, location, period_start, period_end, char_start, char_end)
           > 1 AS duplicate_row
FROM metrics

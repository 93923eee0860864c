-- metrics: values, periods and rows recorded twice (same release, name, value, place, period and span), for the
-- metrics of the releases this run wrote (rows recorded twice are always of one release).
-- An activity period that starts more than a day after the release was published is a date resolved into the
-- wrong year or month ("On Dec. 30" in a January release belongs to the previous year).
SELECT m.metric_id, m.release_id, m.name, m.value, m.qualifier, m.location, m.is_cumulative,
       CAST(m.period_start AS TIMESTAMP) AS period_start, CAST(m.period_end AS TIMESTAMP) AS period_end,
       CAST(r.published_date AS TIMESTAMP) AS published_date,
       CASE WHEN m.period_start IS NULL OR r.published_date IS NULL THEN NULL
            ELSE m.period_start > r.published_date + INTERVAL 1 DAY END AS period_after_publication,
       left(m.text, 60) AS text_head,
       count(*) OVER (PARTITION BY m.release_id, m.name, m.value, m.location, m.period_start, m.period_end,
                                   m.char_start, m.char_end) > 1 AS duplicate_row
FROM metrics m
LEFT JOIN releases r USING (release_id)
WHERE of_run_release(m.release_id)

-- "N strikes consisting of M engagements": per release, place and period, a strike is one or more engagements,
-- so engagements can never be fewer than strikes. Over the whole table (counts only); what comes back are the rows
-- of the releases this run wrote and the first examples anywhere with fewer engagements than strikes.
WITH counts AS (
    SELECT release_id, location,
           CAST(period_start AS TIMESTAMP) AS period_start, CAST(period_end AS TIMESTAMP) AS period_end,
           max(value) FILTER (WHERE name = 'strikes') AS strikes,
           max(value) FILTER (WHERE name = 'engagements') AS engagements
    FROM metrics
    WHERE name IN ('strikes', 'engagements') AND NOT is_cumulative
    GROUP BY ALL
    HAVING strikes IS NOT NULL AND engagements IS NOT NULL
)
SELECT * FROM counts WHERE of_run_release(release_id)
UNION ALL
(SELECT * FROM counts WHERE NOT of_run_release(release_id) AND engagements < strikes LIMIT max_examples())

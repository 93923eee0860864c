-- Per strike report and period: the strikes reported for both countries against the sum of the per-country
-- lines ("conducted 14 strikes ... in Syria and Iraq" = "In Syria ... nine strikes" + "In Iraq ... five strikes").
-- Per-town lines ("Near Mosul, five strikes") are not countries and are left out. max() tolerates a count
-- extracted twice; a duplicate is flagged by metrics_values.
-- Summed over the whole table (strike counts only, no text is read); what comes back are the reports this run wrote
-- and the first examples of reports anywhere whose lines do not add up.
WITH strikes AS (
    SELECT m.release_id, m.period_start, m.period_end, lower(m.location) AS place, max(m.value) AS value
    FROM metrics m JOIN releases r USING (release_id)
    WHERE r.kind = 'strike_report' AND m.name = 'strikes' AND NOT m.is_cumulative
      AND lower(m.location) IN ('iraq', 'syria', 'iraq and syria', 'syria and iraq')
    GROUP BY ALL
),
reports AS (
    SELECT release_id,
           CAST(period_start AS TIMESTAMP) AS period_start, CAST(period_end AS TIMESTAMP) AS period_end,
           max(value) FILTER (WHERE place LIKE '% and %') AS total_strikes,
           sum(value) FILTER (WHERE place NOT LIKE '% and %') AS country_strikes,
           string_agg(place || '=' || CAST(value AS BIGINT), ', ' ORDER BY place) AS lines
    FROM strikes
    GROUP BY ALL
    HAVING total_strikes IS NOT NULL AND country_strikes IS NOT NULL
)
SELECT * FROM reports WHERE of_run_release(release_id)
UNION ALL
(SELECT * FROM reports WHERE NOT of_run_release(release_id) AND total_strikes <> country_strikes LIMIT max_examples())

-- Strikes and engagements per week and country (weeks start on Monday, by activity date), with the number
-- of days that had a report: the table behind the weekly chart of notebooks/metrics_over_time.ipynb.
SELECT
    date_trunc('week', activity_date)::DATE  AS week,
    country,
    sum(strikes)::INTEGER                    AS strikes,
    sum(engagements)::INTEGER                AS engagements,
    count(DISTINCT activity_date)            AS days_reported
FROM strikes_daily
WHERE country IN ('Iraq', 'Syria')
GROUP BY week, country
ORDER BY week, country;

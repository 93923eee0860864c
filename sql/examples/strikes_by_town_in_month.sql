-- Strikes by town in one month: which towns were struck how often in March 2017, by activity date (the day the
-- strikes happened, not the day the release came out), from the per-town lines of strike reports, each
-- release once. Change the two dates to look at another month.
SELECT
    location                      AS town,
    sum(value)::INTEGER           AS strikes,
    count(DISTINCT activity_date) AS days_with_strikes,
    min(activity_date)            AS first_day,
    max(activity_date)            AS last_day
FROM metric_daily
WHERE name = 'strikes'
  AND activity_date >= DATE '2017-03-01' AND activity_date < DATE '2017-04-01'
  AND location NOT IN ('Iraq', 'Syria', 'Iraq and Syria', 'Syria and Iraq')
GROUP BY town
ORDER BY strikes DESC, town;

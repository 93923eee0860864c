-- Days with no strikes: the explicit zeros of strike reports ("There were no reported strikes in Syria on
-- March 13"), per country. A zero is a report that nothing happened, unlike a day with no report at all.
SELECT
    activity_date,
    country,
    release_count
FROM strikes_daily
WHERE strikes = 0 AND country IN ('Iraq', 'Syria')
ORDER BY activity_date, country;

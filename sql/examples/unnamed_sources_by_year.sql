-- How much of what is quoted comes from unnamed sources ("a senior coalition officer", "officials")? Quotes
-- per publication year, how many are anonymous, and their share.
SELECT
    year(r.published_date)                                        AS year,
    count(*)                                                      AS quotes,
    count(*) FILTER (WHERE q.is_anonymous)                        AS unnamed,
    round(100.0 * count(*) FILTER (WHERE q.is_anonymous) / count(*), 1) AS unnamed_pct,
    list(DISTINCT q.speaker ORDER BY q.speaker) FILTER (WHERE q.is_anonymous) AS unnamed_speakers
FROM quotes AS q
JOIN releases AS r USING (release_id)
WHERE coalesce(r.counted_in_marts, r.duplicate_of IS NULL)
GROUP BY year
ORDER BY year NULLS LAST;

-- deps: entity_mentions, entities, releases
-- description: Mentions per entity per month (by publication date), with the number of releases mentioning it.
--
-- Grain: one row per (month, entity). Month is the release's published_date month; releases without a date
-- are left out (they cannot be placed in time).
-- Each release once (counted_in_marts: copies, edited and deleted files left out).
SELECT
    date_trunc('month', r.published_date)::DATE             AS month,
    e.entity_id,
    e.name,
    e.type,
    count(*)                                                AS mention_count,
    count(DISTINCT m.release_id)                            AS release_count
FROM entity_mentions AS m
JOIN releases AS r USING (release_id)
JOIN entities AS e USING (entity_id)
WHERE coalesce(r.counted_in_marts, r.duplicate_of IS NULL)
  AND r.published_date IS NOT NULL
GROUP BY ALL
ORDER BY month, mention_count DESC, name

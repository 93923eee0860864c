-- Releases mentioning a place: every release whose body names Mosul under any spelling the warehouse has
-- seen for it (the entity's aliases: Mosul, Al Mawsil …), newest first, with how often and the first mention
-- in context. Change 'Mosul' to any place, person or organization name.
SELECT
    r.published_date,
    r.kind,
    r.title,
    count(*)                                                             AS mentions,
    min_by(substr(r.body, greatest(m.char_start - 60, 0) + 1, 160), m.char_start) AS first_mention_in_context,
    r.release_id
FROM entity_mentions AS m
JOIN entities AS e USING (entity_id)
JOIN releases AS r USING (release_id)
WHERE (e.name = 'Mosul' OR list_contains(e.aliases, 'Mosul'))
  AND coalesce(r.counted_in_marts, r.duplicate_of IS NULL)
GROUP BY r.release_id, r.published_date, r.kind, r.title
ORDER BY r.published_date DESC NULLS LAST, r.release_id;

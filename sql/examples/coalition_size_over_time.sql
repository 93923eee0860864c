-- How big did the releases say the coalition was? Every coalition-size figure ("the 68-member coalition",
-- "a 60-plus nation coalition"), by publication date, with the words it was read from.
SELECT
    r.published_date,
    m.value::INTEGER AS members,
    m.qualifier,
    m.text,
    r.title
FROM metrics AS m
JOIN releases AS r USING (release_id)
WHERE m.name = 'coalition_members'
  AND coalesce(r.counted_in_marts, r.duplicate_of IS NULL)
ORDER BY r.published_date NULLS LAST, r.release_id, m.char_start;

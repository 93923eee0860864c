-- What one person said in one year: every direct quotation of speakers whose name contains 'Garver'
-- in releases published in 2016, oldest first, with the release it came from. Change the name and the year.
SELECT
    r.published_date,
    q.speaker,
    q.speaker_role,
    q.quote_text,
    r.title,
    r.release_id
FROM quotes AS q
JOIN releases AS r USING (release_id)
LEFT JOIN entities AS e ON e.entity_id = q.speaker_entity_id
WHERE (q.speaker ILIKE '%Garver%' OR e.name ILIKE '%Garver%')
  AND year(r.published_date) = 2016
  AND coalesce(r.counted_in_marts, r.duplicate_of IS NULL)
ORDER BY r.published_date, q.char_start;

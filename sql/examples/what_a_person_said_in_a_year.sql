-- What one person said in one year: every direct quotation of speakers whose name contains 'Whitford'
-- in releases published in 2017, oldest first, with the release it came from. Change the name and the year.
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
WHERE (q.speaker ILIKE '%Whitford%' OR e.name ILIKE '%Whitford%')
  AND year(r.published_date) = 2017
  AND r.duplicate_of IS NULL
ORDER BY r.published_date, q.char_start;

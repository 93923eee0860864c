-- entity_mentions: keys, link to releases, entity type, offsets into the body and the span they cut out.
WITH bodies AS (SELECT DISTINCT ON (release_id) release_id, body FROM releases)
SELECT m.mention_id, m.release_id, m.entity_id, m.entity_type, m.text, m.char_start, m.char_end,
       b.release_id IS NOT NULL AS release_found,
       length(b.body) AS body_length,
       (m.char_start IS NULL) = (m.char_end IS NULL) AS offsets_paired,
       span_matches(b.body, m.char_start, m.char_end, m.text) AS span_matches_text
FROM entity_mentions m
LEFT JOIN bodies b USING (release_id)

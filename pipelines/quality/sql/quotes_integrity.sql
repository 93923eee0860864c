-- quotes: keys, links to releases and speaker entities, offsets into the body and the span they cut out.
WITH bodies AS (SELECT DISTINCT ON (release_id) release_id, body FROM releases)
SELECT q.quote_id, q.release_id, q.speaker_entity_id, q.char_start, q.char_end,
       b.release_id IS NOT NULL AS release_found,
       CASE WHEN q.speaker_entity_id IS NULL THEN NULL
            ELSE q.speaker_entity_id IN (SELECT entity_id FROM entities) END AS speaker_entity_found,
       length(b.body) AS body_length,
       (q.char_start IS NULL) = (q.char_end IS NULL) AS offsets_paired,
       span_matches(b.body, q.char_start, q.char_end, q.quote_text) AS span_matches_text,
       left(q.quote_text, 60) AS quote_text_head
FROM quotes q
LEFT JOIN bodies b USING (release_id)

-- metrics: keys, link to releases, enumerated qualifier, offsets into the body and the span they cut out.
WITH bodies AS (SELECT DISTINCT ON (release_id) release_id, body FROM releases)
SELECT m.metric_id, m.release_id, m.name, m.qualifier, m.value, m.char_start, m.char_end,
       b.release_id IS NOT NULL AS release_found,
       length(b.body) AS body_length,
       (m.char_start IS NULL) = (m.char_end IS NULL) AS offsets_paired,
       span_matches(b.body, m.char_start, m.char_end, m.text) AS span_matches_text,
       left(m.text, 60) AS text_head
FROM metrics m
LEFT JOIN bodies b USING (release_id)

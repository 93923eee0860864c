-- metrics: keys, link to releases, enumerated qualifier, offsets into the body and the span they cut out.
-- Linear in the data: each body is measured and chunked once; a span is cut from the chunks it covers.
WITH bodies AS MATERIALIZED (
    SELECT DISTINCT ON (release_id) release_id, length(body) AS body_length FROM releases
),
numbered AS MATERIALIZED (SELECT row_number() OVER () AS row_number, * FROM metrics),
spans AS (
    SELECT m.row_number, m.release_id, m.char_start, m.char_end,
           unnest(span_chunk_indexes(m.char_start, m.char_end)) AS chunk_index
    FROM numbered m JOIN bodies b USING (release_id)
    WHERE m.text IS NOT NULL AND span_cuttable(b.body_length, m.char_start, m.char_end)
),
cut AS (
    SELECT s.row_number, span_from_chunks(string_agg(c.chunk, '' ORDER BY c.chunk_index), s.char_start, s.char_end) AS span
    FROM spans s JOIN body_chunks() c USING (release_id, chunk_index)
    GROUP BY s.row_number, s.char_start, s.char_end
)
SELECT m.metric_id, m.release_id, m.name, m.qualifier, m.value, m.char_start, m.char_end,
       b.release_id IS NOT NULL AS release_found,
       b.body_length,
       (m.char_start IS NULL) = (m.char_end IS NULL) AS offsets_paired,
       CASE WHEN m.text IS NOT NULL AND span_cuttable(b.body_length, m.char_start, m.char_end)
            THEN coalesce(c.span = m.text, false) END AS span_matches_text,
       left(m.text, 60) AS text_head
FROM numbered m
LEFT JOIN bodies b USING (release_id)
LEFT JOIN cut c USING (row_number)

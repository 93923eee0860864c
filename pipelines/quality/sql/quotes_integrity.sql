-- quotes: keys, links to releases and speaker entities, offsets into the body and the span they cut out.
-- Validated: the quotes of the releases this run wrote, plus, from the whole table, the first examples of what
-- only the whole table shows: a quote_id used twice (the run's row and the earlier one), quotes whose release_id
-- names no release and quotes whose speaker_entity_id names no entity (speakers of earlier quotes are linked
-- again when entities change).
-- Linear in those rows: each of their bodies is measured and chunked once; a span is cut from the chunks it covers.
WITH duplicate_keys AS (
    -- A key used twice always involves a row of this run: the table's rows were unique after the last run.
    SELECT quote_id FROM quotes
    WHERE quote_id IS NOT NULL
      AND (full_validation() OR quote_id IN (SELECT quote_id FROM quotes WHERE of_run_release(release_id)))
    GROUP BY quote_id HAVING count(*) > 1 LIMIT max_examples()
),
checked AS MATERIALIZED (
    SELECT * FROM quotes WHERE of_run_release(release_id)
    UNION ALL
    SELECT * FROM quotes WHERE NOT of_run_release(release_id) AND quote_id IN (SELECT quote_id FROM duplicate_keys)
    UNION ALL
    (SELECT * FROM quotes q
     WHERE NOT of_run_release(release_id) AND quote_id NOT IN (SELECT quote_id FROM duplicate_keys)
       AND (q.release_id NOT IN (SELECT release_id FROM releases)
            OR q.speaker_entity_id NOT IN (SELECT entity_id FROM entities))
     LIMIT max_examples())
),
bodies AS MATERIALIZED (
    SELECT DISTINCT ON (release_id) release_id, length(body) AS body_length FROM releases
    WHERE release_id IN (SELECT release_id FROM checked)
),
numbered AS MATERIALIZED (SELECT row_number() OVER () AS row_number, * FROM checked),
spans AS (
    SELECT q.row_number, q.release_id, q.char_start, q.char_end,
           unnest(span_chunk_indexes(q.char_start, q.char_end)) AS chunk_index
    FROM numbered q JOIN bodies b USING (release_id)
    WHERE q.quote_text IS NOT NULL AND span_cuttable(b.body_length, q.char_start, q.char_end)
),
cut AS (
    SELECT s.row_number, span_from_chunks(string_agg(c.chunk, '' ORDER BY c.chunk_index), s.char_start, s.char_end) AS span
    FROM spans s JOIN body_chunks((SELECT list(DISTINCT release_id) FROM bodies)) c USING (release_id, chunk_index)
    GROUP BY s.row_number, s.char_start, s.char_end
)
SELECT q.quote_id, q.release_id, q.speaker_entity_id, q.char_start, q.char_end,
       b.release_id IS NOT NULL AS release_found,
       CASE WHEN q.speaker_entity_id IS NULL THEN NULL
            ELSE q.speaker_entity_id IN (SELECT entity_id FROM entities) END AS speaker_entity_found,
       b.body_length,
       (q.char_start IS NULL) = (q.char_end IS NULL) AS offsets_paired,
       CASE WHEN q.quote_text IS NOT NULL AND span_cuttable(b.body_length, q.char_start, q.char_end)
            THEN coalesce(c.span = q.quote_text, false) END AS span_matches_text,
       left(q.quote_text, 60) AS quote_text_head
FROM numbered q
LEFT JOIN bodies b USING (release_id)
LEFT JOIN cut c USING (row_number)

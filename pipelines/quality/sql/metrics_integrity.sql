-- metrics: keys, link to releases, enumerated qualifier, offsets into the body and the span they cut out.
-- Validated: the metrics of the releases this run wrote, plus, from the whole table, the first examples of
-- what only the whole table shows: a metric_id used twice (the run's row and the earlier one) and metrics
-- whose release_id names no release.
-- Linear in those rows: each of their bodies is measured and chunked once; a span is cut from the chunks it covers.
WITH duplicate_keys AS (
    -- A key used twice always involves a row of this run: the table's rows were unique after the last run.
    SELECT metric_id FROM metrics
    WHERE metric_id IS NOT NULL
      AND (full_validation() OR metric_id IN (SELECT metric_id FROM metrics WHERE of_run_release(release_id)))
    GROUP BY metric_id HAVING count(*) > 1 LIMIT max_examples()
),
checked AS MATERIALIZED (
    SELECT * FROM metrics WHERE of_run_release(release_id)
    UNION ALL
    SELECT * FROM metrics
    WHERE NOT of_run_release(release_id) AND metric_id IN (SELECT metric_id FROM duplicate_keys)
    UNION ALL
    (SELECT * FROM metrics m
     WHERE NOT of_run_release(release_id) AND m.release_id NOT IN (SELECT release_id FROM releases)
       AND metric_id NOT IN (SELECT metric_id FROM duplicate_keys)
     LIMIT max_examples())
),
bodies AS MATERIALIZED (
    SELECT DISTINCT ON (release_id) release_id, length(body) AS body_length FROM releases
    WHERE release_id IN (SELECT release_id FROM checked)
),
numbered AS MATERIALIZED (SELECT row_number() OVER () AS row_number, * FROM checked),
spans AS (
    SELECT m.row_number, m.release_id, m.char_start, m.char_end,
           unnest(span_chunk_indexes(m.char_start, m.char_end)) AS chunk_index
    FROM numbered m JOIN bodies b USING (release_id)
    WHERE m.text IS NOT NULL AND span_cuttable(b.body_length, m.char_start, m.char_end)
),
cut AS (
    SELECT s.row_number, span_from_chunks(string_agg(c.chunk, '' ORDER BY c.chunk_index), s.char_start, s.char_end) AS span
    FROM spans s JOIN body_chunks((SELECT list(DISTINCT release_id) FROM bodies)) c USING (release_id, chunk_index)
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

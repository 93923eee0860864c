-- Helpers every quality query may use; created as TEMP macros, so they work on read-only connections too.

-- Whether the span [char_start, char_end) of body (Python indices) is exactly `span`; NULL when the offsets
-- cannot cut a span out of the body (unset, negative, reversed or past its end: other expectations report those).
-- One substr() costs the whole body (DuckDB walks the UTF-8 string to the offset): for checks over many spans of
-- one body use body_chunks() and span_from_chunks() below, which touch each body once.
CREATE OR REPLACE TEMP MACRO span_matches(body, char_start, char_end, span) AS
    CASE WHEN span IS NOT NULL AND char_start >= 0 AND char_end > char_start AND char_end <= length(body)
         THEN substr(body, char_start + 1, char_end - char_start) = span END;

-- Offsets that can cut a span out of a body of body_length characters.
CREATE OR REPLACE TEMP MACRO span_cuttable(body_length, char_start, char_end) AS
    char_start >= 0 AND char_end > char_start AND char_end <= body_length;

-- The bodies of the given releases (a list of release ids) split once into numbered 100-character chunks (chunk i
-- holds characters [100 i, 100 i + 100)): one linear pass per body, whatever its size and however many spans point
-- into it. Only the bodies a check needs are read, never the whole table's.
CREATE OR REPLACE TEMP MACRO body_chunks(release_ids) AS TABLE
    SELECT release_id, generate_subscripts(chunks, 1) - 1 AS chunk_index, unnest(chunks) AS chunk
    FROM (SELECT DISTINCT ON (release_id) release_id, regexp_extract_all(body, '(?s).{1,100}') AS chunks
          FROM releases WHERE release_id IN (SELECT unnest(release_ids)));
-- (A lateral `unnest(...) WITH ORDINALITY` would be quadratic in the list's length in DuckDB 1.5.)

-- The chunks a span [char_start, char_end) covers, and the span cut out of those chunks joined in order.
CREATE OR REPLACE TEMP MACRO span_chunk_indexes(char_start, char_end) AS
    range(char_start // 100, (char_end - 1) // 100 + 1);
CREATE OR REPLACE TEMP MACRO span_from_chunks(joined, char_start, char_end) AS
    substr(joined, char_start % 100 + 1, char_end - char_start);

-- Which rows a check validates row by row (pipelines/quality/scope.py): the rows the run wrote, recognised by
-- their write time (releases.ingested_at, raw_documents.first_seen_at, rejected_files.seen_at, all UTC) being later
-- than the publication of the warehouse the run started from, set in the variable `quality_since`. Extracted rows
-- (quotes, metrics, mentions) belong to the run of their release: a stage re-extracts exactly the releases whose
-- ingested_at changed. With the variable unset every row is validated (`make quality`, the first build).
CREATE OR REPLACE TEMP MACRO full_validation() AS getvariable('quality_since') IS NULL;
CREATE OR REPLACE TEMP MACRO written_in_run(written_at) AS
    full_validation() OR coalesce(written_at > CAST(getvariable('quality_since') AS TIMESTAMP), true);
CREATE OR REPLACE TEMP MACRO run_releases() AS TABLE
    SELECT release_id FROM releases WHERE written_in_run(ingested_at);
CREATE OR REPLACE TEMP MACRO of_run_release(id) AS
    full_validation() OR id IN (SELECT release_id FROM run_releases());

-- Table-wide rules (unique keys, links between tables, sums and series) look at the whole table but bring back
-- only offending rows, at most this many per rule: enough to name them, bounded whatever the table's size.
CREATE OR REPLACE TEMP MACRO max_examples() AS 20;

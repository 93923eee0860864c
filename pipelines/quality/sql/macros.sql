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

-- Every body split once into numbered 100-character chunks (chunk i holds characters [100 i, 100 i + 100)):
-- one linear pass per body, whatever its size and however many spans point into it.
CREATE OR REPLACE TEMP MACRO body_chunks() AS TABLE
    SELECT release_id, generate_subscripts(chunks, 1) - 1 AS chunk_index, unnest(chunks) AS chunk
    FROM (SELECT DISTINCT ON (release_id) release_id, regexp_extract_all(body, '(?s).{1,100}') AS chunks
          FROM releases);
-- (A lateral `unnest(...) WITH ORDINALITY` would be quadratic in the list's length in DuckDB 1.5.)

-- The chunks a span [char_start, char_end) covers, and the span cut out of those chunks joined in order.
CREATE OR REPLACE TEMP MACRO span_chunk_indexes(char_start, char_end) AS
    range(char_start // 100, (char_end - 1) // 100 + 1);
CREATE OR REPLACE TEMP MACRO span_from_chunks(joined, char_start, char_end) AS
    substr(joined, char_start % 100 + 1, char_end - char_start);

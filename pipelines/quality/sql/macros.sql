-- Helpers every quality query may use; created as TEMP macros, so they work on read-only connections too.

-- Whether the span [char_start, char_end) of body (Python indices) is exactly `span`; NULL when the offsets
-- cannot cut a span out of the body (unset, negative, reversed or past its end: other expectations report those).
CREATE OR REPLACE TEMP MACRO span_matches(body, char_start, char_end, span) AS
    CASE WHEN span IS NOT NULL AND char_start >= 0 AND char_end > char_start AND char_end <= length(body)
         THEN substr(body, char_start + 1, char_end - char_start) = span END;

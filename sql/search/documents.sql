-- What `communique search` indexes: every quote (with its speaker) and every sentence of every release body
-- (copies of a release left out), one row each, into the search index file (pipelines/cli/search_index.py).
CREATE OR REPLACE TABLE search_index.main.search_documents AS
WITH originals AS (
    SELECT release_id, published_date, title, body FROM releases WHERE coalesce(counted_in_marts, duplicate_of IS NULL)
), quoted AS (
    SELECT q.release_id, q.speaker, q.quote_text AS sentence, 'quote' AS source
    FROM quotes AS q JOIN originals USING (release_id)
), paragraphs AS (
    SELECT release_id, unnest(string_split(body, chr(10) || chr(10))) AS paragraph FROM originals
), sentences AS (
    SELECT release_id, trim(unnest(regexp_extract_all(paragraph, '[^.!?]+(?:[.!?]+["”’)]*|$)'))) AS sentence
    FROM paragraphs
)
SELECT row_number() OVER () AS doc_id, d.release_id, o.published_date, o.title, d.speaker, d.sentence, d.source
FROM (
    SELECT * FROM quoted
    UNION ALL
    SELECT release_id, NULL, sentence, 'body' FROM sentences WHERE length(sentence) > 1
) AS d JOIN originals AS o USING (release_id)

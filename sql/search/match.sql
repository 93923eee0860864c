-- The best matches of a search, ranked by BM25 over the index of sql/search/documents.sql (attached as search_index).
SELECT release_id, published_date, coalesce(speaker, '') AS speaker, sentence, source, round(score, 3) AS score
FROM (
    SELECT *, search_index.fts_main_search_documents.match_bm25(doc_id, $phrase, conjunctive := $all_words) AS score
    FROM search_index.main.search_documents
)
WHERE score IS NOT NULL AND ($source = 'all' OR source = $source)
ORDER BY score DESC, published_date DESC NULLS LAST, doc_id
LIMIT $limit

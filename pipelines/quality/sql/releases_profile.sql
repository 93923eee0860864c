-- releases: metadata completeness, dates and duplicate links. A copy is "unflagged" when an earlier release has
-- the very same body and neither points at the other.
WITH hashed AS (
    SELECT release_id, source_path, title, dateline, published_date, word_count, duplicate_of, ingested_at,
           md5(body) AS body_md5
    FROM releases
),
ranked AS (
    SELECT *,
           row_number() OVER (PARTITION BY body_md5, duplicate_of IS NULL ORDER BY ingested_at, release_id) AS copy_rank
    FROM hashed
)
SELECT release_id, source_path, title, dateline,
       CAST(published_date AS TIMESTAMP) AS published_date,
       word_count, duplicate_of,
       CASE WHEN duplicate_of IS NULL THEN NULL
            ELSE duplicate_of IN (SELECT release_id FROM releases) AND duplicate_of <> release_id END AS duplicate_resolves,
       duplicate_of IS NULL AND copy_rank > 1 AS unflagged_duplicate
FROM ranked

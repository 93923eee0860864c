-- releases: dates, word counts and duplicate links of the releases this run wrote, plus the first examples from the
-- whole table of a duplicate_of that names no other release (a release it points at may have been replaced since).
-- A copy is "unflagged" when an earlier release has the very same body and neither points at the other: the run's
-- releases are compared with the earlier ones of the same word count only, so only those bodies are read.
WITH checked AS MATERIALIZED (
    SELECT release_id, source_path, title, dateline, published_date, word_count, duplicate_of, ingested_at, body
    FROM releases
    WHERE written_in_run(ingested_at)
    UNION ALL
    (SELECT release_id, source_path, title, dateline, published_date, word_count, duplicate_of, ingested_at, NULL
     FROM releases
     WHERE NOT written_in_run(ingested_at) AND duplicate_of IS NOT NULL
       AND (duplicate_of = release_id OR duplicate_of NOT IN (SELECT release_id FROM releases))
     LIMIT max_examples())
),
same_length AS MATERIALIZED (
    SELECT release_id, ingested_at, word_count FROM releases
    WHERE duplicate_of IS NULL AND word_count IN (SELECT word_count FROM checked WHERE duplicate_of IS NULL)
),
earlier_copies AS (
    SELECT DISTINCT c.release_id
    FROM checked c
    JOIN same_length e ON e.word_count = c.word_count
         AND (e.ingested_at < c.ingested_at OR (e.ingested_at = c.ingested_at AND e.release_id < c.release_id))
    JOIN releases o ON o.release_id = e.release_id
    WHERE c.duplicate_of IS NULL AND o.body = c.body
)
SELECT release_id, source_path, title, dateline,
       CAST(published_date AS TIMESTAMP) AS published_date,
       word_count, duplicate_of,
       CASE WHEN duplicate_of IS NULL THEN NULL
            ELSE duplicate_of IN (SELECT release_id FROM releases) AND duplicate_of <> release_id END AS duplicate_resolves,
       duplicate_of IS NULL AND release_id IN (SELECT release_id FROM earlier_copies) AS unflagged_duplicate
FROM checked

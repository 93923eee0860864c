-- raw_documents: one row per distinct content hash. Validated: the documents this run read, plus the first examples
-- of a hash recorded twice (both rows: the one this run read and the earlier one).
WITH duplicate_keys AS (
    SELECT content_sha256 FROM raw_documents
    WHERE content_sha256 IS NOT NULL
      AND (full_validation()
           OR content_sha256 IN (SELECT content_sha256 FROM raw_documents WHERE written_in_run(first_seen_at)))
    GROUP BY content_sha256 HAVING count(*) > 1 LIMIT max_examples()
)
SELECT content_sha256, source_path, size_bytes, encoding
FROM raw_documents
WHERE written_in_run(first_seen_at)
   OR content_sha256 IN (SELECT content_sha256 FROM duplicate_keys)

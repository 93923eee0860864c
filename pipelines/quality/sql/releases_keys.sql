-- releases: keys and enumerated columns (no body: it is large and these checks do not need it). Validated: the
-- releases this run wrote, plus the first examples of a release_id used twice (both rows, this run's and the earlier).
WITH duplicate_keys AS (
    SELECT release_id FROM releases
    WHERE release_id IS NOT NULL
      AND (full_validation() OR release_id IN (SELECT release_id FROM releases WHERE written_in_run(ingested_at)))
    GROUP BY release_id HAVING count(*) > 1 LIMIT max_examples()
)
SELECT release_id, content_sha256, kind, source_path, body IS NOT NULL AND length(body) > 0 AS has_body
FROM releases
WHERE written_in_run(ingested_at) OR release_id IN (SELECT release_id FROM duplicate_keys)

-- Releases and rejections replayed against what raw/ holds now (raw_paths). Each statement changes only the rows
-- whose value disagrees with raw/, so an unchanged folder rewrites nothing. Which releases marts count is set
-- after these statements, from counted_in_marts.sql (pipelines/assets/replacement.py).

-- Renamed or moved: the release's bytes are still in raw/, but not under its path: it takes the first path holding them.
UPDATE releases SET source_path = p.new_path
FROM (SELECT content_sha256, min(source_path) AS new_path FROM raw_paths GROUP BY content_sha256) AS p
WHERE p.content_sha256 = releases.content_sha256
  AND NOT EXISTS (SELECT 1 FROM raw_paths q
                  WHERE q.source_path = releases.source_path AND q.content_sha256 = releases.content_sha256);

-- Deleted (or overwritten): its bytes are nowhere in raw/. The flag clears when they come back under any name.
UPDATE releases SET source_missing = NOT source_missing
WHERE source_missing = EXISTS (SELECT 1 FROM raw_paths p WHERE p.content_sha256 = releases.content_sha256);

-- Edited: its bytes are gone and its path now holds the bytes of another release, which supersedes it.
UPDATE releases SET superseded_by = s.new_release
FROM (
    SELECT r.release_id,
           CASE WHEN r.source_missing THEN any_value(n.release_id) END AS new_release
    FROM releases r
    LEFT JOIN raw_paths p ON p.source_path = r.source_path
    LEFT JOIN releases n ON n.content_sha256 = p.content_sha256 AND n.release_id <> r.release_id
    WHERE r.source_missing OR r.superseded_by IS NOT NULL  -- only these can change
    GROUP BY r.release_id, r.source_missing
) AS s
WHERE s.release_id = releases.release_id AND s.new_release IS DISTINCT FROM releases.superseded_by;

-- A parser rejection follows its bytes to their new path, like a release.
UPDATE rejected_files SET source_path = p.new_path
FROM (SELECT content_sha256, min(source_path) AS new_path FROM raw_paths GROUP BY content_sha256) AS p
WHERE rejected_files.extractor_version IS NOT NULL
  AND p.content_sha256 = rejected_files.content_sha256
  AND NOT EXISTS (SELECT 1 FROM raw_paths q
                  WHERE q.source_path = rejected_files.source_path
                    AND q.content_sha256 = rejected_files.content_sha256);

-- Every path accounted for: a path whose bytes are listed under another path is listed as a copy of it.
CREATE OR REPLACE TEMP TABLE _copies AS
WITH homes AS (
    SELECT p.content_sha256, coalesce(min(r.source_path), min(p.source_path)) AS home
    FROM raw_paths p
    LEFT JOIN releases r ON r.content_sha256 = p.content_sha256 AND r.source_path = p.source_path
    GROUP BY p.content_sha256
)
SELECT p.source_path, p.content_sha256, p.size_bytes, 'same bytes as ' || h.home || ' (listed once, there)' AS reason
FROM raw_paths p JOIN homes h USING (content_sha256)
WHERE p.source_path <> h.home;

DELETE FROM rejected_files
WHERE reason LIKE 'same bytes as %' AND extractor_version IS NULL
  AND NOT EXISTS (SELECT 1 FROM _copies c
                  WHERE c.source_path = rejected_files.source_path AND c.reason = rejected_files.reason);

INSERT INTO rejected_files (source_path, content_sha256, size_bytes, reason, seen_at)
SELECT c.source_path, c.content_sha256, c.size_bytes, c.reason, now()::TIMESTAMP
FROM _copies c
WHERE NOT EXISTS (SELECT 1 FROM rejected_files x WHERE x.source_path = c.source_path AND x.reason = c.reason);

DROP TABLE _copies;

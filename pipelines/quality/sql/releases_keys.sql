-- releases: keys and enumerated columns (no body: it is large and these checks do not need it).
SELECT release_id, content_sha256, kind, source_path, body IS NOT NULL AND length(body) > 0 AS has_body
FROM releases

-- Rejected files: every input file that did not become a release, with the reason (empty, binary, no article
-- text after removing site chrome …) and when it was seen. Nothing is dropped silently: raw/ = releases +
-- rejected_files.
SELECT
    reason,
    source_path,
    size_bytes,
    content_sha256,
    seen_at
FROM rejected_files
ORDER BY reason, source_path;

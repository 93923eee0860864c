-- The rejections this run made: every one must say why.
SELECT source_path, content_sha256, reason, extractor_version
FROM rejected_files
WHERE written_in_run(seen_at)

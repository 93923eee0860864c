-- The rejections themselves: every one must say why.
SELECT source_path, content_sha256, reason, extractor_version
FROM rejected_files

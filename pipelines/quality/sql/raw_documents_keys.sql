-- raw_documents: one row per distinct content hash.
SELECT content_sha256, source_path, size_bytes, encoding
FROM raw_documents

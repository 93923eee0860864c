-- What share of the inputs ended in rejected_files. Inputs are the decoded documents plus the rejections whose
-- bytes never became a document (parser rejections point at a document already counted). A path listed as a copy
-- of another ('same bytes as …') is neither an input nor a rejection: its document is counted once, there.
WITH counts AS (
    SELECT
        (SELECT count(*) FROM raw_documents) AS documents,
        (SELECT count(*) FROM rejected_files WHERE reason NOT LIKE 'same bytes as %') AS rejected,
        (SELECT count(*) FROM rejected_files x
         WHERE (x.content_sha256 IS NULL
            OR x.content_sha256 NOT IN (SELECT content_sha256 FROM raw_documents))
           AND x.reason NOT LIKE 'same bytes as %') AS rejected_unread
)
SELECT documents, rejected, documents + rejected_unread AS inputs,
       CASE WHEN documents + rejected_unread = 0 THEN 0.0
            ELSE rejected / (documents + rejected_unread) END AS rejected_share
FROM counts

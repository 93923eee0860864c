-- Duplicates found: every release recognised as a copy of an earlier one (syndicated under another site's
-- chrome, re-scraped, lightly edited), next to the original it duplicates. Copies are kept in `releases` but
-- left out of every mart, so each release is counted once.
SELECT
    copy.source_path     AS copy_file,
    original.source_path AS original_file,
    copy.published_date,
    original.title       AS original_title,
    copy.word_count      AS copy_words,
    original.word_count  AS original_words,
    copy.release_id      AS copy_id,
    original.release_id  AS original_id
FROM releases AS copy
JOIN releases AS original ON original.release_id = copy.duplicate_of
ORDER BY copy.published_date, copy_file;

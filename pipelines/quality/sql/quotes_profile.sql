-- quotes: length, attribution and spans recorded twice, for the quotes of the releases this run wrote (a span
-- recorded twice is always within one release).
SELECT quote_id, release_id, speaker, is_anonymous, left(quote_text, 60) AS quote_text_head,
       length(string_split_regex(trim(quote_text), '\s+')) AS word_count,
       char_start IS NOT NULL
           AND count(*) OVER (PARTITION BY release_id, char_start, char_end) > 1 AS duplicate_span
FROM quotes
WHERE of_run_release(release_id)

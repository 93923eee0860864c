-- Who speaks for the campaign, and in which roles: each named speaker with the roles they were quoted in,
-- how many quotes, and the months they were first and last quoted (from the mart quotes_by_speaker).
SELECT
    speaker,
    list(DISTINCT speaker_role ORDER BY speaker_role) FILTER (WHERE speaker_role IS NOT NULL) AS roles,
    sum(quote_count)::INTEGER                                           AS quotes,
    sum(release_count)::INTEGER                                         AS releases,
    min(first_quoted)                                                   AS first_quoted,
    max(last_quoted)                                                    AS last_quoted
FROM quotes_by_speaker
WHERE NOT is_anonymous
GROUP BY speaker
ORDER BY quotes DESC, speaker;

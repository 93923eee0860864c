-- deps: quotes, releases, entities
-- description: Quotes per speaker and month: who speaks for the campaign, in what role, how often.
--
-- Grain: one row per (speaker, month). A named speaker linked to a person entity is grouped under the
-- entity's canonical name (so "Brig. Gen. Thomas Weidley" and "Gen. Weidley" are one speaker); otherwise the
-- speaker as written. Quotes with no attributed speaker are grouped as '(unattributed)'. Month is the
-- release's published_date month (NULL when the release carries no date).
-- Each release once (counted_in_marts: copies, edited and deleted files left out).
SELECT
    coalesce(e.name, nullif(trim(q.speaker), ''), '(unattributed)') AS speaker,
    any_value(q.speaker_entity_id)                          AS speaker_entity_id,
    mode(q.speaker_role)                                    AS speaker_role,
    bool_or(q.is_anonymous)                                 AS is_anonymous,
    date_trunc('month', r.published_date)::DATE             AS month,
    count(*)                                                AS quote_count,
    count(DISTINCT q.release_id)                            AS release_count,
    sum(len(string_split(trim(q.quote_text), ' ')))::BIGINT AS words_quoted,
    min(r.published_date)                                   AS first_quoted,
    max(r.published_date)                                   AS last_quoted
FROM quotes AS q
JOIN releases AS r USING (release_id)
LEFT JOIN entities AS e ON e.entity_id = q.speaker_entity_id
WHERE coalesce(r.counted_in_marts, r.duplicate_of IS NULL)
GROUP BY coalesce(e.name, nullif(trim(q.speaker), ''), '(unattributed)'), date_trunc('month', r.published_date)::DATE
ORDER BY month NULLS LAST, quote_count DESC, speaker

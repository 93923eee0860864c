-- Link named quote speakers to person entities. The extractor's link stands when that entity exists; otherwise
-- the speaker is the one person mentioned in the same release whose name ends with the speaker's surname
-- (generational suffixes and trailing stops set aside: "Col. Myles B. Caggins III" ~ "Myles Caggins").
UPDATE quotes SET speaker_entity_id = NULL
WHERE speaker_entity_id IS NOT NULL AND speaker_entity_id NOT IN (SELECT entity_id FROM entities);

UPDATE quotes SET speaker_entity_id = link.entity_id
FROM (
    SELECT q.quote_id, any_value(m.entity_id) AS entity_id
    FROM quotes AS q
    JOIN entity_mentions AS m ON m.release_id = q.release_id AND m.entity_type = 'person'
    WHERE q.speaker_entity_id IS NULL AND NOT q.is_anonymous AND q.speaker IS NOT NULL
      AND lower(regexp_extract(regexp_replace(m.entity_name, '(,?\s+(Jr|Sr|II|III|IV)\.?)?[\s.,]*$', ''), '(\S+)$', 1))
        = lower(regexp_extract(regexp_replace(q.speaker, '(,?\s+(Jr|Sr|II|III|IV)\.?)?[\s.,]*$', ''), '(\S+)$', 1))
    GROUP BY q.quote_id
    HAVING count(DISTINCT m.entity_id) = 1
) AS link
WHERE quotes.quote_id = link.quote_id;

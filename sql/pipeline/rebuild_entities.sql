-- A person written only by surname in one release ("Col. Marotto") is the person of that surname written in full
-- elsewhere, when exactly one such person exists; their mentions move to that entity.
CREATE OR REPLACE TEMP TABLE person_merge AS
WITH full_names AS (
    SELECT lower(regexp_extract(entity_name, '(\S+)$', 1)) AS surname,
           any_value(entity_id) AS new_id, any_value(entity_name) AS full_name
    FROM entity_mentions
    WHERE entity_type = 'person' AND contains(entity_name, ' ')
    GROUP BY surname
    HAVING count(DISTINCT entity_id) = 1
)
SELECT DISTINCT m.entity_id AS old_id, f.new_id, f.full_name
FROM entity_mentions AS m
JOIN full_names AS f ON lower(m.entity_name) = f.surname
WHERE m.entity_type = 'person' AND NOT contains(m.entity_name, ' ');

UPDATE entity_mentions SET entity_id = p.new_id, entity_name = p.full_name
FROM person_merge AS p WHERE entity_mentions.entity_id = p.old_id;
UPDATE quotes SET speaker_entity_id = p.new_id
FROM person_merge AS p WHERE quotes.speaker_entity_id = p.old_id;

-- Rebuild the entities table from every mention: one row per entity id, with every surface form as an alias,
-- the rank of its latest dated mention, and counts over releases.
DELETE FROM entities;
INSERT INTO entities BY NAME
SELECT
    m.entity_id,
    mode(m.entity_name)                                        AS name,
    any_value(m.entity_type)                                   AS type,
    list_sort(list_distinct(list(m.text)))                     AS aliases,
    arg_max(m.rank, coalesce(r.published_date, DATE '1900-01-01')) FILTER (WHERE m.rank IS NOT NULL) AS rank,
    count(*)::INTEGER                                          AS mention_count,
    count(DISTINCT m.release_id)::INTEGER                      AS release_count,
    min(r.published_date)                                      AS first_seen,
    max(r.published_date)                                      AS last_seen,
    any_value(m.latitude)                                      AS latitude,
    any_value(m.longitude)                                     AS longitude
FROM entity_mentions AS m
JOIN releases AS r USING (release_id)
GROUP BY m.entity_id;

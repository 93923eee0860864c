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

-- Quote speakers link to person entities only where that entity exists.
UPDATE quotes SET speaker_entity_id = NULL
WHERE speaker_entity_id IS NOT NULL AND speaker_entity_id NOT IN (SELECT entity_id FROM entities);

-- entities: counts and first/last seen dates as aggregated from the mentions.
SELECT entity_id, name, type, rank, mention_count, release_count,
       CAST(first_seen AS TIMESTAMP) AS first_seen, CAST(last_seen AS TIMESTAMP) AS last_seen,
       rank IS NOT NULL AND type <> 'person' AS rank_on_non_person
FROM entities

-- entities: counts and first/last seen dates as aggregated from the mentions, for the entities mentioned in the
-- releases this run wrote (every entity in a full validation).
SELECT entity_id, name, type, rank, mention_count, release_count,
       CAST(first_seen AS TIMESTAMP) AS first_seen, CAST(last_seen AS TIMESTAMP) AS last_seen,
       rank IS NOT NULL AND type <> 'person' AS rank_on_non_person
FROM entities
WHERE full_validation()
   OR entity_id IN (SELECT entity_id FROM entity_mentions WHERE of_run_release(release_id))

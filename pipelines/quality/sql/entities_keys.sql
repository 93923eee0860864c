-- entities: keys and the entity type. Validated: the entities mentioned in the releases this run wrote (entities
-- are aggregated from their mentions), plus the first examples of an entity_id used twice anywhere (both rows).
WITH duplicate_keys AS (
    SELECT entity_id FROM entities WHERE entity_id IS NOT NULL
    GROUP BY entity_id HAVING count(*) > 1 LIMIT max_examples()
)
SELECT entity_id, name, type FROM entities
WHERE full_validation()
   OR entity_id IN (SELECT entity_id FROM entity_mentions WHERE of_run_release(release_id))
   OR entity_id IN (SELECT entity_id FROM duplicate_keys)

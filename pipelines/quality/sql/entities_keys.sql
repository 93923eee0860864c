-- entities: keys and the entity type.
SELECT entity_id, name, type FROM entities

-- Mentions whose entity is missing from entities (entities is rebuilt from the mentions, so none should be).
SELECT m.mention_id, m.release_id, m.entity_id, m.text
FROM entity_mentions m
WHERE m.entity_id IS NULL OR m.entity_id NOT IN (SELECT entity_id FROM entities)

-- Mentions whose entity is missing from entities (entities is rebuilt from the mentions, so none should be). The
-- whole table, since a rebuild can drop an entity older mentions name; only the first offending rows come back.
SELECT m.mention_id, m.release_id, m.entity_id, m.text
FROM entity_mentions m
WHERE m.entity_id IS NULL OR NOT EXISTS (SELECT 1 FROM entities e WHERE e.entity_id = m.entity_id)
LIMIT max_examples()

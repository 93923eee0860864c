-- extra: when each table last changed, as a run-independent sequence number, so a step rebuilds what it derives
-- (entities, speaker links, marts) only when one of its inputs changed after it was last built.
CREATE TABLE IF NOT EXISTS table_changes (
    table_name VARCHAR NOT NULL,
    seq        BIGINT NOT NULL
);

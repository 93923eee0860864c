-- Earlier releases that may be copies of the new ones (table _new_sketches: release_id, hash, is_digest). Sketch
-- values that more than $max_per_hash earlier releases share are boilerplate and dropped *before* the join (left
-- in, the strike-definition paragraph alone joins every strike report with every other: 200M rows at 20k releases).
-- A candidate shares at least $min_shared of the rest, or the whole-body hash; the $per_release best candidates per
-- new release are kept, earliest first on ties.
WITH distinctive AS MATERIALIZED (
    SELECT n.release_id, n.hash, n.is_digest
    FROM _new_sketches AS n
    WHERE n.hash NOT IN (
        SELECT hash FROM release_sketches
        WHERE hash IN (SELECT hash FROM _new_sketches)
        GROUP BY hash
        HAVING count(*) > $max_per_hash
    )
), shared AS (
    SELECT n.release_id AS new_id, s.release_id AS old_id, count(*) AS shared
    FROM distinctive AS n
    JOIN release_sketches AS s USING (hash)
    WHERE s.release_id NOT IN (SELECT release_id FROM _new_sketches)
    GROUP BY ALL
    HAVING count(*) >= $min_shared OR bool_or(n.is_digest)
), ranked AS (
    SELECT old_id, row_number() OVER (PARTITION BY new_id ORDER BY shared DESC, old_id) AS place
    FROM shared
)
SELECT r.release_id, r.body
FROM releases AS r
WHERE r.duplicate_of IS NULL
  AND r.release_id IN (SELECT old_id FROM ranked WHERE place <= $per_release)
ORDER BY r.ingested_at, r.release_id

-- Earlier releases that may be copies of the new ones (table _new_sketches: release_id, hash). Sketch values that
-- more than $max_per_hash releases share are boilerplate and ignored; a candidate shares at least $min_shared of
-- the rest (or the whole-body hash). The $per_release best candidates per new release, earliest first on ties.
WITH common AS (
    SELECT hash
    FROM release_sketches
    WHERE hash IN (SELECT hash FROM _new_sketches)
    GROUP BY hash
    HAVING count(*) > $max_per_hash
), shared AS (
    SELECT n.release_id AS new_id, s.release_id AS old_id, count(*) AS shared
    FROM _new_sketches AS n
    JOIN release_sketches AS s USING (hash)
    WHERE n.hash NOT IN (SELECT hash FROM common)
      AND s.release_id NOT IN (SELECT release_id FROM _new_sketches)
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

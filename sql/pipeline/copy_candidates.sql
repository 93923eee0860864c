-- Earlier releases that may be copies of the new ones (table _new_sketches: release_id, hash): they share at least
-- $min_shared sketch hashes; the $per_release best per new release, earliest first on ties.
WITH shared AS (
    SELECT n.release_id AS new_id, s.release_id AS old_id, count(*) AS shared
    FROM _new_sketches AS n
    JOIN release_sketches AS s USING (hash)
    WHERE s.release_id NOT IN (SELECT release_id FROM _new_sketches)
    GROUP BY ALL
    HAVING count(*) >= $min_shared
), ranked AS (
    SELECT old_id, row_number() OVER (PARTITION BY new_id ORDER BY shared DESC, old_id) AS place
    FROM shared
)
SELECT r.release_id, r.body
FROM releases AS r
WHERE r.duplicate_of IS NULL
  AND r.release_id IN (SELECT old_id FROM ranked WHERE place <= $per_release)
ORDER BY r.ingested_at, r.release_id

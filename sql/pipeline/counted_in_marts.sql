-- Which releases marts count: per copy group (a release and those whose duplicate_of names it), the earliest live
-- member, where live means not superseded and, unless $include_missing, its raw file still in raw/.
-- One row per release: `was` (the stored flag) beside `counted` (the flag the rule gives now).
SELECT release_id, counted_in_marts AS was,
       live AND row_number() OVER (PARTITION BY copy_group, live ORDER BY ingested_at, release_id) = 1 AS counted
FROM (SELECT release_id, ingested_at, counted_in_marts, coalesce(duplicate_of, release_id) AS copy_group,
             superseded_by IS NULL AND (NOT source_missing OR $include_missing) AS live
      FROM releases)

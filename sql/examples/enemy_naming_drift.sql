-- How the releases name the enemy, month by month: of all mentions of the ISIS entity, how many use the
-- ISIL family ("ISIL", "Islamic State of Iraq and the Levant"), the ISIS family ("ISIS", "Islamic State of
-- Iraq and Syria"), Daesh (any spelling: Daesh, Da'esh, Da’esh) or a bare "Islamic State", and each
-- family's share of the month. Answers "when did the releases switch from ISIL to ISIS, and how much
-- Daesh did partners use?". Months by publication date; copies of a release (duplicate_of) count once.
-- Reads only contract tables: entity_mentions, entities, releases.
WITH enemy_mentions AS (
    SELECT
        date_trunc('month', r.published_date)::DATE AS month,
        m.text
    FROM entity_mentions AS m
    JOIN entities AS e USING (entity_id)
    JOIN releases AS r USING (release_id)
    WHERE e.type = 'organization'
      AND e.name = 'ISIS'
      AND r.published_date IS NOT NULL
      AND coalesce(r.counted_in_marts, r.duplicate_of IS NULL)
),
named AS (
    SELECT
        month,
        CASE
            WHEN upper(text) IN ('ISIL', 'ISL') OR lower(text) LIKE '%levant%' THEN 'ISIL'
            WHEN upper(text) = 'ISIS' OR lower(text) LIKE '%syria%' OR lower(text) LIKE '%sham%' THEN 'ISIS'
            WHEN regexp_matches(lower(text), '^da.?esh$') THEN 'Daesh'
            WHEN lower(text) = 'islamic state' THEN 'Islamic State'
            ELSE 'other'
        END AS family
    FROM enemy_mentions
)
SELECT
    month,
    count(*) FILTER (WHERE family = 'ISIL')           AS isil,
    count(*) FILTER (WHERE family = 'ISIS')           AS isis,
    count(*) FILTER (WHERE family = 'Daesh')          AS daesh,
    count(*) FILTER (WHERE family = 'Islamic State')  AS islamic_state,
    count(*) FILTER (WHERE family = 'other')          AS other,
    count(*)                                          AS mentions,
    round(100.0 * count(*) FILTER (WHERE family = 'ISIL') / count(*), 1)  AS isil_pct,
    round(100.0 * count(*) FILTER (WHERE family = 'ISIS') / count(*), 1)  AS isis_pct,
    round(100.0 * count(*) FILTER (WHERE family = 'Daesh') / count(*), 1) AS daesh_pct
FROM named
GROUP BY month
ORDER BY month;

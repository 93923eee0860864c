-- deps: metrics, releases
-- description: Strikes and engagements per activity date and country, from strike reports, each count once.
--
-- Grain: one row per (activity_date, country); country is `Iraq`, `Syria`, or `Iraq and Syria` for the
-- combined totals a report opens with (do not add those to the per-country rows).
-- Activity date = the metric's period_end. Within one release the finest breakdown wins: a weekly total is
-- dropped when the same release also gives single-day counts for that country (or, for an `Iraq and Syria`
-- total, for either country) inside the week, as weekly reports list each day; a multi-day count with no
-- daily breakdown ("Additionally, 3 strikes … on Aug. 15-16") is
-- attributed to its last day and flagged by `spans_days` > 1.
-- Only releases of kind `strike_report` (news stories repeat report figures), each release once
-- (counted_in_marts: copies, edited and deleted files left out), only non-cumulative counts. Explicit zeros are kept: strikes = 0 is a report of none.
WITH counts AS (
    SELECT
        m.release_id,
        m.name,
        CASE
            WHEN lower(m.location) IN ('iraq and syria', 'syria and iraq') THEN 'Iraq and Syria'
            WHEN lower(m.location) = 'iraq' THEN 'Iraq'
            WHEN lower(m.location) = 'syria' THEN 'Syria'
        END                                                 AS country,
        coalesce(m.period_start, m.period_end)              AS period_start,
        m.period_end,
        m.value
    FROM metrics AS m
    JOIN releases AS r USING (release_id)
    WHERE coalesce(r.counted_in_marts, r.duplicate_of IS NULL)
      AND r.kind = 'strike_report'
      AND NOT m.is_cumulative
      AND m.period_end IS NOT NULL
      AND m.name IN ('strikes', 'engagements')
),
finest AS (
    SELECT c.*
    FROM counts AS c
    WHERE c.country IS NOT NULL
      AND NOT (
          c.period_end > c.period_start
          AND EXISTS (
              SELECT 1 FROM counts AS d
              WHERE d.release_id = c.release_id AND d.name = c.name
                AND (d.country = c.country OR c.country = 'Iraq and Syria')
                AND d.period_start = d.period_end
                AND d.period_end BETWEEN c.period_start AND c.period_end
          )
      )
)
SELECT
    period_end                                              AS activity_date,
    country,
    sum(value) FILTER (WHERE name = 'strikes')              AS strikes,
    sum(value) FILTER (WHERE name = 'engagements')          AS engagements,
    max(period_end - period_start) + 1                      AS spans_days,
    count(DISTINCT release_id)                              AS release_count
FROM finest
GROUP BY activity_date, country
ORDER BY activity_date, country

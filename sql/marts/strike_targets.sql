-- deps: metrics, releases
-- description: What strikes hit, per activity date and town: target, action (engage, destroy, damage …) and count.
--
-- Grain: one row per (activity_date, town, target, action). A target is any counted thing of a strike report
-- other than the strikes and engagements themselves (`tactical_units`, `fighting_positions`, `vehicles` …);
-- town is the metric's location when it is a town rather than a country ("Near Mosul, three strikes engaged
-- two tactical units; destroyed 11 tunnels" gives Mosul × tactical_units × engage × 2 and
-- Mosul × tunnels × destroy × 11).
-- Activity date = period_end (a per-town line inherits its section's period; weekly prose attributes the
-- week's targets to its last day, with period_start kept). Strike reports only, each release once
-- (counted_in_marts: copies, edited and deleted files left out), non-cumulative counts only.
SELECT
    m.period_end                                            AS activity_date,
    coalesce(m.period_start, m.period_end)                  AS period_start,
    m.location                                              AS town,
    m.name                                                  AS target,
    coalesce(m.action, 'unspecified')                       AS action,
    sum(m.value)                                            AS count,
    count(DISTINCT m.release_id)                            AS release_count
FROM metrics AS m
JOIN releases AS r USING (release_id)
WHERE coalesce(r.counted_in_marts, r.duplicate_of IS NULL)
  AND r.kind = 'strike_report'
  AND NOT m.is_cumulative
  AND m.period_end IS NOT NULL
  AND m.location IS NOT NULL
  AND lower(m.location) NOT IN ('iraq', 'syria', 'iraq and syria', 'syria and iraq')
  AND m.name NOT IN ('strikes', 'engagements', 'airstrikes')
GROUP BY ALL
ORDER BY activity_date, town, target, action

-- What strikes destroyed, month by month: counts of each target type reported destroyed in the per-town lines
-- of strike reports (fighting positions, vehicles, weapons caches …), by month of activity. Replace 'destroy'
-- with 'damage', 'engage' or 'suppress' for the other verbs.
SELECT
    date_trunc('month', activity_date)::DATE AS month,
    target,
    sum(count)::INTEGER                      AS destroyed,
    count(DISTINCT town)                     AS towns
FROM strike_targets
WHERE action = 'destroy'
GROUP BY month, target
ORDER BY month, destroyed DESC, target;

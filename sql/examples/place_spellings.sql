-- How is each place spelled? Places with more than one surface form in the releases (Raqqa / Raqqah /
-- Ar Raqqah, Bayji / Baiji, Erbil / Irbil), with how many releases use each spelling.
SELECT
    e.name,
    m.text             AS spelling,
    count(DISTINCT m.release_id) AS releases,
    min(r.published_date)        AS first_seen,
    max(r.published_date)        AS last_seen
FROM entities AS e
JOIN entity_mentions AS m USING (entity_id)
JOIN releases AS r USING (release_id)
WHERE e.type = 'location' AND len(e.aliases) > 1
GROUP BY e.name, m.text
ORDER BY e.name, releases DESC, spelling;

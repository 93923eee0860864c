-- Where did a number come from? Every metric of one kind (here the cumulative strike and airstrike totals)
-- with the sentence around it, cut from the release body by the metric's offsets, so a reader can check the
-- figure against the words it was read from. Change the WHERE clause to trace any other metric.
SELECT
    r.published_date,
    m.name,
    m.value,
    m.qualifier,
    m.location,
    m.text,
    substr(r.body, m.char_start + 1, m.char_end - m.char_start) = m.text AS offsets_ok,
    substr(r.body, greatest(m.char_start - 100, 0) + 1, (m.char_end - greatest(m.char_start - 100, 0)) + 100)
        AS context,
    r.title
FROM metrics AS m
JOIN releases AS r USING (release_id)
WHERE m.is_cumulative AND m.name IN ('strikes', 'airstrikes')
  AND coalesce(r.counted_in_marts, r.duplicate_of IS NULL)
ORDER BY r.published_date, r.release_id, m.char_start;

-- What came in: releases per publication month and kind (strike_report, news, briefing, statement, other),
-- originals and copies counted separately, plus the releases that carry no date at all.
SELECT
    date_trunc('month', published_date)::DATE     AS month,
    kind,
    count(*) FILTER (WHERE coalesce(counted_in_marts, duplicate_of IS NULL))  AS releases,
    count(*) FILTER (WHERE duplicate_of IS NOT NULL) AS copies,
    sum(word_count) FILTER (WHERE coalesce(counted_in_marts, duplicate_of IS NULL)) AS words
FROM releases
GROUP BY month, kind
ORDER BY month NULLS LAST, kind;

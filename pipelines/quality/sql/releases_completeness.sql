-- releases, the whole table in one row: the share of releases lacking each metadata field, and the word count that
-- the shortest 2% of bodies stay under. Shares of the table, not of the run's batch: ten new files of which two
-- lack a date say little. Cheap: no body is read.
SELECT count(*) AS releases,
       coalesce(avg((published_date IS NULL)::INT), 0) AS missing_published_date,
       coalesce(avg((title IS NULL)::INT), 0) AS missing_title,
       coalesce(avg((dateline IS NULL)::INT), 0) AS missing_dateline,
       quantile_disc(word_count, 0.02) AS word_count_2nd_percentile
FROM releases

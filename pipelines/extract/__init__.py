"""Pure text-to-records extraction: no Dagster, no DuckDB.

Every function here takes text (and a few hints) and returns plain records from
`pipelines.extract.records`, so it can be unit-tested and benchmarked alone.
"""

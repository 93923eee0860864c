"""The DuckLake warehouse (issue 19): an opt-in backend for several workers writing partitions at once.

- `catalog`: attaching the lake (catalog in PostgreSQL or a DuckDB file, Parquet data under a folder or object
  storage) with the extensions shipped as Python packages, and the schema adapted to what DuckLake supports;
- `session`: `LakeSession`, the lake's counterpart of `pipelines.warehouse.WriteSession`, and `commit_with_retry`;
- `batches`: the work of one partition (one raw sub-folder, one month of a mart), from the project's extractors;
- `definitions`: the partitioned Dagster code location (`dagster dev -m pipelines.lake.definitions`);
- `postgres`: a throwaway PostgreSQL cluster for tests and `make demo-lake`.
The default single-file setup imports nothing from here unless COMMUNIQUE_BACKEND=ducklake.
"""

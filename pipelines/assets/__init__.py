"""Thin Dagster assets: read from the warehouse, call `pipelines.extract`, write back, return metadata."""

"""Data-quality checks (Great Expectations suites run as Dagster asset checks). PLACEHOLDER for the quality issue."""

from __future__ import annotations

import dagster as dg

asset_checks: list[dg.AssetChecksDefinition] = []

"""Data-quality checks: Great Expectations suites (one module per table under `suites/`) run as Dagster asset checks.

Blocking checks (severity ERROR) guard keys, links, enumerated values and offsets: when one fails, the assets
downstream of its asset do not run. Warning checks (severity WARN) flag implausible values. `make quality`
(`python -m pipelines.quality.docs`) validates the published warehouse and writes Data Docs under warehouse/quality/.
"""

from __future__ import annotations

import dagster as dg

from pipelines.quality.checks import build_asset_check
from pipelines.quality.suites import ALL_CHECKS

asset_checks: list[dg.AssetChecksDefinition] = [build_asset_check(check) for check in ALL_CHECKS]

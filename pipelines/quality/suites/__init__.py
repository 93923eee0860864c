"""One module per table, each with the checks that guard it; `ALL_CHECKS` in pipeline order."""

from __future__ import annotations

from pipelines.quality.spec import Check
from pipelines.quality.suites import entities, entity_mentions, metrics, quotes, raw_documents, releases

ALL_CHECKS: tuple[Check, ...] = (
    *raw_documents.CHECKS,
    *releases.CHECKS,
    *metrics.CHECKS,
    *entity_mentions.CHECKS,
    *entities.CHECKS,
    *quotes.CHECKS,
)

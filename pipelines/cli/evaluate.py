"""`communique evaluate`: score a warehouse against a gold file. PLACEHOLDER for the evaluation issue."""

from __future__ import annotations

from pipelines.cli.common import fail


def evaluate() -> None:
    """Score extraction against gold annotations (not built yet)."""
    fail("evaluate is not built yet")

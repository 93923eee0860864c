"""Headless Chromium with the network blocked, for tests that check a page renders from local files only.

Playwright's own browser download cannot be reached from our machines: this uses Debian's `chromium` (installed by
`make browser`) through Playwright's executable-path option, and skips where it is missing.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pytest


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def require_browser() -> None:
    """Skip the test where Chromium or Playwright is missing."""
    if chromium_path() is None:
        pytest.skip("chromium is not installed (`make setup` installs Debian's chromium where apt-get can run as root)")
    pytest.importorskip("playwright.sync_api")


@dataclass
class OfflinePage:
    page: Any  # playwright.sync_api.Page
    blocked: list[str] = field(default_factory=list)  # every request that tried to leave the machine
    errors: list[str] = field(default_factory=list)  # uncaught script errors


@contextmanager
def open_offline(url: str) -> Iterator[OfflinePage]:
    """Open `url` in headless Chromium with every non-file request aborted (and recorded), once it has loaded."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), headless=True)
        try:
            context = browser.new_context()
            opened = OfflinePage(context.new_page())

            def only_files(route):
                if route.request.url.startswith("file://"):
                    route.continue_()
                else:
                    opened.blocked.append(route.request.url)
                    route.abort()

            context.route("**/*", only_files)
            opened.page.on("pageerror", lambda error: opened.errors.append(str(error)))
            opened.page.goto(url)
            opened.page.wait_for_load_state("load")
            yield opened
        finally:
            browser.close()

"""Debian's chromium driven headless by Playwright (never `playwright install`): the tests skip
when chromium or playwright is missing outside CI, and fail in CI (`.ci/run` installs chromium)."""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]


@contextmanager
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("the playwright package")
    if not shutil.which(CHROMIUM):
        _missing(CHROMIUM)
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def _missing(what: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} is missing (CI installs it in .ci/run)")
    pytest.skip(f"{what} is not installed")

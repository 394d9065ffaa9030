"""Fixtures for the export tests: small committed projects built from data."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.export.helpers import features_book, simple_book


@pytest.fixture
def book(tmp_path) -> Path:
    return simple_book(tmp_path / "book")


@pytest.fixture
def features(tmp_path) -> Path:
    return features_book(tmp_path / "features")

"""Fixtures for the foundation tests: a small valid project in a real Git repository."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO, make_repo

BASE = REPO / "tests" / "cases" / "_base"


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file's bytes (symlinks as their target), .git excluded: to prove nothing was written."""
    found = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if rel == ".git" or rel.startswith(".git/"):
            continue
        if path.is_symlink():
            found[rel] = b"-> " + str(path.readlink()).encode()
        elif path.is_file():
            found[rel] = path.read_bytes()
    return found


def write(root: Path, rel: str, data: str | bytes) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


@pytest.fixture
def project(tmp_path) -> Path:
    """tests/cases/_base copied into a fresh Git repository (one commit)."""
    root = tmp_path / "book"
    shutil.copytree(BASE, root)
    return make_repo(root)

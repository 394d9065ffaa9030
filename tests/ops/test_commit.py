"""`narrative commit` takes the index as it is: after git mv, git rm and git add (issue 16)."""

from __future__ import annotations

import pytest

from tests.trust_fixtures import git, rules_of

ELENA = "canon/characters/elena-voss.yaml"


@pytest.fixture(params=["plain", "signed"])
def book(request, tmp_path, keyring, use_key):
    from narrative_cli.ops.init import create_project

    if request.param == "signed":
        use_key(keyring["ada"])
    root = create_project(tmp_path / "book", "Book", "Ada")
    (root / ELENA).write_text("name: Elena Voss\nstatus: alive\n")
    (root / "canon/characters/reyes.yaml").write_text("name: Captain Reyes\n")
    commit(root, "two characters")
    return root


def commit(root, message: str):
    from narrative_cli.ops.commit import commit_worktree

    return commit_worktree(root, message)


def message(root) -> str:
    return git(root, "log", "-1", "--format=%B")


def clean(root) -> None:
    assert git(root, "status", "--porcelain", "--untracked-files=all") == ""
    assert rules_of(root) == []


def test_after_git_mv_a_rename_is_recorded_as_a_rename(book):
    git(book, "mv", ELENA, "canon/characters/elena.yaml")
    sha, paths = commit(book, "shorter id")
    assert paths == ["canon/characters/elena-voss.yaml", "canon/characters/elena.yaml"]
    assert "Narrative-Field:" not in message(book)  # not every field removed and added
    renames = git(book, "show", "-M", "--name-status", "--format=", sha)
    assert renames.startswith("R100\tcanon/characters/elena-voss.yaml\tcanon/characters/elena.yaml")
    clean(book)


def test_after_git_rm(book):
    git(book, "rm", "-q", "canon/characters/reyes.yaml")
    commit(book, "no Reyes")
    assert "canon/characters/reyes.yaml" not in git(book, "ls-tree", "-r", "--name-only", "HEAD")
    clean(book)


def test_after_git_add_with_more_edits_unstaged(book):
    (book / "canon/characters/new.yaml").write_text("name: Newcomer\n")
    git(book, "add", "canon/characters/new.yaml")
    (book / ELENA).write_text("name: Elena Voss\nstatus: dead\n")  # not staged
    commit(book, "newcomer, and Elena dies")
    assert 'characters/elena-voss status "alive" -> "dead"' in message(book)
    assert "canon/characters/new.yaml" in git(book, "ls-tree", "-r", "--name-only", "HEAD")
    clean(book)


def test_a_rename_with_an_edit_keeps_its_field_lines(book):
    git(book, "mv", ELENA, "canon/characters/elena.yaml")
    (book / "canon/characters/elena.yaml").write_text("name: Elena Voss\nstatus: missing\n")
    commit(book, "moved and missing")
    assert "Narrative-Field: characters/elena status - -> \"missing\"" in message(book)
    clean(book)

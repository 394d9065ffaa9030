"""Nothing lost: every write is atomic, and a command that fails leaves every file as it was."""

from __future__ import annotations

import os
import stat

import pytest

from narrative_cli.errors import NarrativeError, ProblemsFound
from narrative_cli.store.files import atomic_write
from narrative_cli.ops.writes import Change, apply
from tests.conftest import git
from tests.foundation.conftest import snapshot


def _failing_on(monkeypatch, name: str, call: int):
    """Make os.<name> raise OSError on its `call`-th use (the OS failing, not our code)."""
    real = getattr(os, name)
    calls = {"n": 0}

    def flaky(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == call:
            raise OSError(28, "No space left on device")
        return real(*args, **kwargs)

    monkeypatch.setattr(os, name, flaky)
    return calls


FULL_DISK_HINT = "  hint: free some disk space or fix the permissions, then run this again\n"


def test_journal_that_cannot_be_written_changes_nothing(project, cli, monkeypatch):
    before = snapshot(project)
    _failing_on(monkeypatch, "replace", 1)
    result = cli("new", "character", "Bob Baker", cwd=project)
    assert result.exit_code == 2
    assert result.stderr == ("narrative: error: cannot write the transaction journal: "
                             "No space left on device; nothing was changed\n" + FULL_DISK_HINT)
    assert snapshot(project) == before
    assert not (project / ".git" / "narrative-txn").exists()


def _two_file_change() -> Change:
    return Change("edit", "Edit two files", {
        "canon/characters/elena-voss.yaml": "name: Elena Voss\nstatus: dead\n",
        "canon/characters/captain-reyes.yaml": "name: Captain Reyes\nstatus: missing\n",
    })


def test_write_interrupted_half_way_restores_the_first_file(project, monkeypatch):
    before = snapshot(project)
    head = git(project, "rev-parse", "HEAD")
    calls = _failing_on(monkeypatch, "replace", 3)  # 1: the journal, 2: the first file, 3: the second
    with pytest.raises(NarrativeError) as caught:
        apply(project, _two_file_change())
    assert calls["n"] >= 4  # the first file was renamed into place, then put back
    assert caught.value.message == ("cannot write canon/characters/captain-reyes.yaml: No space left on device; "
                                    "nothing was changed")
    assert snapshot(project) == before
    assert git(project, "rev-parse", "HEAD") == head
    assert git(project, "status", "--porcelain") == ""


def test_interrupted_write_via_cli_is_a_clear_error(project, cli, monkeypatch):
    before = snapshot(project)
    _failing_on(monkeypatch, "replace", 2)  # the journal is written first
    result = cli("new", "character", "Bob Baker", cwd=project)
    assert result.exit_code == 2
    assert result.stderr == ("narrative: error: cannot write canon/characters/bob-baker.yaml: "
                             "No space left on device; nothing was changed\n" + FULL_DISK_HINT)
    assert snapshot(project) == before


def test_change_that_would_not_validate_writes_nothing(project):
    before = snapshot(project)
    change = Change("edit", "Break it", {
        "canon/characters/elena-voss.yaml": "name: Elena Voss\nstatus: zombie\n",
        "canon/characters/new-one.yaml": "name: New One\n",
    })
    with pytest.raises(ProblemsFound) as caught:
        apply(project, change)
    assert caught.value.message == "the change would leave invalid files; nothing was written"
    assert [d.format() for d in caught.value.diagnostics] == [
        "canon/characters/elena-voss.yaml:2:1: error N204: 'status' must be one of "
        "'alive', 'dead', 'missing' or 'unknown', not 'zombie'\n"
        "  hint: values are lowercase words, written exactly as listed"]
    assert snapshot(project) == before
    assert git(project, "status", "--porcelain") == ""


def test_change_is_committed_with_trailers(project):
    done = apply(project, _two_file_change())
    assert done.paths == ["canon/characters/captain-reyes.yaml", "canon/characters/elena-voss.yaml"]
    assert git(project, "rev-parse", "HEAD").strip() == done.commit
    assert git(project, "log", "-1", "--format=%B") == "Edit two files\n\nNarrative-Action: edit\n\n"
    assert git(project, "status", "--porcelain") == ""


@pytest.mark.parametrize("rel", ["../outside.yaml", "/etc/passwd", "canon/../../x.yaml"])
def test_write_outside_the_project_is_refused(project, rel):
    before = snapshot(project)
    with pytest.raises(NarrativeError) as caught:
        apply(project, Change("edit", "Escape", {rel: "x: 1\n"}))
    assert caught.value.message == f"refusing to write outside the project: {rel}"
    assert snapshot(project) == before
    assert not (project.parent / "outside.yaml").exists()


def test_write_through_a_symlinked_folder_is_refused(project, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (project / "canon" / "items").symlink_to(outside)
    with pytest.raises(NarrativeError) as caught:
        apply(project, Change("create", "Escape", {"canon/items/ring.yaml": "name: Ring\n"}))
    assert caught.value.message == "refusing to write outside the project: canon/items/ring.yaml"
    assert list(outside.iterdir()) == []


def test_atomic_write_keeps_mode_and_leaves_no_temp_file(tmp_path):
    target = tmp_path / "f.yaml"
    target.write_text("old\n")
    target.chmod(0o600)
    atomic_write(target, "new\n")
    assert target.read_text() == "new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["f.yaml"]


def test_atomic_write_failure_keeps_old_file_and_removes_temp(tmp_path, monkeypatch):
    target = tmp_path / "f.yaml"
    target.write_text("old\n")
    _failing_on(monkeypatch, "fsync", 1)
    with pytest.raises(OSError):
        atomic_write(target, "new\n")
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["f.yaml"]


def test_new_file_gets_0644(tmp_path):
    atomic_write(tmp_path / "sub" / "new.md", b"x")
    assert stat.S_IMODE((tmp_path / "sub" / "new.md").stat().st_mode) == 0o644


def test_failed_new_chapter_leaves_no_empty_folder(project, cli, monkeypatch):
    before = sorted(p.relative_to(project).as_posix() for p in project.rglob("*") if ".git" not in p.parts)
    _failing_on(monkeypatch, "replace", 2)
    result = cli("new", "chapter", "The Road", cwd=project)
    assert result.exit_code == 2
    assert result.stderr == ("narrative: error: cannot write manuscript/02-the-road/chapter.yaml: "
                             "No space left on device; nothing was changed\n" + FULL_DISK_HINT)
    after = sorted(p.relative_to(project).as_posix() for p in project.rglob("*") if ".git" not in p.parts)
    assert after == before

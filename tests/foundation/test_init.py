"""`narrative init`: a valid project from a template, a Git repository with one commit."""

from __future__ import annotations

import re
import subprocess

import pytest

from narrative_cli.checks import validate
from narrative_cli.store.project import load_project
from tests.conftest import git


@pytest.mark.parametrize("template", ["novel", "short-story"])
def test_init_creates_a_valid_committed_project(cli, tmp_path, template):
    root = tmp_path / "my-book"
    result = cli("init", str(root), "--title", "My Book", "--author", "Ada Quill", "--language", "fr",
                 "--template", template, cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (f"Created {root.resolve()}\n"
                             f"Next: cd {root} && narrative new character 'Name' && narrative validate\n")
    config = (root / "narrative.yaml").read_text()
    assert "title: My Book\n" in config and "author: Ada Quill\n" in config and "language: fr\n" in config
    assert re.search(r"identifier: urn:uuid:[0-9a-f-]{36}  # set once", config)  # the comment survives
    assert (root / ".gitignore").read_text().startswith(".narrative/\n")
    for kind in ("characters", "locations", "factions", "items", "magic", "events"):
        assert (root / "canon" / kind).is_dir()
    assert validate(load_project(root)) == []
    assert git(root, "log", "--format=%s").splitlines() == ["Create project: My Book"]
    assert git(root, "status", "--porcelain") == ""
    assert "narrative.yaml" in git(root, "ls-files")


def test_two_projects_get_different_identifiers(cli, tmp_path):
    for name in ("a", "b"):
        assert cli("init", str(tmp_path / name), "--title", "T", "--author", "A").exit_code == 0
    ids = {(tmp_path / n / "narrative.yaml").read_text().split("identifier: ")[1][:45] for n in ("a", "b")}
    assert len(ids) == 2


def test_init_into_an_empty_existing_folder(cli, tmp_path):
    (tmp_path / "empty").mkdir()
    assert cli("init", str(tmp_path / "empty"), "--title", "T", "--author", "A").exit_code == 0


def test_init_refuses_a_non_empty_folder(cli, tmp_path):
    folder = tmp_path / "busy"
    folder.mkdir()
    (folder / "thesis.txt").write_text("precious\n")
    result = cli("init", str(folder), "--title", "T", "--author", "A")
    assert result.exit_code == 2
    assert result.stderr == (f"narrative: error: {folder} exists and is not empty\n"
                             "  hint: choose a new folder, or an empty one\n")
    assert [p.name for p in folder.iterdir()] == ["thesis.txt"]


def test_init_refuses_an_existing_project(cli, project):
    before = (project / "narrative.yaml").read_bytes()
    result = cli("init", str(project), "--title", "T", "--author", "A")
    assert result.exit_code == 2
    assert result.stderr == f"narrative: error: {project} is already a narrative project\n"
    assert (project / "narrative.yaml").read_bytes() == before


def test_init_bad_language_creates_nothing(cli, tmp_path):
    root = tmp_path / "book"
    result = cli("init", str(root), "--title", "T", "--author", "A", "--language", "not a language")
    assert result.exit_code == 2
    assert result.stderr == ("narrative: error: invalid language tag 'not a language'\n"
                             "  hint: a BCP 47 tag such as en, en-GB, fr or pt-BR\n")
    assert not root.exists()


def test_bad_language_in_narrative_yaml(project, cli):
    text = (project / "narrative.yaml").read_text().replace("language: en", "language: English (UK)")
    (project / "narrative.yaml").write_text(text)
    assert cli("validate", cwd=project).stdout == (
        "narrative.yaml:5:1: error N203: 'language' is not a BCP 47 language tag: 'English (UK)'\n"
        "  hint: write a tag such as en, en-GB, fr or pt-BR\n1 error, 0 warnings\n")


def test_init_unknown_template(cli, tmp_path):
    result = cli("init", str(tmp_path / "b"), "--title", "T", "--author", "A", "--template", "epic")
    assert result.exit_code == 2
    assert result.stderr == ("narrative: error: unknown template 'epic'\n"
                             "  hint: templates are: novel, short-story\n")
    assert not (tmp_path / "b").exists()


def test_init_without_any_git_identity_still_commits(tmp_path, monkeypatch, narrative_bin):
    """A fresh machine: no GIT_* variables, no ~/.gitconfig, no system config."""
    for key in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "EMAIL"):
        monkeypatch.delenv(key, raising=False)
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    root = tmp_path / "book"
    done = subprocess.run([str(narrative_bin), "init", str(root), "--title", "T", "--author", "Ada Quill"],
                          capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert git(root, "log", "--format=%an <%ae>") == "Ada Quill <author@narrative.invalid>\n"
    assert not (home / ".gitconfig").exists()


def test_a_killed_init_leaves_no_project_and_the_next_init_clears_its_folder(tmp_path, narrative_bin):
    """`init` builds in a hidden `.NAME.PID.*.narrative-new` beside PATH and renames it into place;
    killed half-way it leaves that folder, which the next `init` of the same PATH removes (its
    process is gone), while a live build of the same name is left alone."""
    import os
    import signal
    import time

    root = tmp_path / "book"
    for _attempt in range(20):
        started = subprocess.Popen([str(narrative_bin), "init", str(root), "--title", "T", "--author", "A"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while started.poll() is None and not list(tmp_path.glob(".book.*.narrative-new")):
            time.sleep(0.002)
        started.send_signal(signal.SIGKILL)
        started.wait()
        if list(tmp_path.glob(".book.*.narrative-new")) and not root.exists():
            break
        subprocess.run(["rm", "-rf", str(root)], check=True)
    else:
        pytest.skip("init always finished before it could be killed")
    live = tmp_path / f".book.{os.getpid()}.x.narrative-new"  # this test's own process: alive
    live.mkdir()
    done = subprocess.run([str(narrative_bin), "init", str(root), "--title", "T", "--author", "A"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in tmp_path.glob(".book.*")) == [live.name]
    assert validate(load_project(root)) == []

"""`narrative install-hook`: a pre-commit hook that validates exactly what is staged."""

from __future__ import annotations

import subprocess


from narrative_cli.review.hooks import MARKER
from tests.conftest import git



def commit(root, message="change"):
    return subprocess.run(["git", "commit", "-q", "-m", message], cwd=root, capture_output=True, text=True)


def test_installs_an_executable_hook(cli, example):
    result = cli("install-hook", "pre-commit", cwd=example)
    hook = example / ".git" / "hooks" / "pre-commit"
    assert (result.exit_code, result.stdout) == (0, f"Installed {hook}\n")
    assert hook.stat().st_mode & 0o111
    assert MARKER in hook.read_text()
    assert cli("install-hook", "pre-commit", cwd=example).exit_code == 0  # ours: replaced quietly


def test_refuses_a_foreign_hook_unless_forced(cli, example):
    hook = example / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho mine\n")
    result = cli("install-hook", "pre-commit", cwd=example)
    assert result.exit_code == 2
    assert result.stderr == (f"narrative: error: {hook} exists and was not written by narrative\n"
                             "  hint: merge it by hand, or replace it with --force\n")
    assert hook.read_text() == "#!/bin/sh\necho mine\n"
    assert cli("install-hook", "pre-commit", "--force", cwd=example).exit_code == 0
    assert MARKER in hook.read_text()


def test_hook_blocks_an_invalid_staged_file(cli, example, narrative_bin):
    assert cli("install-hook", "pre-commit", cwd=example).exit_code == 0
    bad = example / "canon" / "characters" / "nobody.yaml"
    bad.write_text("nmae: Nobody\n", encoding="utf-8")
    git(example, "add", "canon/characters/nobody.yaml")
    bad.unlink()  # the working tree is clean again; the staged file is what gets committed
    done = commit(example)
    assert done.returncode != 0
    assert "canon/characters/nobody.yaml:1:1: error" in done.stdout + done.stderr
    assert git(example, "log", "--format=%s") == "Initial import\n"


def test_hook_lets_a_valid_commit_through(cli, example, narrative_bin):
    assert cli("install-hook", "pre-commit", cwd=example).exit_code == 0
    scene = example / "manuscript" / "01-arrival" / "01-dockside.md"
    scene.write_text(scene.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    git(example, "add", "-A")
    done = commit(example)
    assert done.returncode == 0, done.stdout + done.stderr


def test_unknown_hook_kind(cli, example):
    result = cli("install-hook", "post-commit", cwd=example)
    assert result.exit_code == 2
    assert "post-commit" in result.stderr


def test_pre_receive_goes_to_the_trust_area_even_in_a_bare_repository(cli, tmp_path):
    bare = tmp_path / "server.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    result = cli("install-hook", "pre-receive", "--project", str(bare))
    assert result.exit_code == 0, result.stderr
    assert (bare / "hooks" / "pre-receive").stat().st_mode & 0o111

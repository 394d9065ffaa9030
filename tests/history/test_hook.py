"""The pre-receive hook: the remote refuses what `verify` rejects."""

from __future__ import annotations

import subprocess

from tests.trust_fixtures import git, signed_commit


def test_pre_receive_refuses_an_unverifiable_push(governed, keyring, cli, narrative_bin, tmp_path):
    server = tmp_path / "server.git"
    git(tmp_path, "init", "-q", "--bare", str(server))
    result = cli("install-hook", "pre-receive", "--project", str(server), cwd=tmp_path)
    assert result.exit_code == 0 and (server / "hooks" / "pre-receive").exists()
    git(governed, "remote", "add", "origin", str(server))
    git(governed, "push", "-q", "origin", "main")
    signed_commit(governed, keyring["vic"], {"canon/characters/x.yaml": "name: X\n"}, action="create")
    push = subprocess.run(["git", "push", "origin", "main"], cwd=governed, capture_output=True, text=True)
    assert push.returncode != 0
    assert "R6" in push.stderr and "push refused" in push.stderr
    assert git(server, "rev-parse", "main") != git(governed, "rev-parse", "main")

"""`keys change-passphrase` proves its change; key files and folders open to others (ssh-style).

Real `narrative` processes with NARRATIVE_HOME in a temporary folder; argon2 at production cost.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from narrative_cli.trust import keys
from tests.ptyrun import REPO, run_in_pty
from tests.trust_fixtures import PASS

NEW = "a new and longer passphrase"


def narrative(*args: str, **env: str) -> subprocess.CompletedProcess:
    full = {**os.environ, "PYTHONPATH": str(REPO), "CI": "true", **env}
    full = {k: v for k, v in full.items() if v is not None}
    return subprocess.run([sys.executable, "-m", "narrative_cli", *args], capture_output=True, text=True,
                          env=full, timeout=120)


@pytest.fixture
def mykey(keyring) -> Path:
    """Ada's key as the only key in $NARRATIVE_HOME/keys (0700 folder, 0600 file)."""
    folder = keys.keys_dir()
    folder.mkdir(parents=True, mode=0o700)
    path = folder / keyring["ada"].path.name
    shutil.copy(keyring["ada"].path, path)
    os.chmod(path, 0o600)
    return path


def opens_with(path: Path, passphrase: str) -> bool:
    data = keys.read_key_file(path.read_text(), str(path))
    try:
        keys.unlock(data, passphrase, str(path))
    except keys.KeyError_:
        return False
    return True


def at_a_terminal() -> dict[str, str]:
    """This environment without what makes a run non-interactive or supplies passphrases."""
    gone = ("CI", "NARRATIVE_NON_INTERACTIVE", "NARRATIVE_KEY_PASSPHRASE", "NARRATIVE_NEW_KEY_PASSPHRASE")
    return {k: v for k, v in os.environ.items() if k not in gone}


@pytest.mark.parametrize("new_env,message,hint", [
    (None, "no new passphrase: this run is non-interactive; nothing was changed",
     "set NARRATIVE_NEW_KEY_PASSPHRASE to the new passphrase"),
    ("", "an empty new passphrase is not allowed; nothing was changed", "choose a passphrase of a few words"),
    (PASS, "the new passphrase is the same as the current one; nothing was changed",
     "set NARRATIVE_NEW_KEY_PASSPHRASE to the new passphrase (or type it when asked)"),
])
def test_change_passphrase_refuses_a_missing_empty_or_unchanged_new_one(mykey, new_env, message, hint):
    before = mykey.read_bytes()
    done = narrative("keys", "change-passphrase", NARRATIVE_KEY_PASSPHRASE=PASS,
                     NARRATIVE_NEW_KEY_PASSPHRASE=new_env)
    assert done.returncode == 2, done
    assert done.stderr.splitlines() == [f"narrative: error: {message}", f"  hint: {hint}"]
    assert done.stdout == ""
    assert mykey.read_bytes() == before and opens_with(mykey, PASS)


def test_change_passphrase_changes_it_and_says_it_checked(mykey, keyring):
    done = narrative("keys", "change-passphrase", NARRATIVE_KEY_PASSPHRASE=PASS, NARRATIVE_NEW_KEY_PASSPHRASE=NEW)
    assert done.returncode == 0, done.stderr
    kid = keyring["ada"].kid
    assert done.stdout == f"passphrase changed for {kid[:12]} (checked: {mykey} opens with the new passphrase only)\n"
    assert opens_with(mykey, NEW) and not opens_with(mykey, PASS)
    assert stat.S_IMODE(mykey.stat().st_mode) == 0o600
    assert sorted(p.name for p in mykey.parent.iterdir()) == [mykey.name]  # no temporary file left
    again = narrative("keys", "export-public", NARRATIVE_KEY_PASSPHRASE=NEW)
    assert again.stdout.strip() == keyring["ada"].public_key


def test_change_passphrase_at_a_terminal_asks_twice(mykey):
    env = at_a_terminal()
    typed = [(b"current passphrase: ", PASS.encode() + b"\n"), (b"new passphrase: ", NEW.encode() + b"\n"),
             (b"again: ", NEW.encode() + b"\n")]
    done = run_in_pty(["keys", "change-passphrase"], mykey.parent, env, typed)
    assert done.exit_code == 0, done.output
    assert b"passphrase changed for" in done.output and NEW.encode() not in done.output
    assert opens_with(mykey, NEW) and not opens_with(mykey, PASS)


@pytest.mark.parametrize("typed_new,typed_again,message", [
    (b"\n", None, b"an empty new passphrase is not allowed; nothing was changed"),
    (NEW.encode() + b"\n", b"something else\n", b"the two passphrases differ; nothing was changed"),
])
def test_change_passphrase_at_a_terminal_refuses_empty_or_mismatched(mykey, typed_new, typed_again, message):
    env = at_a_terminal()
    before = mykey.read_bytes()
    typed = [(b"current passphrase: ", PASS.encode() + b"\n"), (b"new passphrase: ", typed_new)]
    if typed_again:
        typed.append((b"again: ", typed_again))
    done = run_in_pty(["keys", "change-passphrase"], mykey.parent, env, typed)
    assert done.exit_code == 2 and b"narrative: error: " + message in done.output
    assert mykey.read_bytes() == before


def test_a_key_file_open_to_others_is_refused_with_the_chmod_hint(mykey):
    os.chmod(mykey, 0o644)
    before = mykey.read_bytes()
    for command in (["keys", "export-public"], ["keys", "show"], ["keys", "change-passphrase"]):
        done = narrative(*command, NARRATIVE_KEY_PASSPHRASE=PASS, NARRATIVE_NEW_KEY_PASSPHRASE=NEW)
        assert done.returncode == 2, command
        assert done.stderr.splitlines() == [
            f"narrative: error: UNPROTECTED PRIVATE KEY FILE: {mykey} is open to others (mode 0644); refusing to use it",
            f"  hint: run `chmod 600 {mykey}`; if others may have copied it, make a new key "
            "and have an owner replace the old one"]
    assert mykey.read_bytes() == before and stat.S_IMODE(mykey.stat().st_mode) == 0o644  # not silently changed
    os.chmod(mykey, 0o600)
    assert narrative("keys", "export-public").returncode == 0


@pytest.mark.parametrize("mode", [0o640, 0o604, 0o620, 0o602])
def test_any_group_or_other_bit_on_the_key_file_is_refused(mykey, mode):
    os.chmod(mykey, mode)
    done = narrative("keys", "export-public", NARRATIVE_KEY_ID=mykey.stem[:8])
    assert done.returncode == 2 and "UNPROTECTED PRIVATE KEY FILE" in done.stderr


def test_a_key_folder_open_to_others_is_narrowed_with_a_warning(mykey, keyring):
    os.chmod(mykey.parent, 0o755)
    done = narrative("keys", "export-public")
    assert done.returncode == 0 and done.stdout.strip() == keyring["ada"].public_key
    assert done.stderr == (f"narrative: warning: key folder {mykey.parent} was open to others (mode 0755); "
                           "narrowed it to 0700\n")
    assert stat.S_IMODE(mykey.parent.stat().st_mode) == 0o700
    assert narrative("keys", "export-public").stderr == ""  # said once, then fixed


def test_generate_into_an_open_folder_narrows_it(tmp_path):
    keys.keys_dir().mkdir(parents=True)
    os.chmod(keys.keys_dir(), 0o777)
    done = narrative("keys", "generate", "--name", "Cy", NARRATIVE_KEY_PASSPHRASE=PASS)
    assert done.returncode == 0, done.stderr
    assert "was open to others (mode 0777); narrowed it to 0700" in done.stderr
    assert stat.S_IMODE(keys.keys_dir().stat().st_mode) == 0o700
    made = list(keys.keys_dir().glob("*.key"))
    assert len(made) == 1 and stat.S_IMODE(made[0].stat().st_mode) == 0o600


def test_a_key_from_the_environment_is_not_a_file_and_is_not_checked(keyring, tmp_path):
    open_folder = keys.keys_dir()
    open_folder.mkdir(parents=True)
    os.chmod(open_folder, 0o777)  # unused: the key comes from the environment
    done = narrative("keys", "export-public", NARRATIVE_SIGNING_KEY=keyring["eve"].text)
    assert done.returncode == 0 and done.stdout.strip() == keyring["eve"].public_key and done.stderr == ""
    assert stat.S_IMODE(open_folder.stat().st_mode) == 0o777


def test_a_signed_write_with_an_unprotected_key_is_refused_and_writes_nothing(governed, keyring):
    from tests.trust_fixtures import git, head

    path = keys.keys_dir() / keyring["ada"].path.name
    os.chmod(path, 0o644)
    before = head(governed)
    done = subprocess.run([sys.executable, "-m", "narrative_cli", "new", "character", "Reyes"], cwd=governed,
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert done.returncode == 2 and "UNPROTECTED PRIVATE KEY FILE" in done.stderr
    assert head(governed) == before and git(governed, "status", "--porcelain") == ""

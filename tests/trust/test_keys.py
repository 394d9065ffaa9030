"""Key files: argon2id + AES-256-GCM at rest, bounds checked before argon2, never inside a work tree."""

from __future__ import annotations

import json
import os
import stat

import pytest

from narrative_cli.errors import UsageError
from narrative_cli.trust import keys
from tests.trust_fixtures import PASS


def test_key_file_is_0600_in_0700_folder_with_production_kdf(keyring, tmp_path):
    data = json.loads(keyring["ada"].text)
    assert data["kdf"] == {**keys.KDF_DEFAULTS, "salt": data["kdf"]["salt"]}
    assert stat.S_IMODE(os.stat(keyring["ada"].path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(keyring["ada"].path.parent).st_mode) == 0o700
    assert data["kid"] == keys.kid_of_line(data["public_key"]) == keyring["ada"].kid
    assert "seed" not in keyring["ada"].text and PASS not in keyring["ada"].text


def test_unlock_round_trip_and_wrong_passphrase(keyring):
    data = keys.read_key_file(keyring["bea"].text, "bea")
    assert keys.raw_public(keys.unlock(data, PASS, "bea")) == keys.raw_public(keyring["bea"].signer.private)
    with pytest.raises(keys.KeyError_) as err:
        keys.unlock(data, "wrong", "bea")
    assert err.value.message == f"wrong passphrase for key {keyring['bea'].kid[:12]} (or the key file was altered)"


@pytest.mark.parametrize("field,value", [("t", 1), ("m", 8), ("m", 1 << 30), ("p", 0), ("t", "3")])
def test_kdf_bounds_are_checked_before_argon2(keyring, field, value):
    data = json.loads(keyring["ada"].text)
    data["kdf"][field] = value
    with pytest.raises(keys.KeyError_, match=f"key file asks for argon2 {field}="):
        keys.read_key_file(json.dumps(data), "x")


def test_refuses_to_store_a_key_inside_a_git_work_tree(tmp_path):
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    with pytest.raises(UsageError, match="refusing to store a private key inside the Git work tree"):
        keys.write_key_file({"kid": "a" * 64}, tmp_path / "repo" / "keys")
    assert not (tmp_path / "repo" / "keys").exists()


def test_cli_generate_list_export_and_change_passphrase(cli, monkeypatch, tmp_path):
    monkeypatch.setenv("CI", "true")
    monkeypatch.setenv("NARRATIVE_KEY_PASSPHRASE", "first pass")
    made = cli("keys", "generate", "--name", "Ada Quill", "--email", "ada@example.org")
    assert made.exit_code == 0
    kid = made.stdout.split()[2]
    assert "PRIVATE" not in made.stdout and "ciphertext" not in made.stdout
    exported = cli("keys", "export-public")
    assert exported.stdout.startswith("ssh-ed25519 AAAA") and keys.kid_of_line(exported.stdout) == kid
    listed = json.loads(cli("keys", "list", "--format", "json").stdout)
    assert [k["kid"] for k in listed] == [kid]
    monkeypatch.setenv("NARRATIVE_NEW_KEY_PASSPHRASE", "second pass")
    assert cli("keys", "change-passphrase").exit_code == 0
    path = keys.find_key(kid).path
    data = keys.read_key_file(path.read_text(), "x")
    keys.unlock(data, "second pass", "x")
    monkeypatch.setenv("NARRATIVE_KEY_PASSPHRASE", "first pass")
    before = path.read_bytes()
    failed = cli("keys", "change-passphrase")
    assert failed.exit_code == 2 and failed.stderr.startswith("narrative: error: wrong passphrase for key")
    assert path.read_bytes() == before


def test_non_interactive_without_passphrase_says_how(cli, monkeypatch):
    monkeypatch.delenv("NARRATIVE_KEY_PASSPHRASE", raising=False)
    result = cli("--non-interactive", "keys", "generate", "--name", "A")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == ["narrative: error: no passphrase: this run is non-interactive",
                                          "  hint: set NARRATIVE_KEY_PASSPHRASE (from your CI secret store)"]


def test_signing_key_from_environment(governed, keyring, cli, monkeypatch, tmp_path):
    import shutil

    shutil.rmtree(keys.keys_dir())
    monkeypatch.setenv("NARRATIVE_SIGNING_KEY", keyring["eve"].text)
    result = cli("new", "character", "Reyes", cwd=governed)
    assert result.exit_code == 0
    from tests.trust_fixtures import git

    assert f"Narrative-Actor: {keyring['eve'].kid}" in git(governed, "log", "-1", "--format=%B")


def test_decrypted_seed_must_match_kid_and_public_key(keyring):
    data = json.loads(keyring["ada"].text)
    header = {k: data[k] for k in ("kid", "public_key", "name", "email", "created")}
    forged = keys.encrypt_seed(os.urandom(32), header, PASS)
    with pytest.raises(keys.KeyError_, match="decrypted key does not match its kid and public key"):
        keys.unlock(keys.read_key_file(json.dumps(forged), "forged"), PASS, "forged")

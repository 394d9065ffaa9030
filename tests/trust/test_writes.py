"""The write path with a manifest: refuse before writing, then one signed trailered commit."""

from __future__ import annotations

from tests.trust_fixtures import git, head

CANON = "canon/characters/elena-voss.yaml"


def test_viewer_is_refused_before_anything_is_written(governed, keyring, cli, use_key):
    use_key(keyring["vic"])
    before = head(governed)
    result = cli("new", "character", "Elena Voss", cwd=governed)
    assert result.exit_code == 3
    assert result.stderr.splitlines()[0] == (f"narrative: error: denied: you are VIEWER (kid {keyring['vic'].kid[:4]}…);"
                                             f" edit needs EDITOR or OWNER ({CANON})")
    assert not (governed / CANON).exists() and head(governed) == before


def test_editor_writes_one_signed_commit_with_every_trailer(governed, keyring, cli, use_key):
    use_key(keyring["eve"])
    assert cli("new", "character", "Elena Voss", cwd=governed).exit_code == 0
    message = git(governed, "log", "-1", "--format=%B")
    keys = [line.split(":")[0] for line in message.splitlines() if line.startswith("Narrative-")]
    assert keys == ["Narrative-Actor", "Narrative-Action", "Narrative-Entity", "Narrative-Change", "Narrative-Field",
                    "Narrative-Manifest", "Narrative-Time", "Narrative-Signature"]
    assert 'Narrative-Field: characters/elena-voss name - -> "Elena Voss"' in message
    assert git(governed, "status", "--porcelain") == ""


def test_editor_soft_deletes_but_cannot_purge(governed, keyring, cli, use_key):
    use_key(keyring["eve"])
    cli("new", "character", "Elena Voss", cwd=governed)
    assert cli("rm", "elena-voss", cwd=governed).exit_code == 0
    assert cli("restore", "elena-voss", cwd=governed).exit_code == 0
    purge = cli("purge", "elena-voss", cwd=governed)
    assert purge.exit_code == 3
    assert "; delete needs OWNER" in purge.stderr
    use_key(keyring["ada"])
    assert cli("purge", "elena-voss", cwd=governed).exit_code == 0
    assert not (governed / CANON).exists()
    assert cli("verify", cwd=governed).exit_code == 0


def test_scoped_editor_is_refused_outside_its_scope(governed, keyring, cli, use_key):
    from tests.trust_fixtures import member, new_version, with_members

    new_version(governed, [keyring["ada"]],
                collaborators=with_members(governed, member(keyring["eve"], "EDITOR", ["manuscript/**"])))
    use_key(keyring["eve"])
    result = cli("new", "character", "Elena", cwd=governed)
    assert result.exit_code == 3
    assert "the path is outside your scope (manuscript/**)" in result.stderr


def test_commit_records_editor_edits_with_real_field_diff(governed, keyring, cli, use_key):
    use_key(keyring["eve"])
    cli("new", "character", "Elena Voss", cwd=governed)
    path = governed / CANON
    path.write_text(path.read_text() + "status: dead\n")
    result = cli("commit", "-m", "Elena dies", cwd=governed)
    assert result.exit_code == 0, result.stderr
    message = git(governed, "log", "-1", "--format=%B")
    assert message.startswith("Elena dies\n\n")
    assert 'Narrative-Field: characters/elena-voss status - -> "dead"' in message
    assert cli("verify", cwd=governed).exit_code == 0
    assert cli("commit", "-m", "again", cwd=governed).exit_code == 2


def test_editor_deleting_a_file_by_hand_is_refused_by_commit(governed, keyring, cli, use_key):
    use_key(keyring["ada"])
    cli("new", "character", "Elena Voss", cwd=governed)
    use_key(keyring["eve"])
    (governed / CANON).unlink()
    result = cli("commit", "-m", "gone", cwd=governed)
    assert result.exit_code == 3
    assert "purge: " not in result.stderr and "delete needs OWNER" in result.stderr


def test_project_without_manifest_keeps_plain_trailers(example, cli):
    assert cli("new", "character", "Zed", cwd=example).exit_code == 0
    message = git(example, "log", "-1", "--format=%B")
    assert "Narrative-Action: create" in message and "Narrative-Signature" not in message


def test_init_with_key_signs_genesis(tmp_path, keyring, cli, use_key):
    use_key(keyring["ada"])
    result = cli("init", str(tmp_path / "b"), "--title", "B", "--author", "Ada", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert "with a signed manifest (you are OWNER)" in result.stdout
    assert cli("verify", cwd=tmp_path / "b").exit_code == 0
    plain = cli("init", str(tmp_path / "c"), "--title", "C", "--author", "Ada", "--no-manifest", cwd=tmp_path)
    assert plain.exit_code == 0 and not (tmp_path / "c" / "manifest.yaml").exists()

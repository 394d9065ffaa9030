"""Canonical manifest text, owner signatures and the CLI that changes collaborators."""

from __future__ import annotations

import json

from narrative_cli.trust import manifest as mf
from tests.trust_fixtures import git, head, manifest_model


def test_genesis_from_init_is_canonical_and_signed_by_its_owner(governed, keyring):
    genesis = git(governed, "rev-list", "--max-parents=0", "HEAD").strip()
    text = git(governed, "show", f"{genesis}:manifest.yaml")
    parsed, problems = mf.parse(text)
    assert problems == [] and mf.is_canonical(text)
    assert [(c.kid, c.role) for c in parsed.model.collaborators] == [(keyring["ada"].kid, "OWNER")]
    assert mf.check_transition(None, parsed, text.encode(), git(governed, "show", f"{genesis}:manifest.sig")) == []
    assert text.startswith("schema: narrative-manifest/1\nproject_id: \"urn:uuid:")


def test_parse_rejects_kid_that_is_not_the_key_hash(keyring):
    from narrative_cli.trust.keys import PublicKey

    model = mf.genesis("urn:uuid:x", PublicKey(keyring["ada"].kid, keyring["ada"].public_key, "Ada", "a@x"))
    text = mf.dump(model).replace(keyring["ada"].kid, keyring["eve"].kid)
    assert mf.parse(text)[1] == [f"kid {keyring['eve'].kid[:12]} is not the SHA-256 of its public key"]


def test_manifest_sign_refuses_non_canonical_text(governed, cli):
    (governed / "manifest.yaml").write_text((governed / "manifest.yaml").read_text().replace("version: 2", "version:  3"))
    result = cli("manifest", "sign", cwd=governed)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == "narrative: error: manifest.yaml is not in canonical form; refusing to sign it"


def test_collab_add_role_rm_each_bump_version_and_verify(governed, keyring, cli):
    rex = keyring["rex"]
    added = cli("collab", "add", "Rex", "--key", rex.public_key, "--role", "editor", "--scope", "manuscript/**",
                cwd=governed)
    assert added.exit_code == 0, added.stderr
    assert added.stdout.startswith("manifest version 3: Add collaborator Rex as EDITOR (commit ")
    assert cli("collab", "role", "Rex", "viewer", cwd=governed).stdout.startswith("manifest version 4: Set role")
    listed = json.loads(cli("collab", "list", "--format", "json", cwd=governed).stdout)
    assert {c["name"]: (c["role"], c["scopes"]) for c in listed["collaborators"]}["Rex"] == ("VIEWER", ["manuscript/**"])
    assert cli("collab", "rm", "Rex", cwd=governed).exit_code == 0
    assert manifest_model(governed).version == 5
    assert "Narrative-Action: manage_collaborators" in git(governed, "log", "-1", "--format=%B")
    assert cli("verify", cwd=governed).exit_code == 0
    assert cli("manifest", "verify", cwd=governed).exit_code == 0


def test_editor_cannot_manage_collaborators(governed, keyring, cli, use_key):
    use_key(keyring["eve"])
    before = head(governed)
    result = cli("collab", "add", "Rex", "--key", keyring["rex"].public_key, cwd=governed)
    assert result.exit_code == 3
    assert result.stderr.splitlines()[0] == (f"narrative: error: denied: you are EDITOR (kid {keyring['eve'].kid[:4]}…);"
                                             " manage_collaborators needs OWNER (manifest.yaml)")
    assert head(governed) == before


def test_owner_cannot_remove_itself(governed, keyring, cli):
    result = cli("collab", "rm", "Ada", cwd=governed)
    assert result.exit_code == 3
    assert "after this change you would not be an OWNER" in result.stderr


def test_manifest_init_adopts_a_manifest_later(example, keyring, cli, use_key):
    use_key(keyring["ada"])
    result = cli("manifest", "init", cwd=example)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("manifest version 1: Ada is OWNER (commit ")
    assert cli("verify", cwd=example).exit_code == 0
    assert cli("manifest", "init", cwd=example).exit_code == 2


def test_threshold_two_needs_a_second_owner_signature(governed, keyring, cli, use_key):
    from tests.trust_fixtures import member, new_version, with_members

    new_version(governed, [keyring["ada"]], collaborators=with_members(governed, member(keyring["bea"], "OWNER")))
    new_version(governed, [keyring["ada"], keyring["bea"]], owner_threshold=2)
    written = cli("collab", "add", "Rex", "--key", keyring["rex"].public_key, cwd=governed)
    assert "written, not committed: 2 owner signatures are needed" in written.stdout
    use_key(keyring["bea"])
    assert cli("manifest", "sign", cwd=governed).exit_code == 0
    assert cli("manifest", "verify", cwd=governed).exit_code == 0
    assert cli("commit", "-m", "Add Rex", cwd=governed).exit_code == 0
    assert cli("verify", cwd=governed).exit_code == 0


def test_commit_waits_for_the_owner_signatures_a_manifest_change_needs(governed, keyring, cli, use_key):
    from tests.trust_fixtures import member, new_version, with_members

    new_version(governed, [keyring["ada"]], collaborators=with_members(governed, member(keyring["bea"], "OWNER")))
    new_version(governed, [keyring["ada"], keyring["bea"]], owner_threshold=2)
    cli("collab", "add", "Rex", "--key", keyring["rex"].public_key, cwd=governed)
    before = head(governed)
    early = cli("commit", "-m", "Add Rex", cwd=governed)
    assert early.exit_code == 2
    assert early.stderr.splitlines() == [
        "narrative: error: the manifest change does not verify yet: "
        "needs 2 signature(s) from distinct OWNERs of the previous version 4, found 1",
        "  hint: the other owners run `narrative manifest sign`; `narrative manifest verify` says when it is ready",
    ]
    assert head(governed) == before
    use_key(keyring["bea"])
    assert cli("manifest", "sign", cwd=governed).exit_code == 0
    assert cli("commit", "-m", "Add Rex", cwd=governed).exit_code == 0
    assert cli("verify", cwd=governed).exit_code == 0


def test_raising_the_threshold_by_hand_as_security_md_says(governed, keyring, cli, use_key):
    from tests.trust_fixtures import member, new_version, with_members

    new_version(governed, [keyring["ada"]], collaborators=with_members(governed, member(keyring["bea"], "OWNER")))
    text = mf.dump(mf.bump(manifest_model(governed), owner_threshold=2))
    (governed / "manifest.yaml").write_text(text)
    (governed / "manifest.sig").unlink()
    first = cli("manifest", "sign", cwd=governed)
    assert first.stdout == ("signed; manifest.sig now has 1 signature(s); still needed: needs 2 signature(s) "
                            "from distinct OWNERs of the new version 4, found 1\n")
    use_key(keyring["bea"])
    second = cli("manifest", "sign", cwd=governed)
    assert second.stdout == "signed; manifest.sig now has 2 signature(s). Commit with `narrative commit -m MSG`.\n"
    assert cli("commit", "-m", "Two owners must agree", cwd=governed).exit_code == 0
    assert cli("verify", cwd=governed).exit_code == 0

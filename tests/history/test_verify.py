"""`narrative verify` on honest histories: clean, cached, pinned, and what it prints."""

from __future__ import annotations

import json

from tests.history.test_attacks import CANON, forge_merge
from tests.trust_fixtures import findings, git, head, manifest_model, member, new_version, signed_commit, with_members


def test_honest_history_with_merge_rotation_and_revocation_verifies(governed, keyring, cli, use_key):
    ada, bea, eve, rex = keyring["ada"], keyring["bea"], keyring["eve"], keyring["rex"]
    signed_commit(governed, ada, {CANON: "name: Elena Voss\nstatus: alive\n"}, action="create")
    use_key(eve)
    assert cli("new", "character", "Captain Reyes", cwd=governed).exit_code == 0
    git(governed, "checkout", "-qb", "topic")
    signed_commit(governed, eve, {"manuscript/01-chapter-one/02-dock.md": "---\ntitle: Dock\n---\nText.\n"})
    topic = head(governed)
    git(governed, "checkout", "-q", "main")
    signed_commit(governed, ada, {CANON: "name: Elena Voss\nstatus: dead\n"})
    forge_merge(governed, head(governed), topic)
    # rotation: Ada's new key (bea) is added by the old one, then the old one is removed by the new one
    new_version(governed, [ada], collaborators=with_members(governed, member(bea, "OWNER")))
    new_version(governed, [bea], collaborators=[c for c in with_members(governed) if c["kid"] != ada.kid])
    new_version(governed, [bea], collaborators=with_members(governed, member(rex, "EDITOR")))
    last_good = signed_commit(governed, rex, {CANON: "name: Elena Voss\nstatus: missing\n"})
    use_key(bea)
    assert cli("collab", "revoke", "Rex", "--last-good", last_good, cwd=governed).exit_code == 0
    assert findings(governed) == []
    result = cli("verify", "--full", cwd=governed)
    assert result.exit_code == 0
    assert result.stdout.startswith("verified: 12 commit(s) checked, manifest version 6, no problems")
    signed_commit(governed, rex, {CANON: "name: Elena Voss\nstatus: alive\n"})
    assert [(f.rule, f.message) for f in findings(governed)] == [
        ("R3", f"actor {rex.kid[:12]} is not a collaborator in manifest version 6")]


def test_incremental_run_checks_only_new_commits(governed, keyring, cli):
    from narrative_cli.history.verify import verify

    assert verify(governed).checked == 2
    signed_commit(governed, keyring["eve"], {CANON: "name: Elena\n"}, action="create")
    again = verify(governed)
    assert (again.ok, again.checked, again.cached) == (True, 1, True)
    assert verify(governed, full=True).checked == 3


def test_failures_name_commit_rule_actor_role_manifest_and_path(governed, keyring, cli):
    bad = signed_commit(governed, keyring["vic"], {CANON: "name: Elena\n"}, action="create")
    result = cli("verify", cwd=governed)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{bad[:10]} R6 kid={keyring['vic'].kid[:12]} role=VIEWER manifest=2 path={CANON}: "
        "create: edit needs EDITOR or OWNER",
        "FAILED: 1 problem(s); 3 commit(s) checked"]
    data = json.loads(cli("verify", "--format", "json", cwd=governed).stdout)
    assert data["ok"] is False
    assert data["findings"] == [{"commit": bad, "rule": "R6", "kid": keyring["vic"].kid, "role": "VIEWER",
                                 "manifest_version": 2, "path": CANON,
                                 "message": "create: edit needs EDITOR or OWNER"}]


def test_project_without_manifest_says_nothing_is_enforced(example, cli):
    result = cli("verify", cwd=example)
    assert result.exit_code == 0
    assert result.stdout.strip() == "no manifest.yaml: nothing is enforced (run `narrative manifest init` to adopt one)"


def test_pinned_genesis_mismatch_is_R8(governed, monkeypatch):
    monkeypatch.setenv("NARRATIVE_GENESIS_COMMIT", "0" * 40)
    found = findings(governed)
    assert [f.rule for f in found] == ["R8"]
    monkeypatch.setenv("NARRATIVE_GENESIS_COMMIT", git(governed, "rev-list", "--max-parents=0", "HEAD").strip())
    assert findings(governed) == []


def test_merge_with_hand_made_changes_is_R9(governed, keyring):
    git(governed, "checkout", "-qb", "topic")
    topic = signed_commit(governed, keyring["eve"], {CANON: "name: Elena\n"}, action="create")
    git(governed, "checkout", "-q", "main")
    main = signed_commit(governed, keyring["ada"], {"canon/characters/reyes.yaml": "name: Reyes\n"}, action="create")
    git(governed, "merge", "-q", "--no-ff", "--no-commit", topic)
    (governed / "canon/characters/extra.yaml").write_text("name: Extra\n")
    git(governed, "add", "-A")
    git(governed, "commit", "-qm", "merge with extras")
    assert main != head(governed)
    assert [f.rule for f in findings(governed)] == ["R9"]


def test_manifest_project_id_must_match_narrative_yaml_identifier(governed, keyring):
    config = (governed / "narrative.yaml").read_text()
    start = config.index("urn:uuid:")
    forged = config[:start] + "urn:uuid:00000000-0000-4000-8000-000000000000" + config[start + 45:]
    signed_commit(governed, keyring["ada"], {"narrative.yaml": forged})
    found = findings(governed)
    assert [(f.rule, f.path) for f in found] == [("R8", "narrative.yaml")]


def test_merge_rule_still_applies_to_commits_cached_on_their_branch(governed, keyring):
    from narrative_cli.history.verify import verify

    from tests.history.test_attacks import forge_merge as merge

    git(governed, "checkout", "-qb", "old")
    eve_commit = signed_commit(governed, keyring["eve"], {CANON: "name: Elena\n"}, action="create")
    assert verify(governed).ok  # caches the branch, including Eve's commit
    git(governed, "checkout", "-q", "main")
    collabs = [c for c in with_members(governed) if c["kid"] != keyring["eve"].kid]
    main = new_version(governed, [keyring["ada"]], collaborators=collabs)
    merge(governed, main, eve_commit)
    assert [f.rule for f in verify(governed).findings] == ["R9"]


def test_unsafe_tree_entries_are_R11(governed, keyring):
    import os

    from narrative_cli.history.audit import commit_signed
    from narrative_cli.trust.gate import current_manifest

    signed_commit(governed, keyring["ada"], {"canon/characters/elena.yaml": "name: elena\n",
                                             "canon/characters/Elena.yaml": "name: Elena\n",
                                             "manuscript/big.md": "x" * (1024 * 1024 + 1)})
    os.symlink("/etc/passwd", governed / "canon/characters/link.yaml")
    manifest = current_manifest(governed)
    commit_signed(governed, ["canon/characters/link.yaml"], "link", "edit", None, [], keyring["ada"].signer,
                  manifest.project_id, manifest.version)
    found = {(f.rule, f.path, f.message) for f in findings(governed)}
    assert found == {
        ("R11", "canon/characters/elena.yaml", "names differ only by case: Elena.yaml and elena.yaml"),
        ("R11", "manuscript/big.md", "file is 1048577 bytes, over the 1 MiB limit"),
        ("R11", "canon/characters/link.yaml", "symbolic link"),
    }


def test_since_checks_only_later_commits(governed, keyring, cli):
    base = head(governed)
    signed_commit(governed, keyring["vic"], {CANON: "name: Elena\n"}, action="create")
    result = cli("verify", "--since", base, "--format", "json", cwd=governed)
    data = json.loads(result.stdout)
    assert (result.exit_code, data["checked"], [f["rule"] for f in data["findings"]]) == (1, 1, ["R6"])


def test_revoked_key_commits_after_last_good_fail_even_on_old_branches(governed, keyring):
    from tests.history.test_attacks import forge_merge as merge

    rex = keyring["rex"]
    new_version(governed, [keyring["ada"]], collaborators=with_members(governed, member(rex, "EDITOR")))
    good = signed_commit(governed, rex, {CANON: "name: Elena\n"}, action="create")
    git(governed, "checkout", "-qb", "stolen")
    stolen = signed_commit(governed, rex, {CANON: "name: Stolen\n"})
    git(governed, "checkout", "-q", "main")
    from narrative_cli.trust.manifest import revoked_entry

    collabs = [c for c in with_members(governed) if c["kid"] != rex.kid]
    main = new_version(governed, [keyring["ada"]], collaborators=collabs,
                       revoked=[revoked_entry(rex.kid, good).model_dump()])
    merge(governed, main, stolen)
    found = [(f.commit, f.rule, f.message) for f in findings(governed)]
    assert (stolen, "R3", f"key was revoked; its last good commit is {good[:10]}") in found
    assert {rule for _, rule, _ in found} == {"R3", "R9"}


def test_signed_but_non_canonical_manifest_is_R12(governed, keyring):
    from narrative_cli.trust import manifest as mf

    text = mf.dump(mf.bump(manifest_model(governed))).replace("version: 3\n", "version: 3  # bumped\n")
    new_version(governed, [keyring["ada"]], raw=text)
    assert [(f.rule, f.message) for f in findings(governed)] == [("R12", "manifest.yaml is not in canonical form")]


def test_shallow_clone_is_refused_with_a_hint(governed, keyring, cli, tmp_path):
    signed_commit(governed, keyring["ada"], {CANON: "name: Elena\n"}, action="create")
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{governed}", "shallow")
    result = cli("verify", cwd=tmp_path / "shallow")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "narrative: error: this is a shallow clone; verify needs the whole history",
        "  hint: git fetch --unshallow (in CI: actions/checkout with fetch-depth: 0)"]

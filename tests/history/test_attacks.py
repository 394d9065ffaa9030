"""The attack suite of issue 4: each case in a real Git repository, rejected by the rule TRUST.md names.

Cast: Ada OWNER, Eve EDITOR, Vic VIEWER (manifest version 2); Bea and Rex join where a case needs them.
"""

from __future__ import annotations

import json
import time

import pytest

from tests.trust_fixtures import (
    findings, git, head, manifest_model, member, new_version, rules_of, signed_commit, with_members,
)

CANON = "canon/characters/elena-voss.yaml"


def forge(root, key, files, declared=None, token=None, message_edit=None, version=None, action="edit"):
    """A commit built by hand: real tree and diff, but trailers/signature chosen by the attacker."""
    from narrative_cli.history import audit
    from narrative_cli.trust import jws
    from narrative_cli.trust.manifest import parse

    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    parent, tree = stage_tree(root, sorted(files))
    changes = audit.diff(root, git(root, "rev-parse", f"{parent}^{{tree}}").strip(), tree)
    manifest = parse(git(root, "show", "HEAD:manifest.yaml"))[0]
    when = int(time.time())
    version = manifest.version if version is None else version
    message = audit.message_for("forged", key.kid, action, None, declared if declared is not None else changes,
                                [], version, when)
    if message_edit:
        message = message_edit(message)
    unsigned = audit.commit_object(tree, [parent], f"x <x@example.org> {when} +0000",
                                   f"x <x@example.org> {when} +0000", message)
    body = audit.payload(manifest.project_id, tree, [parent], version, key.kid, action, changes, when, message,
                         unsigned)
    sig = token(body) if token else jws.sign(body, key.signer.private, key.kid, jws.COMMIT_TYP)
    sha = write_object(root, unsigned + f"Narrative-Signature: {sig}\n".encode())
    git(root, "update-ref", "HEAD", sha)
    git(root, "reset", "-q", "--hard")
    return sha


def stage_tree(root, paths):
    from narrative_cli.history.git import stage_tree as stage

    return stage(root, paths)


def write_object(root, raw: bytes) -> str:
    return git(root, "hash-object", "-t", "commit", "-w", "--stdin", input=raw.decode()).strip()


def ada_creates(root, keyring):
    return signed_commit(root, keyring["ada"], {CANON: "name: Elena Voss\n"}, action="create")


def forge_merge(root, first, second):
    """What a forge's merge button does: merge-tree, then an unsigned commit-tree."""
    tree = git(root, "merge-tree", "--write-tree", first, second).split()[0]
    sha = git(root, "commit-tree", tree, "-p", first, "-p", second, "-m", "Merge pull request #1").strip()
    git(root, "update-ref", "HEAD", sha)
    git(root, "reset", "-q", "--hard")
    return sha


def test_viewer_plain_git_commit_is_R1(governed):
    (governed / CANON).write_text("name: Elena\n")
    git(governed, "add", "-A")
    git(governed, "commit", "-qm", "just a git commit")
    found = findings(governed)
    assert [(f.rule, f.message) for f in found] == [("R1", "signature trailer missing")]


def test_viewer_signing_with_patched_cli_is_R6(governed, keyring):
    signed_commit(governed, keyring["vic"], {CANON: "name: Elena\n"}, action="create")
    found = findings(governed)
    assert [(f.rule, f.role, f.path, f.message) for f in found] == [
        ("R6", "VIEWER", CANON, "create: edit needs EDITOR or OWNER")]


def test_editor_purging_canon_is_R6(governed, keyring):
    ada_creates(governed, keyring)
    signed_commit(governed, keyring["eve"], {CANON: None}, action="purge")
    assert [(f.rule, f.message) for f in findings(governed)] == [("R6", "purge: delete needs OWNER")]


def test_editor_promoting_itself_is_R6_and_R7(governed, keyring):
    new_version(governed, [keyring["eve"]], collaborators=with_members(governed, member(keyring["eve"], "OWNER")))
    found = findings(governed)
    assert {f.rule for f in found} == {"R6", "R7"}
    assert any("from distinct OWNERs of the previous version 2, found 0" in f.message for f in found)


def test_flipped_byte_in_manifest_is_R7(governed, keyring):
    from narrative_cli.trust import manifest as mf

    text = mf.dump(mf.bump(manifest_model(governed), owner_threshold=1))
    sig = mf.sign(text, keyring["ada"].signer.private, keyring["ada"].kid) + "\n"
    flipped = text.replace('name: "Eve"', 'name: "Evf"')
    assert flipped != text
    signed_commit(governed, keyring["ada"], {"manifest.yaml": flipped, "manifest.sig": sig},
                  action="manage_collaborators")
    assert rules_of(governed) == ["R7"]


def test_old_manifest_replayed_is_R7(governed, keyring):
    genesis = git(governed, "rev-list", "--max-parents=0", "HEAD").strip()
    old = {p: git(governed, "show", f"{genesis}:{p}") for p in ("manifest.yaml", "manifest.sig")}
    signed_commit(governed, keyring["ada"], old, action="manage_collaborators")
    found = findings(governed)
    assert {f.rule for f in found} == {"R7"}
    assert "version goes from 2 to 1; it must be exactly 3" in [f.message for f in found]


def test_version_jump_is_R7(governed, keyring):
    from narrative_cli.trust import manifest as mf

    jumped = mf.bump(mf.bump(manifest_model(governed)))
    new_version(governed, [keyring["ada"]], raw=mf.dump(jumped))
    assert [f.message for f in findings(governed)] == ["version goes from 2 to 4; it must be exactly 3"]


def test_history_rewrite_is_R13(governed, keyring):
    from narrative_cli.history.verify import verify

    ada_creates(governed, keyring)
    assert verify(governed).ok  # trust on first use records the head of refs/heads/main
    git(governed, "reset", "-q", "--hard", "HEAD~1")
    signed_commit(governed, keyring["ada"], {CANON: "name: Someone Else\n"}, action="create")
    found = verify(governed).findings
    assert [f.rule for f in found] == ["R13"]
    assert "history was rewritten" in found[0].message


def test_expired_manifest_is_R10(governed, keyring):
    new_version(governed, [keyring["ada"]], expires="2020-01-01T00:00:00Z")
    assert [(f.rule, f.message) for f in findings(governed)] == [
        ("R10", "manifest version 3 expired at 2020-01-01T00:00:00Z")]


def test_removed_collaborator_committing_on_top_is_R3(governed, keyring):
    collabs = [c for c in with_members(governed) if c["kid"] != keyring["eve"].kid]
    new_version(governed, [keyring["ada"]], collaborators=collabs)
    signed_commit(governed, keyring["eve"], {CANON: "name: Elena\n"}, action="create")
    found = findings(governed)
    assert [f.rule for f in found] == ["R3"]
    assert found[0].message == f"actor {keyring['eve'].kid[:12]} is not a collaborator in manifest version 3"


def test_removed_collaborator_on_old_branch_merged_is_R9(governed, keyring):
    base = head(governed)
    git(governed, "checkout", "-qb", "old")
    eve_commit = signed_commit(governed, keyring["eve"], {CANON: "name: Elena\n"}, action="create")
    git(governed, "checkout", "-q", "main")
    collabs = [c for c in with_members(governed) if c["kid"] != keyring["eve"].kid]
    main = new_version(governed, [keyring["ada"]], collaborators=collabs)
    assert base != main
    forge_merge(governed, main, eve_commit)
    found = findings(governed)
    assert [f.rule for f in found] == ["R9"]
    assert f"brings in {eve_commit[:10]}" in found[0].message


def test_forged_trailer_declaring_one_file_touching_two_is_R5(governed, keyring):
    from narrative_cli.trust.roles import PathChange

    files = {CANON: "name: Elena\n", "canon/characters/reyes.yaml": "name: Reyes\n"}
    declared = [PathChange(CANON, None, git(governed, "hash-object", "--stdin", input="name: Elena\n").strip())]
    forge(governed, keyring["eve"], files, declared=declared, action="create")
    found = findings(governed)
    assert [(f.rule, f.path) for f in found] == [("R5", "canon/characters/reyes.yaml")]


def test_signature_copied_from_another_commit_is_R4(governed, keyring):
    from narrative_cli.history.audit import parse_trailers

    first = signed_commit(governed, keyring["eve"], {CANON: "name: Elena\n"}, action="create")
    stolen = parse_trailers(git(governed, "log", "-1", "--format=%B", first)).signatures[0]
    forge(governed, keyring["eve"], {CANON: "name: Elena Voss\n"}, token=lambda body: stolen)
    found = findings(governed)
    assert [f.rule for f in found] == ["R4"]
    assert found[0].message.startswith("the signed payload")


def test_rebased_signed_commit_is_R4(governed, keyring):
    git(governed, "checkout", "-qb", "topic")
    signed_commit(governed, keyring["eve"], {CANON: "name: Elena\n"}, action="create")
    git(governed, "checkout", "-q", "main")
    signed_commit(governed, keyring["ada"], {"canon/characters/reyes.yaml": "name: Reyes\n"}, action="create")
    git(governed, "checkout", "-q", "topic")
    git(governed, "rebase", "-q", "main")
    assert [f.rule for f in findings(governed)] == ["R4"]


def test_removing_the_last_owner_is_R7(governed, keyring):
    collabs = [c for c in with_members(governed) if c["kid"] != keyring["ada"].kid]
    new_version(governed, [keyring["ada"]], collaborators=collabs)
    found = findings(governed)
    assert [(f.rule, f.message) for f in found] == [
        ("R7", "needs 1 signature(s) from distinct OWNERs of the new version 3, found 0")]


def test_dotdot_slug_is_refused_and_crafted_tree_path_is_R11(governed, keyring, cli):
    result = cli("new", "character", "Evil", "--id", "../evil", cwd=governed)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == "narrative: error: invalid id '../evil'"
    from narrative_cli.history import audit
    from narrative_cli.trust import jws
    from narrative_cli.trust.manifest import parse

    blob = git(governed, "hash-object", "-w", "--stdin", input="name: X\n").strip()
    inner = git(governed, "mktree", input=f"100644 blob {blob}\tevil\\name.yaml\n").strip()
    top = git(governed, "ls-tree", "HEAD")
    canon = git(governed, "rev-parse", "HEAD:canon").strip()
    listing = git(governed, "ls-tree", canon) + f"040000 tree {inner}\t..\n"
    new_canon = git(governed, "mktree", "--missing", input=listing).strip()
    tree = git(governed, "mktree", input=top.replace(canon, new_canon)).strip()
    parent = head(governed)
    changes = audit.diff(governed, f"{parent}^{{tree}}", tree)
    manifest = parse(git(governed, "show", "HEAD:manifest.yaml"))[0]
    when = int(time.time())
    msg = audit.message_for("crafted", keyring["ada"].kid, "create", None, changes, [], 2, when)
    unsigned = audit.commit_object(tree, [parent], f"x <x@example.org> {when} +0000",
                                   f"x <x@example.org> {when} +0000", msg)
    body = audit.payload(manifest.project_id, tree, [parent], 2, keyring["ada"].kid, "create", changes, when, msg,
                         unsigned)
    sig = jws.sign(body, keyring["ada"].signer.private, keyring["ada"].kid, jws.COMMIT_TYP)
    git(governed, "update-ref", "HEAD", write_object(governed, unsigned + f"Narrative-Signature: {sig}\n".encode()))
    found = findings(governed)
    assert {f.rule for f in found} == {"R11"}
    assert found[0].path == "canon/../evil\\name.yaml"


@pytest.mark.parametrize("name,body,expected", [
    ("yaml-bomb", 'a: &a ["x","x"]\nb: [*a,*a]\n', "YAML anchors and aliases are not allowed"),
    ("duplicate-keys", "schema: narrative-manifest/1\nversion: 3\nversion: 4\n", "duplicate key"),
    ("python-tag", "x: !!python/object:os.system {}\n", "tag"),
])
def test_hostile_manifest_yaml_is_R12(governed, keyring, name, body, expected):
    new_version(governed, [keyring["ada"]], raw=body)
    found = findings(governed)
    assert {f.rule for f in found} == {"R12"}
    assert expected in found[0].message.lower() or expected in found[0].message


def test_wrong_passphrase_exits_2_and_changes_nothing(governed, keyring, cli, monkeypatch):
    monkeypatch.setenv("NARRATIVE_KEY_PASSPHRASE", "not it")
    before = head(governed)
    result = cli("new", "character", "Bob", cwd=governed)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (f"narrative: error: wrong passphrase for key {keyring['ada'].kid[:12]} "
                                             "(or the key file was altered)")
    assert head(governed) == before and not (governed / "canon/characters/bob.yaml").exists()


@pytest.mark.parametrize("damage,expected", [
    (lambda text: text[: len(text) // 2], "key file is damaged (not JSON)"),
    (lambda text: json.dumps({**json.loads(text), "name": "Mallory"}), "wrong passphrase for key"),
    (lambda text: json.dumps({**json.loads(text), "kdf": {**json.loads(text)["kdf"], "m": 1024}}),
     "key file asks for argon2 m=1024, outside 65536..1048576"),
])
def test_truncated_or_edited_key_file_is_refused(governed, keyring, cli, use_key, damage, expected):
    path = use_key(keyring["ada"])
    path.write_text(damage(path.read_text()))
    result = cli("new", "character", "Bob", cwd=governed)
    assert result.exit_code == 2
    assert expected in result.stderr
    assert not (governed / "canon/characters/bob.yaml").exists()


def test_commit_dated_in_the_future_is_R10(governed, keyring):
    signed_commit(governed, keyring["eve"], {CANON: "name: Elena\n"}, action="create", when=int(time.time()) + 3600)
    assert rules_of(governed) == ["R10"]


def _token(header: dict, signature: bytes = b"sig") -> str:
    import base64

    enc = lambda raw: base64.urlsafe_b64encode(raw).rstrip(b"=").decode()  # noqa: E731
    return f"{enc(json.dumps(header).encode())}..{enc(signature)}"


@pytest.mark.parametrize("case", ["none", "HS256", "Ed448", "extra-crit"])
def test_bad_jws_is_R2(governed, keyring, case):
    import hashlib
    import hmac

    eve = keyring["eve"]
    base = {"alg": "EdDSA", "b64": False, "crit": ["b64"], "kid": eve.kid, "typ": "narrative-commit+jws"}

    def token(body):
        if case == "none":
            return _token({**base, "alg": "none"}, b"")
        if case == "HS256":
            return _token({**base, "alg": "HS256"}, hmac.new(b"k", body, hashlib.sha256).digest())
        if case == "extra-crit":
            return _token({**base, "crit": ["b64", "exp"], "exp": 1})
        from cryptography.hazmat.primitives.asymmetric.ed448 import Ed448PrivateKey
        from jwt import api_jws

        return api_jws.encode(body, Ed448PrivateKey.generate(), algorithm="EdDSA", is_payload_detached=True,
                              headers={k: v for k, v in base.items() if k != "alg"})

    forge(governed, eve, {CANON: "name: Elena\n"}, token=token, action="create")
    assert rules_of(governed) == ["R2"]


def test_ed448_public_key_is_refused_before_pyjwt():
    from cryptography.hazmat.primitives.asymmetric.ed448 import Ed448PrivateKey

    from narrative_cli.trust import jws

    private = Ed448PrivateKey.generate()
    token = jws.sign(b"x", private, "k", jws.MANIFEST_TYP)
    with pytest.raises(jws.JwsError, match="key type Ed448 is not Ed25519"):
        jws.verify(token, b"x", private.public_key(), jws.MANIFEST_TYP, "k")


def test_manifest_signature_pasted_as_commit_signature_is_R2(governed, keyring):
    line = git(governed, "show", "HEAD:manifest.sig").splitlines()[0]
    forge(governed, keyring["ada"], {CANON: "name: Elena\n"}, token=lambda body: line, action="create")
    found = findings(governed)
    assert [(f.rule, f.message) for f in found] == [
        ("R2", "JWS typ 'narrative-manifest+jws' is not narrative-commit+jws")]


def test_one_key_signing_twice_toward_threshold_two_is_R7(governed, keyring):
    ada, bea = keyring["ada"], keyring["bea"]
    new_version(governed, [ada], collaborators=with_members(governed, member(bea, "OWNER")))
    new_version(governed, [ada, bea], owner_threshold=2)
    new_version(governed, [ada, ada], expires="2030-01-01T00:00:00Z")
    found = findings(governed)
    assert [f.rule for f in found] == ["R7", "R7"]
    assert found[0].message == "needs 2 signature(s) from distinct OWNERs of the previous version 4, found 1"


def test_editor_changing_ci_workflow_is_R6(governed, keyring):
    signed_commit(governed, keyring["eve"], {".github/workflows/ci.yml": "on: push\n"})
    found = findings(governed)
    assert [(f.rule, f.path, f.message) for f in found] == [
        ("R6", ".github/workflows/ci.yml", "edit: changing this file needs OWNER")]


def test_committed_private_key_is_R11(governed, keyring):
    signed_commit(governed, keyring["ada"], {"assets/backup.json": keyring["ada"].text})
    found = findings(governed)
    assert [(f.rule, f.message) for f in found] == [("R11", "a private key is committed")]

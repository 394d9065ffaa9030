"""verify judges history by its shape, not by parent order (issue 13, TRUST.md "The shape rule").

Cast as in test_attacks: Ada OWNER, Eve EDITOR, Vic VIEWER (manifest version 2). Every merge shape is
built in both parent orders, as a forge's merge button builds it (merge-tree, then commit-tree).
"""

from __future__ import annotations

import re

import pytest

from tests.trust_fixtures import (
    findings, git, head, manifest_model, member, new_version, rules_of, signed_commit, with_members,
)

CANON = "canon/characters/elena-voss.yaml"
SCENE_CHAPTER = "manuscript/01-chapter-one/chapter.yaml"


def merge(root, *parents: str) -> str:
    """An unsigned merge commit of `parents` (in that order) with the tree git's merge makes."""
    tree = git(root, "merge-tree", "--write-tree", *parents[:2]).split()[0]
    args = ["commit-tree", tree]
    for parent in parents:
        args += ["-p", parent]
    sha = git(root, *args, "-m", "Merge").strip()
    git(root, "update-ref", "HEAD", sha)
    git(root, "reset", "-q", "--hard")
    return sha


def at(root, sha: str) -> None:
    git(root, "update-ref", "HEAD", sha)
    git(root, "reset", "-q", "--hard")


def without(root, key) -> list[dict]:
    return [c.model_dump() for c in manifest_model(root).collaborators if c.kid != key.kid]


def fork_and_change(root, keyring, main_change) -> tuple[str, str]:
    """(main tip after `main_change`, branch tip with Eve's edit made on a branch forked before it)."""
    signed_commit(root, keyring["ada"], {CANON: "name: Elena Voss\n"}, action="create")
    fork = head(root)
    main_change(root)
    main = head(root)
    at(root, fork)
    signed_commit(root, keyring["eve"], {CANON: "name: Elena Voss\nstatus: dead\n"})
    return main, head(root)


REMOVED = {
    "removed": lambda root, k: new_version(root, [k["ada"]], collaborators=without(root, k["eve"])),
    "demoted": lambda root, k: new_version(root, [k["ada"]], collaborators=with_members(
        root, member(k["eve"], "VIEWER"))),
    "descoped": lambda root, k: new_version(root, [k["ada"]], collaborators=with_members(
        root, member(k["eve"], "EDITOR", ["manuscript/**"]))),
}


@pytest.mark.parametrize("how", sorted(REMOVED))
@pytest.mark.parametrize("order", ["main-first", "branch-first"])
def test_a_key_taken_away_cannot_merge_in_older_work(governed, keyring, how, order):
    main, branch = fork_and_change(governed, keyring, lambda root: REMOVED[how](root, keyring))
    parents = (main, branch) if order == "main-first" else (branch, main)
    merged = merge(governed, *parents)
    found = [f for f in findings(governed) if f.rule == "R9"]
    assert found, f"{how} collaborator's branch work merged {order} was accepted"
    assert all(f.commit == merged for f in found)
    assert found[0].kid == keyring["eve"].kid
    assert found[0].manifest == 3


@pytest.mark.parametrize("order", ["main-first", "branch-first"])
def test_work_beside_an_unrelated_manifest_change_still_verifies(governed, keyring, order):
    bea = keyring["bea"]
    main, branch = fork_and_change(governed, keyring, lambda root: new_version(
        root, [keyring["ada"]], collaborators=with_members(root, member(bea, "EDITOR"))))
    merge(governed, *((main, branch) if order == "main-first" else (branch, main)))
    assert rules_of(governed) == []


def test_work_done_before_the_removal_stays_valid(governed, keyring):
    signed_commit(governed, keyring["eve"], {CANON: "name: Elena Voss\n"}, action="create")
    new_version(governed, [keyring["ada"]], collaborators=without(governed, keyring["eve"]))
    assert rules_of(governed) == []


def test_criss_cross_merges_cannot_launder_it(governed, keyring):
    main, branch = fork_and_change(governed, keyring, lambda root: REMOVED["removed"](root, keyring))
    one = merge(governed, main, branch)
    two = merge(governed, branch, main)
    merge(governed, one, two)
    assert {f.commit for f in findings(governed) if f.rule == "R9"} >= {one, two}


def test_octopus_merge_is_refused(governed, keyring):
    main, branch = fork_and_change(governed, keyring, lambda root: REMOVED["removed"](root, keyring))
    at(governed, main)
    signed_commit(governed, keyring["ada"], {"canon/characters/third.yaml": "name: Third\n"}, action="create")
    merge(governed, head(governed), branch, main)
    assert "R9" in rules_of(governed)


@pytest.fixture
def adopted_late(tmp_path, keyring, use_key):
    """A project that lived unsigned for a while, then ran `manifest init`: (root, its first commit)."""
    from narrative_cli.ops.init import create_project
    from narrative_cli.ops.manifest import run
    from narrative_cli.trust.collab import adopt

    root = create_project(tmp_path / "late", "Late", "Ada")  # no key in $NARRATIVE_HOME yet: unsigned
    first = head(root)
    (root / CANON).write_text("name: Elena Voss\n")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "plain work before the manifest")
    use_key(keyring["ada"])
    run(root, adopt)
    return root, first


@pytest.mark.parametrize("order", ["main-first", "branch-first"])
def test_unsigned_work_from_before_the_manifest_cannot_be_merged_in(adopted_late, order):
    root, first = adopted_late
    main = head(root)
    assert rules_of(root) == []  # the history before adoption is accepted as it is
    at(root, first)
    (root / ".github" / "workflows").mkdir(parents=True)
    (root / ".github" / "workflows" / "steal.yml").write_text("on: push\n")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "an owner-only file, unsigned")
    branch = head(root)
    merge(root, *((main, branch) if order == "main-first" else (branch, main)))
    found = findings(root)
    assert [f.commit for f in found if f.rule == "R1"] == [branch]


# --- the whole commit is signed -------------------------------------------------------------------

def remake(root, sha: str, edit) -> str:
    """The commit object rewritten by `edit(raw_text) -> raw_text`, made HEAD."""
    raw = git(root, "cat-file", "commit", sha)
    forged = git(root, "hash-object", "-t", "commit", "-w", "--stdin", input=edit(raw)).strip()
    git(root, "update-ref", "HEAD", forged)
    return forged


def signature_line(raw: str) -> str:
    return next(line for line in raw.split("\n") if line.startswith("Narrative-Signature: "))


TAMPERS = {
    "author name": lambda raw: re.sub(r"^author [^<]*<", "author Mallory <", raw, count=1, flags=re.M),
    "author time zone": lambda raw: raw.replace(" +0000\ncommitter", " +0200\ncommitter", 1),
    "committer": lambda raw: re.sub(r"^committer [^<]*<", "committer Mallory <", raw, count=1, flags=re.M),
    "summary": lambda raw: raw.replace("change", "chang3", 1),
    "extra signature line before": lambda raw: raw.replace(
        "Narrative-Signature: ", "Narrative-Signature: extra\nNarrative-Signature: ", 1),
    "extra signature line after": lambda raw: raw + signature_line(raw) + "\n",
    "line after the signature": lambda raw: raw + "Reviewed-by: someone\n",
    "gpgsig header": lambda raw: raw.replace("\ncommitter", "\ngpgsig x\ncommitter", 1),
}


@pytest.mark.parametrize("what", sorted(TAMPERS))
def test_any_change_to_a_signed_commit_fails(governed, keyring, what):
    sha = signed_commit(governed, keyring["ada"], {CANON: "name: Elena Voss\n"}, action="create")
    assert rules_of(governed) == []
    forged = remake(governed, sha, TAMPERS[what])
    assert forged != sha
    rules = {f.rule for f in findings(governed) if f.commit == forged}
    assert rules & {"R1", "R4"}, f"{what}: {rules}"


def test_format_one_signatures_still_verify(governed, keyring):
    """Commits signed before the whole object was covered (format 1) keep verifying."""
    import time

    from narrative_cli.history import audit
    from narrative_cli.history.git import stage_tree, tree_of
    from narrative_cli.trust import jws
    from narrative_cli.trust.manifest import parse

    (governed / CANON).write_text("name: Elena Voss\n")
    parent, tree = stage_tree(governed, [CANON])
    changes = audit.diff(governed, tree_of(governed, parent), tree)
    manifest = parse(git(governed, "show", "HEAD:manifest.yaml"))[0]
    when, kid = int(time.time()), keyring["ada"].kid
    message = audit.message_for("old style", kid, "create", None, changes, [], manifest.version, when)
    body = audit.payload(manifest.project_id, tree, [parent], manifest.version, kid, "create", changes, when, message)
    message += f"Narrative-Signature: {jws.sign(body, keyring['ada'].signer.private, kid, jws.COMMIT_TYP)}\n"
    stamp = f"Ada <ada@example.org> {when} +0000"
    raw = audit.commit_object(tree, [parent], stamp, stamp, message).decode()
    at(governed, git(governed, "hash-object", "-t", "commit", "-w", "--stdin", input=raw).strip())
    assert rules_of(governed) == []


@pytest.mark.parametrize("order", ["main-first", "branch-first"])
def test_a_push_of_the_merge_is_judged_like_the_whole_history(governed, keyring, order):
    """The pre-receive hook verifies only the pushed commits (since the old tip): same verdict."""
    main, branch = fork_and_change(governed, keyring, lambda root: REMOVED["removed"](root, keyring))
    merged = merge(governed, *((main, branch) if order == "main-first" else (branch, main)))
    assert any(f.rule == "R9" and f.commit == merged for f in findings(governed, since=main))

"""The merge rule (R9) and the shape rule: history is judged by its shape, never by parent order.

An unsigned merge commit passes only when `git merge-tree --write-tree P1 P2`
reproduces its tree exactly (so the merge itself added nothing). And a merge
joins lines of work that did not see each other: every commit on one side
must be allowed by every manifest version made on the other side, so a key
removed, demoted, descoped or revoked there cannot slip in a change written
on a branch forked before (TRUST.md "The shape rule"). Both sides are judged
the same way, so merging main into a branch and fast-forwarding is no way round.
"""

from __future__ import annotations

from narrative_cli.history import gitbatch
from narrative_cli.history.audit import parse_trailers
from narrative_cli.history.rules import Context, Finding
from narrative_cli.trust import roles
from narrative_cli.trust.manifest import MANIFEST


def check_merges(history, ctx: Context) -> list[Finding]:
    findings = []
    for sha in history.order:
        commit = history.commits[sha]
        if len(commit.parents) < 2:
            continue
        merged_manifest, _ = history.manifest(history.manifest_blob.get(sha))
        if merged_manifest is None and not any(history.manifest_blob.get(p) for p in commit.parents):
            continue  # not governed on any side: the genesis rule judges it
        version = merged_manifest.version if merged_manifest else None
        if len(commit.parents) != 2:
            findings.append(Finding(sha, "R9", "octopus merges are not verifiable", manifest=version))
        elif gitbatch.merge_tree(history.root, *commit.parents) != commit.tree:
            findings.append(Finding(sha, "R9", "tree differs from `git merge-tree` of its parents "
                                    "(a conflict resolved by hand, or changes added in the merge)", manifest=version))
        findings += _joined(history, commit)
    return findings


def _joined(history, merge) -> list[Finding]:
    """Each side's commits against the manifest versions made on the other sides."""
    sides = [_side(history, parent, [p for p in merge.parents if p != parent]) for parent in merge.parents]
    made = [[(c.sha, m) for c in side if (m := _manifest_made(history, c)) is not None] for side in sides]
    findings = []
    for i, side in enumerate(sides):
        others = [pair for j, pairs in enumerate(made) if j != i for pair in pairs]
        for commit in side if others else []:
            for at, manifest in others:
                findings += _allowed(history, merge, commit, at, manifest)
    return findings


def _side(history, tip: str, others: list[str]) -> list:
    """Commits reachable from `tip` and from none of `others`, read even when an earlier run cached
    them (they were verified on their branch, but not yet against what this merge joins them to)."""
    shas = gitbatch.rev_list(history.root, tip, others)
    missing = [sha for sha in shas if sha not in history.commits]
    if missing:
        extra = gitbatch.read_commits(history.root, missing)
        gitbatch.attach_diffs(history.root, extra)
        history.commits.update(extra)
    return [history.commits[sha] for sha in shas]


def _manifest_made(history, commit):
    """The manifest a non-merge commit introduces (a new version), or None."""
    if len(commit.parents) > 1:
        return None
    change = next((c for c in commit.changes if c.path == MANIFEST and c.new), None)
    return history.load_manifest(change.new) if change else None


def _allowed(history, merge, commit, at: str, manifest) -> list[Finding]:
    if len(commit.parents) != 1 or history.manifest_blob.get(commit.parents[0], "unknown") is None:
        return []  # a merge (judged by its own sides), or made before the project adopted a manifest
    record = parse_trailers(commit.message)
    where = f"brings in {commit.sha[:10]}, made beside manifest version {manifest.version} ({at[:10]}):"
    collab = manifest.find(record.actor or "")
    if collab is None or record.actor in manifest.revoked():
        return [Finding(merge.sha, "R9", f"{where} its signer {str(record.actor)[:12]} is not a collaborator there",
                        kid=record.actor, manifest=manifest.version)]
    return [Finding(merge.sha, "R9", f"{where} {roles.describe(missing)}", kid=record.actor, role=collab.role,
                    manifest=manifest.version, path=path)
            for path, missing in roles.denials(collab.role, collab.scopes, record.action or "edit", commit.changes)]

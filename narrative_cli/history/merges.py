"""The merge rule (R9): what a forge's merge button makes verifies; anything else must be signed work.

An unsigned merge commit passes only when `git merge-tree --write-tree P1 P2`
reproduces its tree exactly (so the merge itself added nothing), and every
commit it brings in is allowed by the manifest *at the merge*: a
collaborator removed since they wrote it on an old branch cannot slip it in.
"""

from __future__ import annotations

from narrative_cli.history import gitbatch
from narrative_cli.history.audit import parse_trailers
from narrative_cli.history.rules import Context, Finding
from narrative_cli.trust import roles


def check_merges(history, ctx: Context) -> list[Finding]:
    findings = []
    for sha in history.order:
        commit = history.commits[sha]
        if len(commit.parents) < 2:
            continue
        merged_manifest, _ = history.manifest(history.manifest_blob.get(sha))
        first_manifest, _ = history.manifest(history.manifest_blob.get(commit.parents[0]))
        if merged_manifest is None and first_manifest is None:
            continue  # not governed on either side
        version = merged_manifest.version if merged_manifest else None
        if len(commit.parents) != 2:
            findings.append(Finding(sha, "R9", "octopus merges are not verifiable", manifest=version))
            continue
        if gitbatch.merge_tree(history.root, *commit.parents) != commit.tree:
            findings.append(Finding(sha, "R9", "tree differs from `git merge-tree` of its parents "
                                    "(a conflict resolved by hand, or changes added in the merge)", manifest=version))
        if merged_manifest is not None:
            findings += _brought_in(history, commit, merged_manifest)
    return findings


def _brought_in_commits(history, merge) -> list:
    """Commits reachable from the second parent and not the first, read even when an earlier run
    cached them (they were verified on their branch, but not yet against this merge's manifest)."""
    shas = gitbatch.rev_list(history.root, merge.parents[1], [merge.parents[0]])
    missing = [sha for sha in shas if sha not in history.commits]
    if missing:
        extra = gitbatch.read_commits(history.root, missing)
        gitbatch.attach_diffs(history.root, extra)
        history.commits.update(extra)
    return [history.commits[sha] for sha in shas]


def _brought_in(history, merge, manifest) -> list[Finding]:
    """Each commit reachable from the second parent but not the first must be allowed by `manifest`."""
    findings = []
    for commit in _brought_in_commits(history, merge):
        sha = commit.sha
        if len(commit.parents) > 1 or not commit.parents:
            continue
        if history.manifest_blob.get(commit.parents[0], "unknown") is None:
            continue  # made before the project adopted a manifest
        record = parse_trailers(commit.message)
        collab = manifest.find(record.actor or "")
        if collab is None or (record.actor in manifest.revoked()):
            findings.append(Finding(merge.sha, "R9", f"brings in {sha[:10]} by {str(record.actor)[:12]}, "
                                    f"who is not a collaborator in manifest version {manifest.version}",
                                    kid=record.actor, manifest=manifest.version))
            continue
        for path, missing in roles.denials(collab.role, collab.scopes, record.action or "edit", commit.changes):
            findings.append(Finding(merge.sha, "R9", f"brings in {sha[:10]}: {roles.describe(missing)}",
                                    kid=record.actor, role=collab.role, manifest=manifest.version, path=path))
    return findings

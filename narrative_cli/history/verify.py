"""`narrative verify`: prove the history follows the manifest, or name what broke it.

Plan of a run (a fixed number of git processes, whatever the history size):
rev-list -> commit objects -> diffs -> manifest blob ids -> the blobs and
trees the rules need; then pure-Python rules per commit (rules.py), the merge
rule, and the checks on the head (R8, R10, R13) against the trusted state.
"""

from __future__ import annotations

import time as _time
from dataclasses import dataclass, field
from pathlib import Path

from narrative_cli.errors import NarrativeError
from narrative_cli.history import gitbatch, trust_state
from narrative_cli.history.gitbatch import Commit
from narrative_cli.history.rules import Context, Finding, ManifestStep, check_commit
from narrative_cli.trust.manifest import MANIFEST, SIGNATURES, Manifest, parse


@dataclass
class Report:
    head: str | None
    enforced: bool
    checked: int = 0
    cached: bool = False
    manifest_version: int | None = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings

    def summary(self) -> str:
        if not self.enforced:
            return "no manifest.yaml: nothing is enforced (run `narrative manifest init` to adopt one)"
        what = f"{self.checked} commit(s) checked" + (" (others verified earlier, from cache)" if self.cached else "")
        if self.ok:
            return f"verified: {what}, manifest version {self.manifest_version}, no problems"
        return f"FAILED: {len(self.findings)} problem(s); {what}"

    def to_json(self) -> dict:
        return {"ok": self.ok, "enforced": self.enforced, "head": self.head, "checked": self.checked,
                "cached": self.cached, "manifest_version": self.manifest_version,
                "findings": [f.to_json() for f in self.findings]}


class History:
    """Everything fetched for one run; manifests parsed once per blob id."""

    def __init__(self, root: Path, shas: list[str]):
        self.root = root
        self.order = shas
        self.commits = gitbatch.read_commits(root, shas)
        gitbatch.attach_diffs(root, self.commits)
        self.parsed: dict[str, tuple[Manifest | None, list[str]]] = {}
        self.blobs: dict[str, bytes] = {}
        self.manifest_blob: dict[str, str | None] = {}
        self._resolve_manifest_blobs()

    def _resolve_manifest_blobs(self) -> None:
        outside = {p for c in self.commits.values() for p in c.parents if p not in self.commits}
        merges = [c.sha for c in self.commits.values() if len(c.parents) > 1]
        names = [f"{sha}:{MANIFEST}" for sha in sorted(outside) + merges]
        found = gitbatch.cat_sizes(self.root, names)
        for sha in sorted(outside) + merges:
            hit = found.get(f"{sha}:{MANIFEST}")
            self.manifest_blob[sha] = hit[0] if hit and hit[1] == "blob" else None
        for sha in self.order:
            commit = self.commits[sha]
            if len(commit.parents) > 1:
                continue
            own = next((c for c in commit.changes if c.path == MANIFEST), None)
            parent = self.manifest_blob.get(commit.parents[0]) if commit.parents else None
            self.manifest_blob[sha] = own.new if own else parent

    def manifest(self, blob: str | None) -> tuple[Manifest | None, list[str]]:
        if blob is None:
            return None, []
        if blob not in self.parsed:
            text = self.blobs.get(blob, b"").decode("utf-8", "replace")
            self.parsed[blob] = parse(text)
        return self.parsed[blob]

    def load_manifest(self, blob: str) -> Manifest | None:
        """A manifest by blob id, fetched if this run has not read it yet."""
        if blob not in self.blobs:
            got = gitbatch.cat_batch(self.root, [blob]).get(blob)
            self.blobs[blob] = got[1] if got and got[0] == "blob" else b""
        return self.manifest(blob)[0]

    def fetch(self) -> tuple[dict[str, int], dict[str, list[str]], dict[str, str]]:
        """Blob sizes, directory listings for added paths, and manifest.sig texts; fills self.blobs."""
        new_blobs = {c.new for commit in self.commits.values() for c in commit.changes if c.new}
        wanted = new_blobs | {b for b in self.manifest_blob.values() if b}
        sizes = {sha: hit[2] for sha, hit in gitbatch.cat_sizes(self.root, sorted(wanted)).items() if hit}
        small = [sha for sha in sorted(wanted) if sizes.get(sha, 0) <= 1024 * 1024]
        sig_names = [f"{c.sha}:{SIGNATURES}" for c in self.commits.values()
                     if any(ch.path == MANIFEST for ch in c.changes)]
        dirs = sorted({f"{c.sha}:{ch.path.rpartition('/')[0]}" for c in self.commits.values()
                       for ch in c.changes if ch.old is None and ch.new and "\n" not in ch.path})
        got = gitbatch.cat_batch(self.root, small + sig_names + dirs)
        for sha in small:
            if got.get(sha):
                self.blobs[sha] = got[sha][1]
        sigs = {n.split(":")[0]: got[n][1].decode("utf-8", "replace") for n in sig_names if got.get(n)}
        listing = {n: gitbatch.tree_names(got[n][1]) for n in dirs if got.get(n) and got[n][0] == "tree"}
        return sizes, listing, sigs


def verify(root: Path, rev: str = "HEAD", full: bool = False, since: str | None = None,
           now: int | None = None, ref: str | None = None) -> Report:
    """Verify `rev`; `ref` names the branch it is the head of (for R13) when `rev` is a bare sha."""
    head = _resolve(root, rev)
    if head is None:
        return Report(None, False)
    if gitbatch.run(root, ["rev-parse", "--is-shallow-repository"]).strip() == b"true":
        raise NarrativeError("this is a shallow clone; verify needs the whole history",
                             hint="git fetch --unshallow (in CI: actions/checkout with fetch-depth: 0)")
    cache = trust_state.load_cache(root)
    at_head = gitbatch.cat_batch(root, [f"{head}:{MANIFEST}", f"{head}:narrative.yaml"])
    head_blob = at_head.get(f"{head}:{MANIFEST}")
    head_text = head_blob[1] if head_blob and head_blob[0] == "blob" else None
    head_manifest = parse(head_text.decode("utf-8", "replace"))[0] if head_text else None
    revoked = head_manifest.revoked() if head_manifest else {}
    context = trust_state.context_key(revoked)
    use_cache = not full and not since and cache.context == context and cache.tips
    exclude = [since] if since else (cache.tips if use_cache else [])
    present = gitbatch.cat_sizes(root, exclude)
    shas = gitbatch.rev_list(root, head, [t for t in exclude if present.get(t)])
    history = History(root, shas)
    sizes, listing, sigs = history.fetch()
    ctx = Context(history.blobs, sizes, listing, now or int(_time.time()), revoked,
                  _revoked_ancestors(root, revoked, history))
    report = Report(head, head_text is not None or any(history.manifest_blob.values()), len(shas), bool(use_cache))
    geneses = _check_commits(history, ctx, sigs, report)
    from narrative_cli.history.merges import check_merges

    report.findings += check_merges(history, ctx)
    genesis = geneses[0] if geneses else cache.genesis
    report.findings += _outside_genesis(root, history, genesis)
    _check_identifier(head, head_manifest, at_head.get(f"{head}:narrative.yaml"), report)
    _check_head(root, ref or _refname(root, rev), head, head_manifest, head_text is not None, genesis, geneses,
                ctx, report, since)
    if report.ok and report.enforced and not since:
        trust_state.save_cache(root, trust_state.Cache(context, [t for t in cache.tips if t != head] + [head]
                                                       if use_cache else [head], genesis))
    return report


def _resolve(root: Path, rev: str) -> str | None:
    try:
        return gitbatch.run(root, ["rev-parse", "-q", "--verify", f"{rev}^{{commit}}"]).decode().strip() or None
    except NarrativeError:
        if rev == "HEAD":
            return None
        raise NarrativeError(f"no such revision: {rev}") from None


def _refname(root: Path, rev: str) -> str:
    try:
        return gitbatch.run(root, ["rev-parse", "--symbolic-full-name", rev]).decode().strip()
    except NarrativeError:
        return ""


def _revoked_ancestors(root: Path, revoked: dict[str, str], history: History) -> dict[str, set[str]]:
    """For each revoked kid that signed something in this run, the commits up to its last good one."""
    from narrative_cli.history.audit import parse_trailers

    if not revoked:
        return {}
    actors = {parse_trailers(c.message).actor for c in history.commits.values()}
    out = {}
    for kid, last_good in revoked.items():
        if kid in actors:
            try:
                out[kid] = set(gitbatch.run(root, ["rev-list", last_good]).decode().split())
            except NarrativeError:
                out[kid] = set()
    return out


def _check_commits(history: History, ctx: Context, sigs: dict[str, str], report: Report) -> list[str]:
    geneses = []
    for sha in history.order:
        commit = history.commits[sha]
        if len(commit.parents) > 1:
            continue
        parent_blob = history.manifest_blob.get(commit.parents[0]) if commit.parents else None
        own_blob = history.manifest_blob.get(sha)
        if parent_blob is None and own_blob is None:
            continue  # before the project adopted a manifest: nothing to enforce
        genesis = parent_blob is None
        judging, problems = history.manifest(own_blob if genesis else parent_blob)
        step = _step(history, commit, sigs)
        if judging is None:
            if genesis:
                report.findings.append(Finding(sha, "R12", f"invalid genesis manifest: {problems[:1]}",
                                               path=MANIFEST))
            continue
        if genesis:
            geneses.append(sha)
        report.findings += check_commit(commit, judging, step, ctx, genesis)
    return geneses


def _outside_genesis(root: Path, history: History, genesis: str | None) -> list[Finding]:
    """R1 for commits no manifest governs that are not ancestors of the genesis commit: plain git work
    from a branch forked before the manifest (or from another root), merged in after it."""
    if genesis is None:
        return []
    loose = [sha for sha in history.order if _ungoverned(history, history.commits[sha])]
    if not loose:
        return []
    before = set(gitbatch.rev_list(root, genesis, []))
    return [Finding(sha, "R1", f"signature trailer missing: not signed, and not in the history before the "
                               f"manifest was adopted ({genesis[:10]})") for sha in loose if sha not in before]


def _ungoverned(history: History, commit: Commit) -> bool:
    return history.manifest_blob.get(commit.sha) is None and not any(
        history.manifest_blob.get(p) for p in commit.parents)


def _step(history: History, commit: Commit, sigs: dict[str, str]) -> ManifestStep:
    change = next((c for c in commit.changes if c.path == MANIFEST), None)
    if change is None or change.new is None:
        return ManifestStep()
    new, problems = history.manifest(change.new)
    return ManifestStep(new, problems, history.blobs.get(change.new, b""), sigs.get(commit.sha, ""))


def _check_identifier(head: str, manifest: Manifest | None, config, report: Report) -> None:
    """R8: the manifest's project_id must be the project's own identifier (narrative.yaml)."""
    from narrative_cli.store.yamlio import load_yaml

    if manifest is None or config is None:
        return
    data = load_yaml(config[1].decode("utf-8", "replace"), "narrative.yaml").data
    ident = data.get("identifier") if isinstance(data, dict) else None
    if ident != manifest.project_id:
        report.findings.append(Finding(head, "R8", f"manifest project_id {manifest.project_id} differs from "
                                       f"narrative.yaml identifier {ident}", manifest=manifest.version,
                                       path="narrative.yaml"))


def _check_head(root: Path, ref: str, head: str, manifest: Manifest | None, has_manifest: bool, genesis: str | None,
                geneses: list[str], ctx: Context, report: Report, since: str | None) -> None:
    """R8 (pins), R10 (expiry) and R13 (rollback or rewrite against the trusted state)."""
    if not has_manifest or manifest is None:
        if has_manifest:
            report.findings.append(Finding(head, "R12", "manifest.yaml at the head is not valid", path=MANIFEST))
        return
    report.manifest_version = manifest.version
    add = lambda rule, msg: report.findings.append(Finding(head, rule, msg, manifest=manifest.version))  # noqa: E731
    if manifest.expires_at().timestamp() < ctx.now:
        add("R10", f"manifest version {manifest.version} expired at {manifest.model.expires}")
    if len(geneses) > 1:
        add("R8", f"more than one genesis manifest in history: {', '.join(g[:10] for g in geneses)}")
    pinned_id, pinned_genesis, record = trust_state.pins(manifest.project_id)
    if pinned_id and pinned_id != manifest.project_id:
        add("R8", f"project_id {manifest.project_id} differs from the pinned {pinned_id}")
    if pinned_genesis and genesis and pinned_genesis != genesis:
        add("R8", f"genesis commit {genesis[:10]} differs from the pinned {pinned_genesis[:10]}")
    seen = (record or {}).get("heads", {}).get(ref) if ref else None
    if isinstance(seen, dict):
        if int(seen.get("version", 0)) > manifest.version:
            add("R13", f"manifest version {manifest.version} is lower than the trusted {seen['version']} of {ref}")
        last = str(seen.get("head", ""))
        if last and not gitbatch.is_ancestor(root, last, head):
            add("R13", f"history was rewritten: the trusted head {last[:10]} of {ref} is not an ancestor of "
                       f"{head[:10]}")
    if report.ok and not since:
        trust_state.save_trust(manifest.project_id, genesis, manifest.version, ref, head)

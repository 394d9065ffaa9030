"""`narrative progress`: words written per day, week and author, read from the Git history.

Each commit's net words are the words of the scenes it leaves minus the words
of the scenes it found (the first parent; a root commit against nothing), by the
one word counter (wordcount.py) over the prose as the book prints it: no scene
card, no <!-- notes -->, a soft-deleted scene counts nothing. Merges add no
words of their own (their branches' commits already did). A move or a rename
is the same blob leaving and arriving: zero.

Incremental: each commit's number and each blob's word count are cached in
.narrative/progress-cache.json (gitignored); a run asks git for the commit list
(one process), then diffs and reads only commits it has not seen. Nothing here
loads the project: narrative.yaml is read for its three numbers only.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from narrative_cli.history import gitbatch

CACHE_FILE = ".narrative/progress-cache.json"
CACHE_VERSION = 1
PACE_DAYS = 28  # the recent pace a projection extends
COMMENT = re.compile(r"[ \t]*<!--(?:-?>|.*?-->)", re.S)


@dataclass
class CommitWords:
    sha: str
    time: int
    day: str  # the author's own calendar day, YYYY-MM-DD
    author: str
    words: int  # net words this commit added to the manuscript


def history_words(root: Path) -> list[CommitWords]:
    """Every commit reachable from HEAD, oldest first, with its net words (cached)."""
    cache = _read_cache(root)
    listing = _commit_list(root, cache)
    known, blobs = cache["commits"], cache["blobs"]
    todo = [sha for sha, _, _, _, parents in listing if sha not in known and len(parents) <= 1]
    if todo:
        known.update(_count_commits(root, todo, blobs))
    if todo or cache.get("head") != (listing[0][0] if listing else None):
        cache["head"] = listing[0][0] if listing else None
        cache["listing"] = listing
        _write_cache(root, cache)
    return [CommitWords(sha, when, day, author, known.get(sha, 0) if len(parents) <= 1 else 0)
            for sha, when, day, author, parents in reversed(listing)]


def _commit_list(root: Path, cache: dict) -> list:
    """[sha, time, day, author, parents] newest first. With HEAD unchanged the cached list is the answer;
    with HEAD moved forward only the new commits are asked for; anything else reads the whole log."""
    import subprocess

    head = subprocess.run(["git", "rev-parse", "-q", "--verify", "HEAD^{commit}"], cwd=root, capture_output=True)
    if head.returncode != 0:
        if subprocess.run(["git", "rev-parse", "--git-dir"], cwd=root, capture_output=True).returncode != 0:
            from narrative_cli.errors import NarrativeError

            raise NarrativeError("progress reads the Git history, and this project is not in a Git repository",
                                 hint="`git init && git add -A && git commit -m 'First draft'` starts one")
        return []  # a repository without a commit yet: no history, no words
    sha = head.stdout.decode("ascii").strip()
    old, listing = cache.get("head"), cache.get("listing")
    if old == sha and isinstance(listing, list):
        return listing
    if old and isinstance(listing, list) and gitbatch.is_ancestor(root, old, sha):
        return _log(root, f"{old}..{sha}") + listing
    return _log(root, sha)


def _log(root: Path, revs: str) -> list:
    out = gitbatch.run(root, ["log", "--format=%H%x1f%at%x1f%ad%x1f%an%x1f%P%x1e", "--date=short", revs, "--"])
    listing = []
    for record in out.decode("utf-8", "replace").split("\x1e"):
        fields = record.strip("\n").split("\x1f")
        if len(fields) == 5:
            sha, when, day, author, parents = fields
            listing.append([sha, int(when), day, author, parents.split()])
    return listing


def _count_commits(root: Path, shas: list[str], blobs: dict[str, int]) -> dict[str, int]:
    """sha -> net words, for commits with at most one parent; one diff-tree and one cat-file for all."""
    out = gitbatch.run(root, ["diff-tree", "--stdin", "-r", "-z", "--root", "--always", "--no-renames"],
                       ("\n".join(shas) + "\n").encode("ascii"))
    changes: dict[str, list[tuple[str | None, str | None]]] = {sha: [] for sha in shas}
    parts = out.decode("utf-8", "surrogateescape").split("\0")
    current, i = None, 0
    while i < len(parts):
        token = parts[i]
        if token.startswith(":"):
            if is_scene_path(parts[i + 1]) and current is not None:
                meta = token[1:].split()
                changes[current].append((_blob(meta[2]), _blob(meta[3])))
            i += 2
            continue
        if token.strip():
            current = token.strip()
        i += 1
    missing = sorted({b for pairs in changes.values() for pair in pairs for b in pair if b and b not in blobs})
    for name, found in gitbatch.cat_batch(root, missing).items():
        blobs[name] = scene_words(found[1]) if found else 0
    return {sha: sum(blobs.get(new, 0) - blobs.get(old, 0) for old, new in pairs) for sha, pairs in changes.items()}


def _blob(name: str) -> str | None:
    return None if name.strip("0") == "" else name


def is_scene_path(path: str) -> bool:
    parts = path.split("/")
    return len(parts) == 3 and parts[0] == "manuscript" and parts[2].endswith(".md") and parts[2][:1].isdigit()


def scene_words(data: bytes) -> int:
    """The words of one scene file as stored, counted as `stats` counts them."""
    from narrative_cli.wordcount import count_words

    text = data.decode("utf-8", "replace").replace("\r\n", "\n")
    if text.startswith("---\n"):
        end = re.search(r"^(?:---|\.\.\.)[ \t]*$", text[4:], re.M)
        if end is None:
            return 0  # an unclosed card: the loader cannot read the scene either
        card, text = text[4:4 + end.start()], text[4 + end.end():]
        if re.search(r"^deleted_at:\s*\S", card, re.M):
            return 0
    if "<!--" in text:
        text = COMMENT.sub(" ", text)
    return count_words(text)


def _read_cache(root: Path) -> dict:
    try:
        data = json.loads((root / CACHE_FILE).read_text(encoding="utf-8"))
        if data.get("version") == CACHE_VERSION and isinstance(data.get("commits"), dict) \
                and isinstance(data.get("blobs"), dict):
            return data
    except (OSError, ValueError):
        pass
    return {"version": CACHE_VERSION, "commits": {}, "blobs": {}}


def _write_cache(root: Path, data: dict) -> None:
    """Best effort: a read-only project still gets its answer, only slower next time."""
    from narrative_cli.store.files import atomic_write

    try:
        (root / ".narrative").mkdir(exist_ok=True)
        atomic_write(root / CACHE_FILE, json.dumps(data, separators=(",", ":")))
    except OSError:
        pass

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

import datetime as _dt
import json
import math
import os
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


@dataclass
class Goals:
    target: int | None = None
    deadline: _dt.date | None = None
    daily: int | None = None


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


# -- the report ----------------------------------------------------------------


def read_goals(root: Path) -> Goals:
    """word_target, progress.deadline and progress.daily from narrative.yaml (validate checks them)."""
    from narrative_cli.store.yamlio import load_yaml

    try:
        text = (root / "narrative.yaml").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return Goals()
    data = load_yaml(text, "narrative.yaml").data
    if not isinstance(data, dict):
        return Goals()
    settings = data.get("progress") if isinstance(data.get("progress"), dict) else {}
    return Goals(_positive(data.get("word_target")), _date(settings.get("deadline")), _positive(settings.get("daily")))


def _positive(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


def _date(value) -> _dt.date | None:
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    try:
        return _dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def today() -> _dt.date:
    """Today; SOURCE_DATE_EPOCH pins it (reproducible reports and tests)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return _dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc).date()
    return _dt.date.today()


def report_day(commits: list[CommitWords]) -> _dt.date:
    """The day a saved report speaks for: SOURCE_DATE_EPOCH's, else the last commit's (reproducible)."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit() or not commits:
        return today()
    return _dt.date.fromisoformat(max(commits, key=lambda c: c.time).day)


def report(commits: list[CommitWords], goals: Goals, as_of: _dt.date, author: str | None = None) -> dict:
    """Everything `progress` shows, as JSON-ready data."""
    chosen = [c for c in commits if author is None or c.author == author]
    days: dict[str, int] = {}
    for c in chosen:
        days[c.day] = days.get(c.day, 0) + c.words
    total = sum(c.words for c in commits)  # the book's words, whoever wrote them
    pace = _pace(days, as_of)
    data = {
        "as_of": as_of.isoformat(), "author": author, "words": total, "commits": len(chosen),
        "days": [{"date": d, "words": n} for d, n in sorted(days.items())],
        "weeks": _weeks(days),
        "authors": _authors(commits),
        "streak": _streak(days, as_of), "longest_streak": _longest(days),
        "today": days.get(as_of.isoformat(), 0),
        "pace": round(pace, 1),
        "target": goals.target, "deadline": goals.deadline.isoformat() if goals.deadline else None,
        "daily": goals.daily,
    }
    data.update(_projection(total, pace, goals, as_of))
    return data


def _weeks(days: dict[str, int]) -> list[dict]:
    weeks: dict[str, int] = {}
    for day, words in days.items():
        year, week, _ = _dt.date.fromisoformat(day).isocalendar()
        key = f"{year}-W{week:02d}"
        weeks[key] = weeks.get(key, 0) + words
    return [{"week": k, "words": v} for k, v in sorted(weeks.items())]


def _authors(commits: list[CommitWords]) -> list[dict]:
    found: dict[str, list[int]] = {}
    for c in commits:
        entry = found.setdefault(c.author, [0, 0, 0])
        entry[0] += c.words
        entry[1] += 1
        entry[2] = max(entry[2], c.time)
    return [{"author": a, "words": w, "commits": n} for a, (w, n, _) in
            sorted(found.items(), key=lambda item: (-item[1][0], item[0]))]


def _pace(days: dict[str, int], as_of: _dt.date) -> float:
    """Net words a day over the last PACE_DAYS days (fewer when the history is younger)."""
    if not days:
        return 0.0
    first = min(_dt.date.fromisoformat(d) for d in days)
    start = max(first, as_of - _dt.timedelta(days=PACE_DAYS - 1))
    span = (as_of - start).days + 1
    if span <= 0:
        return 0.0
    return sum(n for d, n in days.items() if start <= _dt.date.fromisoformat(d) <= as_of) / span


def _streak(days: dict[str, int], as_of: _dt.date) -> int:
    """Days in a row with words added, up to today (or yesterday: today is not over)."""
    day = as_of if days.get(as_of.isoformat(), 0) > 0 else as_of - _dt.timedelta(days=1)
    count = 0
    while days.get(day.isoformat(), 0) > 0:
        count += 1
        day -= _dt.timedelta(days=1)
    return count


def _longest(days: dict[str, int]) -> int:
    best = run = 0
    previous = None
    for day in sorted(d for d, n in days.items() if n > 0):
        date = _dt.date.fromisoformat(day)
        run = run + 1 if previous is not None and (date - previous).days == 1 else 1
        best, previous = max(best, run), date
    return best


def _projection(total: int, pace: float, goals: Goals, as_of: _dt.date) -> dict:
    out: dict = {"remaining": None, "projected_finish": None, "days_left": None, "needed_per_day": None}
    if not goals.target:
        return out
    remaining = max(0, goals.target - total)
    out["remaining"] = remaining
    if remaining == 0:
        out["projected_finish"] = as_of.isoformat()
    elif pace > 0:
        out["projected_finish"] = (as_of + _dt.timedelta(days=math.ceil(remaining / pace))).isoformat()
    if goals.deadline:
        days_left = (goals.deadline - as_of).days
        out["days_left"] = days_left
        out["needed_per_day"] = math.ceil(remaining / days_left) if days_left > 0 and remaining else None
    return out

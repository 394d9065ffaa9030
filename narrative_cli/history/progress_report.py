"""The `progress` report from each commit's net words (history/progress.py): days, weeks, authors,
streaks, pace, goals and the projected finish. Pure arithmetic over the counts; no git here."""

from __future__ import annotations

import datetime as _dt
import math
import os
from dataclasses import dataclass
from pathlib import Path

from narrative_cli.history.progress import PACE_DAYS, CommitWords


@dataclass
class Goals:
    target: int | None = None
    deadline: _dt.date | None = None
    daily: int | None = None


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

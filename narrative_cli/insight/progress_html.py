"""The progress charts of `stats --html`: a calendar heat map of words per day and a burn-up chart.

Both read the `progress` report (history/progress.py), are inline SVG with
<title> tooltips, and depend on nothing but the report: the same history
gives the same bytes.
"""

from __future__ import annotations

import datetime as _dt
from html import escape

CELL = 13


def _svg(width: int, height: int, body: str, label: str) -> str:
    return (f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
            f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">{body}</svg>')


def heat_map(data: dict, weeks: int = 53) -> str:
    """One square per day for the last `weeks` weeks, Monday at the top; darker is more words."""
    if not data["commits"]:
        return '<p class="note">No commits yet: the calendar fills as you commit.</p>'
    known = {d["date"]: d["words"] for d in data["days"]}
    end = _dt.date.fromisoformat(data["as_of"])
    start = end - _dt.timedelta(days=end.weekday() + 7 * (weeks - 1))
    top = max((n for d, n in known.items() if d >= start.isoformat()), default=0) or 1
    left, parts, month = 28, [], None
    for i in range((end - start).days + 1):
        day = start + _dt.timedelta(days=i)
        x, y = left + (i // 7) * CELL, 16 + day.weekday() * CELL
        words = known.get(day.isoformat(), 0)
        if day.month != month and day.day <= 7:
            month = day.month
            parts.append(f'<text x="{x}" y="10" class="muted">{day:%b}</text>')
        if words > 0:
            fill = f'fill="var(--accent)" fill-opacity="{0.25 + 0.75 * min(words / top, 1):.2f}"'
        elif words < 0:
            fill = 'fill="var(--revised)" fill-opacity="0.55"'
        else:
            fill = 'fill="var(--line)"'
        tip = f"{day:%a %Y-%m-%d}: {words:+,} words" if words else f"{day:%a %Y-%m-%d}: no words"
        parts.append(f'<rect x="{x}" y="{y}" width="{CELL - 2}" height="{CELL - 2}" rx="2" {fill}>'
                     f'<title>{escape(tip)}</title></rect>')
    for row, name in ((0, "Mon"), (2, "Wed"), (4, "Fri")):
        parts.append(f'<text x="0" y="{16 + row * CELL + 10}" class="muted">{name}</text>')
    return _svg(left + weeks * CELL + 4, 16 + 7 * CELL + 2, "".join(parts), "words written per day")


def burn_up(data: dict, width: int = 1000, height: int = 230) -> str:
    """The book's words over time, the target as a line, the projection dashed to the finish."""
    if not data["days"]:
        return '<p class="note">No commits yet.</p>'
    points, total = [], 0
    for d in data["days"]:
        total += d["words"]
        points.append((_dt.date.fromisoformat(d["date"]), total))
    first, as_of = points[0][0], _dt.date.fromisoformat(data["as_of"])
    ends = [as_of, points[-1][0]]
    finish = _dt.date.fromisoformat(data["projected_finish"]) if data.get("projected_finish") else None
    deadline = _dt.date.fromisoformat(data["deadline"]) if data.get("deadline") else None
    ends += [d for d in (finish, deadline) if d and (d - first).days <= 3 * max((as_of - first).days, 30)]
    last = max(ends)
    top = max([data["target"] or 0] + [w for _, w in points]) or 1
    left, bottom = 56, height - 22
    span = max((last - first).days, 1)

    def x(day: _dt.date) -> float:
        return left + (day - first).days / span * (width - left - 10)

    def y(words: float) -> float:
        return bottom - max(words, 0) / top * (bottom - 12)

    path = " ".join(f"{x(d):.1f},{y(w):.1f}" for d, w in [(first, 0)] + points + [(as_of, points[-1][1])])
    parts = [f'<line x1="{left}" x2="{width - 10}" y1="{bottom}" y2="{bottom}" stroke="var(--line)"/>',
             f'<text x="{left - 6}" y="{bottom}" text-anchor="end" class="muted">0</text>',
             f'<text x="{left - 6}" y="{y(top) + 4:.1f}" text-anchor="end" class="muted">{_short_number(top)}</text>',
             f'<text x="{left}" y="{height - 4}" class="muted">{first.isoformat()}</text>',
             f'<text x="{width - 10}" y="{height - 4}" text-anchor="end" class="muted">{last.isoformat()}</text>',
             f'<polyline points="{path}" fill="none" stroke="var(--accent)" stroke-width="2.5">'
             f'<title>{escape(f"{points[-1][1]:,} words on {as_of.isoformat()}")}</title></polyline>']
    if data["target"]:
        parts.append(f'<line x1="{left}" x2="{width - 10}" y1="{y(data["target"]):.1f}" y2="{y(data["target"]):.1f}" '
                     f'stroke="var(--final)" stroke-dasharray="6 4"><title>target: {data["target"]:,} words</title></line>')
    if finish and finish <= last and finish > as_of:
        parts.append(f'<line x1="{x(as_of):.1f}" y1="{y(points[-1][1]):.1f}" x2="{x(finish):.1f}" '
                     f'y2="{y(data["target"]):.1f}" stroke="var(--accent)" stroke-dasharray="3 4" stroke-width="1.5">'
                     f'<title>at {data["pace"]:,.0f} words a day: finished {finish.isoformat()}</title></line>')
    if deadline and deadline <= last:
        parts.append(f'<line x1="{x(deadline):.1f}" x2="{x(deadline):.1f}" y1="8" y2="{bottom}" stroke="var(--muted)" '
                     f'stroke-dasharray="2 3"><title>deadline {deadline.isoformat()}</title></line>'
                     f'<text x="{x(deadline) - 4:.1f}" y="18" text-anchor="end" class="muted">deadline</text>')
    return _svg(width, height, "".join(parts), "words over time against the target")


def progress_note(data: dict) -> str:
    if not data["commits"]:
        return "Words per day come from the Git history."
    note = (f"{data['pace']:,.0f} words a day over the last 28 days; streak {data['streak']} "
            f"day{'s' * (data['streak'] != 1)} (longest {data['longest_streak']}).")
    if data.get("projected_finish") and data.get("remaining"):
        note += f" At this pace the draft is done on {data['projected_finish']}."
    return escape(note)


def _short_number(n: int) -> str:
    return f"{n / 1000:.0f}k" if n >= 10000 else f"{n:,}"

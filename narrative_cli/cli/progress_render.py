"""Rendering for `progress`: rich on a terminal, plain text in a pipe, JSON on request."""

from __future__ import annotations

import datetime as _dt

from narrative_cli.cli.common import OutputFormat
from narrative_cli.cli.insight_render import bar
from narrative_cli.cli.render import console, print_json

SPARKS = "▁▂▃▄▅▆▇█"


def show_progress(data: dict, days: int, fmt: OutputFormat) -> int:
    if fmt is OutputFormat.json:
        print_json(data)
        return 0
    out = console()
    for line in summary_lines(data):
        out.print(line, markup=False)
    if not data["commits"]:
        return 0
    out.print()
    out.print(f"Last {days} days  {sparkline(daily_series(data, days))}", markup=False)
    for day, words in reversed(daily_series(data, days)):
        when = _dt.date.fromisoformat(day)
        out.print(f"  {when:%a %Y-%m-%d}  {words:>7,}  {bar(words, _largest(data, days), 30)}", markup=False)
    weeks = data["weeks"][-8:]
    if weeks:
        out.print("\nWeeks", markup=False)
        top = max(w["words"] for w in weeks)
        for week in reversed(weeks):
            out.print(f"  {week['week']}  {week['words']:>7,}  {bar(week['words'], top, 30)}", markup=False)
    if len(data["authors"]) > 1 or data["author"]:
        out.print("\nAuthors", markup=False)
        for row in data["authors"]:
            out.print(f"  {row['author']}  {row['words']:,} words in {row['commits']:,} commit"
                      f"{'s' * (row['commits'] != 1)}", markup=False)
    return 0


def summary_lines(data: dict) -> list[str]:
    lines = [f"{data['words']:,} words" + (f" of {data['target']:,} ({data['words'] / data['target']:.1%})  "
                                           f"{bar(min(data['words'], data['target']), data['target'], 30)}" if data["target"] else "")]
    if not data["commits"]:
        lines.append("No commits yet: words are counted from the Git history as you commit.")
        return lines
    today = f"Today: {data['today']:,} words"
    if data["daily"]:
        today += f" of your {data['daily']:,} a day ({data['today'] / data['daily']:.0%})"
    lines += [today, f"Streak: {data['streak']} day{'s' * (data['streak'] != 1)} in a row "
                     f"(longest {data['longest_streak']})",
              f"Pace: {data['pace']:,.0f} words a day over the last 28 days"]
    if data["deadline"]:
        left = data["days_left"]
        when = f"{left} day{'s' * (left != 1)} left" if left >= 0 else f"passed {-left} day{'s' * (left != -1)} ago"
        need = f", {data['needed_per_day']:,} words a day to make it" if data["needed_per_day"] else ""
        lines.append(f"Deadline {data['deadline']}: {when}{need}")
    if data["target"]:
        if data["remaining"] == 0:
            lines.append("Target reached.")
        elif data["projected_finish"]:
            lines.append(f"At this pace you finish on {data['projected_finish']}")
        else:
            lines.append("No projection yet: the last 28 days added no words")
    return lines


def daily_series(data: dict, days: int) -> list[tuple[str, int]]:
    """(date, words) for each of the last `days` days up to as_of, zero for days without commits."""
    known = {d["date"]: d["words"] for d in data["days"]}
    end = _dt.date.fromisoformat(data["as_of"])
    dates = [(end - _dt.timedelta(days=i)).isoformat() for i in range(days - 1, -1, -1)]
    return [(d, known.get(d, 0)) for d in dates]


def _largest(data: dict, days: int) -> int:
    return max((w for _, w in daily_series(data, days)), default=0)


def sparkline(series: list[tuple[str, int]]) -> str:
    top = max((w for _, w in series), default=0)
    if top <= 0:
        return " " * len(series)
    return "".join(" " if w <= 0 else SPARKS[min(len(SPARKS) - 1, int(w / top * (len(SPARKS) - 1) + 0.5))]
                   for _, w in series)

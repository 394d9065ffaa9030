"""`narrative stats --html`: one self-contained page of SVG charts.

No scripts, fonts or images from the network: the CSS lives in the template
(templates/report/stats.html) and every chart is inline SVG built here, with
<title> tooltips for the details. Every text from the project is escaped.
"""

from __future__ import annotations

import datetime as _dt
from html import escape
from pathlib import Path
from string import Template

STATUS_COLORS = {"draft": "var(--draft)", "revised": "var(--revised)", "final": "var(--final)"}
PALETTE = ("#b5523b", "#4c7c59", "#6f9fc0", "#c08a3e", "#8a6fb0", "#3f8f8f", "#c0687f", "#7a7a3a")


def render_report(data: dict, today: _dt.date | None = None, progress: dict | None = None) -> str:
    from narrative_cli.insight.progress_html import burn_up, heat_map, progress_note
    from narrative_cli.templates import template_path

    page = Template(template_path("report", "stats.html").read_text(encoding="utf-8"))
    colors = pov_colors(data)
    values = data["values"]
    return page.substitute(
        lang="en", title=escape(data["title"]), author=escape(data["author"]),
        ring=progress_ring(data["words"], data["target"]),
        headline=escape(_headline(data)), subline=escape(_subline(data)),
        shape=shape_chart(data["scenes"], colors) + _legend({(p["name"]): colors[p["id"]] for p in data["pov"]}),
        chapters=chapter_chart(data["chapters"]) + _legend({s: c for s, c in STATUS_COLORS.items()}),
        pov=hbars([(p["name"], p["words"], colors[p["id"]]) for p in data["pov"]], "words"),
        status=hbars([(s, n, STATUS_COLORS[s]) for s, n in data["status"].items()], "scenes"),
        presence=presence_chart(data["presence"]),
        turn_note=escape(_turn_note(values)), turns=turns_chart(data["scenes"]),
        progress_note=progress_note(progress) if progress else "This project has no Git history yet.",
        heatmap=heat_map(progress) if progress else "", burnup=burn_up(progress) if progress else "",
        date=(today or _dt.date.today()).isoformat())


def write_report(path: Path, data: dict, root: Path) -> None:
    """Atomically: an open browser tab never sees half a page."""
    from narrative_cli.errors import NarrativeError, UsageError
    from narrative_cli.store.files import atomic_write, refuse_to_clobber

    refuse_to_clobber(path, root, (".html", ".htm"), "the report")
    if path.is_dir():
        raise UsageError(f"--html: {path} is a folder", hint="give a file name, e.g. --html report.html")
    progress = _progress(root)
    page = render_report(data, _dt.date.fromisoformat(progress["as_of"]) if progress else None, progress)
    try:
        atomic_write(path, page)
    except OSError as exc:
        raise NarrativeError(f"cannot write {path}: {exc.strerror or exc}") from None


def _progress(root: Path) -> dict | None:
    """The `progress` report as of the last commit (or SOURCE_DATE_EPOCH): the same history, the same page."""
    from narrative_cli.errors import NarrativeError
    from narrative_cli.history.progress import history_words
    from narrative_cli.history.progress_report import read_goals, report, report_day

    try:
        commits = history_words(root)
    except NarrativeError:  # not a Git repository: the page simply has no progress charts
        return None
    return report(commits, read_goals(root), report_day(commits)) if commits else None


def _headline(data: dict) -> str:
    if data["target"]:
        return f"{data['words']:,} of {data['target']:,} words"
    return f"{data['words']:,} words"


def _subline(data: dict) -> str:
    chapters, scenes = len(data["chapters"]), len(data["scenes"])
    return f"{chapters} chapter{'s' * (chapters != 1)}, {scenes} scene{'s' * (scenes != 1)}"


def _turn_note(values: dict) -> str:
    if not values["scenes"]:
        return "No scenes yet."
    return (f"{values['turning']} of {values['scenes']} scenes change their value charge ({values['share']:.0%}). "
            "Filled: the value turns; hollow: it stays flat; dashed: the card does not say.")


def pov_colors(data: dict) -> dict:
    return {p["id"]: ("#b8aea3" if p["id"] is None else PALETTE[i % len(PALETTE)]) for i, p in enumerate(data["pov"])}


def _legend(items: dict) -> str:
    spans = "".join(f'<span><i style="background:{c}"></i>{escape(str(k))}</span>' for k, c in items.items())
    return f'<div class="legend">{spans}</div>'


def _svg(width: int, height: int, body: str, label: str) -> str:
    return (f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
            f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">{body}</svg>')


def progress_ring(words: int, target: int | None) -> str:
    if not target:
        return ""
    share = min(words / target, 1.0)
    r, c = 52, 2 * 3.14159265 * 52
    body = (f'<circle cx="64" cy="64" r="{r}" fill="none" stroke="var(--line)" stroke-width="14"/>'
            f'<circle cx="64" cy="64" r="{r}" fill="none" stroke="var(--accent)" stroke-width="14" '
            f'stroke-linecap="round" stroke-dasharray="{c * share:.1f} {c:.1f}" transform="rotate(-90 64 64)"/>'
            f'<text x="64" y="70" text-anchor="middle" style="font-size:22px">{words / target:.0%}</text>')
    return _svg(128, 128, body, f"{words / target:.0%} of the word target")


def shape_chart(scenes: list[dict], colors: dict, height: int = 150) -> str:
    if not scenes:
        return '<p class="note">No scenes yet.</p>'
    width = max(600, min(1040, len(scenes) * 14))
    step = width / len(scenes)
    largest = max(s["words"] for s in scenes) or 1
    parts, last_chapter = [], None
    for i, s in enumerate(scenes):
        x = i * step
        h = max(1.0, s["words"] / largest * (height - 24))
        if s["chapter"] != last_chapter:
            last_chapter = s["chapter"]
            parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="0" y2="{height - 14}" stroke="var(--line)"/>')
            if _labelled(s["chapter"], scenes[-1]["chapter"]):
                parts.append(f'<text x="{x + 2:.1f}" y="{height - 2}" class="muted">{s["chapter"]}</text>')
        tip = f'{s["ref"]} {s["title"]}: {s["words"]:,} words, pov {s["pov"] or "none"}'
        parts.append(f'<rect x="{x + step * 0.1:.1f}" y="{height - 16 - h:.1f}" width="{max(step * 0.8, 1):.1f}" '
                     f'height="{h:.1f}" rx="1.5" fill="{colors[s["pov"]]}"><title>{escape(tip)}</title></rect>')
    return _svg(width, height, "".join(parts), "words per scene in reading order")


def chapter_chart(chapters: list[dict], height: int = 200) -> str:
    if not chapters:
        return '<p class="note">No chapters yet.</p>'
    width = 460
    step = width / len(chapters)
    largest = max(c["words"] for c in chapters) or 1
    parts = []
    for i, c in enumerate(chapters):
        y = height - 18
        for status in ("final", "revised", "draft"):  # finished work at the bottom, like a foundation
            words = c["status"][status]
            h = words / largest * (height - 30)
            if h <= 0:
                continue
            y -= h
            tip = f'Chapter {c["number"]}, {c["title"]}: {words:,} {status} words of {c["words"]:,}'
            parts.append(f'<rect x="{i * step + step * 0.15:.1f}" y="{y:.1f}" width="{step * 0.7:.1f}" '
                         f'height="{h:.1f}" fill="{STATUS_COLORS[status]}"><title>{escape(tip)}</title></rect>')
        if _labelled(c["number"], len(chapters)):
            parts.append(f'<text x="{i * step + step / 2:.1f}" y="{height - 4}" text-anchor="middle" '
                         f'class="muted">{c["number"]}</text>')
    return _svg(width, height, "".join(parts), "words per chapter by status")


def hbars(rows: list[tuple[str, int, str]], unit: str) -> str:
    if not rows:
        return '<p class="note">Nothing to show yet.</p>'
    width, row_h, label_w = 460, 26, 150
    largest = max(n for _, n, _ in rows) or 1
    parts = []
    for i, (label, n, color) in enumerate(rows):
        y = i * row_h
        w = n / largest * (width - label_w - 70)
        parts.append(f'<text x="{label_w - 8}" y="{y + 17}" text-anchor="end">{escape(_short(label, 22))}</text>'
                     f'<rect x="{label_w}" y="{y + 5}" width="{max(w, 1):.1f}" height="{row_h - 10}" rx="3" '
                     f'fill="{color}"><title>{escape(f"{label}: {n:,} {unit}")}</title></rect>'
                     f'<text x="{label_w + w + 6:.1f}" y="{y + 17}" class="muted">{n:,}</text>')
    return _svg(width, len(rows) * row_h + 4, "".join(parts), f"{unit} per item")


def presence_chart(presence: dict) -> str:
    """The characters most on stage (PRESENCE_ROWS at most: a cast of hundreds made a page of
    megabytes nobody can read) x chapters; a faint band per row, a square where they appear."""
    everyone, chapters = presence["characters"], presence["chapters"]
    if not everyone or not chapters:
        return '<p class="note">No characters on stage yet.</p>'
    from narrative_cli.insight.stats import PRESENCE_ROWS

    rows = everyone[:PRESENCE_ROWS]
    label_w, cell = 170, max(16, min(34, 860 // max(len(chapters), 1)))
    largest = max((n for r in rows for n in r["chapters"]), default=0) or 1
    parts = [f'<text x="{label_w + j * cell + cell / 2:.1f}" y="12" text-anchor="middle" class="muted">{n}</text>'
             for j, n in enumerate(chapters) if len(chapters) <= 40 or n % 5 == 0 or n == 1]
    for i, r in enumerate(rows):
        y = 18 + i * cell
        parts.append(f'<text x="{label_w - 8}" y="{y + cell * 0.65:.1f}" text-anchor="end">'
                     f'{escape(_short(r["name"], 24))}</text>')
        parts.append(f'<rect x="{label_w + 1}" y="{y + 1}" width="{len(chapters) * cell - 2}" height="{cell - 2}" '
                     f'rx="3" fill="var(--accent)" fill-opacity="0.08"/>')
        for j, n in enumerate(r["chapters"]):
            if not n:
                continue
            tip = f'{r["name"]} in chapter {chapters[j]}: {n} scene{"s" * (n != 1)}'
            parts.append(f'<rect x="{label_w + j * cell + 1}" y="{y + 1}" width="{cell - 2}" height="{cell - 2}" '
                         f'rx="3" fill="var(--accent)" fill-opacity="{0.25 + 0.75 * n / largest:.2f}">'
                         f'<title>{escape(tip)}</title></rect>')
    chart = _svg(label_w + len(chapters) * cell + 4, 20 + len(rows) * cell, "".join(parts),
                 "character presence per chapter")
    if len(everyone) > len(rows):
        chart += (f'<p class="note">The {len(rows)} characters in most scenes; {len(everyone) - len(rows):,} more '
                  f'are listed by <code>narrative stats --format json</code>.</p>')
    return chart


def turns_chart(scenes: list[dict]) -> str:
    if not scenes:
        return ""
    small = len(scenes) > 96  # a long book: small dots, no labels, one row per 60 scenes
    per_row, cell, r = (60, 16, 6) if small else (24, 43, 13)
    row_h = cell if small else cell + 6
    parts = []
    for i, s in enumerate(scenes):
        x, y = (i % per_row) * cell + cell / 2, (i // per_row) * row_h + cell / 2
        if s["turns"] is None:
            style, tip = 'fill="none" stroke="var(--muted)" stroke-dasharray="3 3"', "no value charge on the card"
        else:
            fill = "var(--accent)" if s["turns"] else "none"
            style = f'fill="{fill}" stroke="var(--accent)" stroke-width="2"'
            tip = f'{s["entering_value"]} → {s["exiting_value"]}' + ("" if s["turns"] else " (flat)")
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r}" {style}>'
                     f'<title>{escape(s["ref"] + " " + s["title"] + ": " + tip)}</title></circle>')
        if not small:
            parts.append(f'<text x="{x:.1f}" y="{y + 24:.1f}" text-anchor="middle" class="muted" '
                         f'style="font-size:9px">{s["ref"]}</text>')
    rows = (len(scenes) + per_row - 1) // per_row
    return _svg(min(len(scenes), per_row) * cell, rows * row_h + 4, "".join(parts), "value turn per scene")


def _labelled(number: int, count: int) -> bool:
    """Label every chapter of a short book, every 5th or 10th of a long one."""
    every = 1 if count <= 20 else 5 if count <= 100 else 10
    return number == 1 or number % every == 0


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"

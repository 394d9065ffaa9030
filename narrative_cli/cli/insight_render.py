"""Rendering for `suggest`, `search` and `stats`: rich on a terminal, plain text in a pipe, JSON on request."""

from __future__ import annotations

import os
import sys

from narrative_cli.cli.common import OutputFormat
from narrative_cli.cli.render import console, print_json

HIGHLIGHT = "bold magenta"


def show_search(query, found, fmt: OutputFormat) -> int:
    if fmt is OutputFormat.json:
        print_json({"query": query.text, "mode": query.mode, "total": found.total,
                    "shown": len(found.hits), "results": [h.to_json() for h in found.hits]})
        return 0 if found.total else 1
    from rich.text import Text

    out = console()
    plain = bool(os.environ.get("NO_COLOR"))  # rich drops colour for NO_COLOR but keeps bold: drop both
    for hit in found.hits:
        line = Text(f"{hit.path}:{hit.line}: ", style="" if plain else "cyan")
        body = Text(hit.context)
        for start, end in ([] if plain else hit.spans):
            body.stylize(HIGHLIGHT, start, end)
        out.print(line + body)
    if found.total > len(found.hits):
        print(f"{found.total} matches; showing the first {len(found.hits)} (raise --limit to see more)",
              file=sys.stderr)
    elif not found.total:
        print("no matches", file=sys.stderr)
    return 0 if found.total else 1


BLOCKS = " ▏▎▍▌▋▊▉█"


def bar(value: float, largest: float, width: int = 24) -> str:
    """A horizontal bar in eighths of a character: readable in any terminal and in a pipe."""
    if largest <= 0 or value <= 0:
        return ""
    eighths = max(1, round(value / largest * width * 8))
    return "█" * (eighths // 8) + (BLOCKS[eighths % 8] if eighths % 8 else "")


def show_stats(data: dict, fmt: OutputFormat) -> int:
    if fmt is OutputFormat.json:
        print_json(data)
        return 0
    out = console()
    out.print(_headline(data))
    if not data["scenes"]:
        out.print("No scenes yet: add one with `narrative new scene TITLE --chapter N`.")
        return 0
    for render in (_chapter_table, _pov_table, _status_table, _presence_table, _scene_table):
        out.print()
        out.print(render(data))
    values = data["values"]
    if values["scenes"]:
        out.print(f"\n{values['turning']} of {values['scenes']} scenes turn their value "
                  f"({values['share']:.0%}); {len(values['flat'])} flat, {len(values['uncharted'])} without values")
    return 0


def _headline(data: dict) -> str:
    from rich.markup import escape

    line = f"[bold]{escape(data['title'])}[/bold]: {data['words']:,} words"
    if data["target"]:
        line += f" of {data['target']:,} ({data['progress']:.1%})"
        if data["words"]:
            line += f"  [green]{bar(data['words'], data['target'], 40)}[/green]"
    return line


def _table(title: str, *columns: str):
    from rich.table import Table

    t = Table(title=title, title_justify="left", title_style="bold")
    for column in columns:
        t.add_column(column, justify="right" if column in ("#", "scenes", "words", "share", "count", "paragraphs") else "left")
    return t


def _chapter_table(data: dict):
    t = _table("Words per chapter", "#", "chapter", "scenes", "words", "")
    largest = max((c["words"] for c in data["chapters"]), default=0)
    for c in data["chapters"]:
        t.add_row(str(c["number"]), c["title"], str(c["scenes"]), f"{c['words']:,}",
                  f"[cyan]{bar(c['words'], largest)}[/cyan]")
    return t


def _pov_table(data: dict):
    t = _table("Words per POV", "pov", "scenes", "words", "share", "")
    largest = max((p["words"] for p in data["pov"]), default=0)
    for p in data["pov"]:
        share = p["words"] / data["words"] if data["words"] else 0
        t.add_row(p["name"], str(p["scenes"]), f"{p['words']:,}", f"{share:.0%}",
                  f"[magenta]{bar(p['words'], largest)}[/magenta]")
    return t


def _status_table(data: dict):
    t = _table("Scenes by status", "status", "scenes", "")
    largest = max(data["status"].values(), default=0)
    for status, count in data["status"].items():
        t.add_row(status, str(count), f"[yellow]{bar(count, largest, 16)}[/yellow]")
    return t


def _presence_table(data: dict):
    """A column per chapter while they fit a terminal; past that a strip per character, a mark per
    chapter (or per few), darker for more scenes. The PRESENCE_ROWS most present characters."""
    from narrative_cli.insight.stats import PRESENCE_ROWS

    presence = data["presence"]
    chapters, rows = presence["chapters"], presence["characters"][:PRESENCE_ROWS]
    more = len(presence["characters"]) - len(rows)
    title = "Character presence (scenes per chapter)"
    if len(chapters) <= PRESENCE_COLUMNS:
        t = _table(title, "character", *map(str, chapters), "scenes")
        for row in rows:
            t.add_row(row["name"], *[str(n) if n else "·" for n in row["chapters"]], str(row["scenes"]))
    else:
        t = _presence_strips(title, chapters, rows)
    if more:
        t.caption, t.caption_justify = f"{more:,} more characters: --format json lists them all", "left"
    return t


def _presence_strips(title: str, chapters: list[int], rows: list[dict]):
    per = -(-len(chapters) // PRESENCE_STRIP)
    t = _table(title, "character", f"chapters 1–{len(chapters)}" + (f", {per} a mark" if per > 1 else ""), "scenes")
    largest = max((sum(r["chapters"][i:i + per]) for r in rows for i in range(0, len(chapters), per)), default=0) or 1
    for row in rows:
        counts = [sum(row["chapters"][i:i + per]) for i in range(0, len(chapters), per)]
        t.add_row(row["name"], "".join("·" if not n else SHADES[min(3, (4 * n - 1) // largest)] for n in counts),
                  str(row["scenes"]))
    return t


PRESENCE_COLUMNS = 12  # chapters shown as columns; more become a strip
PRESENCE_STRIP = 48  # marks in a strip at most (an 80-column terminal)
SHADES = "░▒▓█"


def _scene_table(data: dict):
    t = _table("Scenes", "ref", "title", "pov", "status", "words", "value turn")
    for s in data["scenes"]:
        turn = "—" if s["turns"] is None else (
            f"{s['entering_value']} → {s['exiting_value']}" + ("" if s["turns"] else "  (flat)"))
        t.add_row(s["ref"], s["title"], s["pov"] or "", s["status"], f"{s['words']:,}", turn)
    return t


def show_suggestions(found: dict, fmt: OutputFormat) -> int:
    """Suggestions are advice, not problems: the exit code is 0 either way."""
    if fmt is OutputFormat.json:
        print_json(found)
        return 0
    out = console()
    entities, aliases, pairs = found["entities"], found["aliases"], found["relationships"]
    if not (entities or aliases or pairs):
        out.print(f"Nothing to suggest: no name seen at least {found['min_count']} times is missing from "
                  "the canon, and every pair of characters who share scenes has a relationship.")
        return 0
    t = _table(f"Names the canon does not have ({len(entities)}, seen at least {found['min_count']} times)",
               "#", "name", "kind", "count", "scenes", "first seen")
    for i, e in enumerate(entities, 1):
        t.add_row(str(i), e["name"], e["kind"], str(e["count"]), str(e["scenes"]), _where(e["first"]))
    out.print(t)
    if aliases:
        t = _table("Probable aliases", "alias", "of", "count", "why", "first seen")
        for a in aliases:
            t.add_row(a["alias"], a["entity"], str(a["count"]), a["reason"], _where(a["first"]))
        out.print(t)
    if pairs:
        t = _table("Relationships the scenes imply (none in canon)", "character", "character", "scenes", "paragraphs")
        for p in pairs:
            t.add_row(p["a"], p["b"], str(p["scenes"]), str(p["paragraphs"]))
        out.print(t)
    if entities:
        out.print("Create stubs with `narrative suggest --apply` (the kinds above), "
                  "or `narrative suggest --apply --kind character NAME`.")
    return 0


def _where(first: dict) -> str:
    return f"{first['path']}:{first['line']}"

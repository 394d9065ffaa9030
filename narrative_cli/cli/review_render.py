"""`narrative diff` on a terminal: rich styles when colour is on, git-style markers when not.

With NO_COLOR or output to a file or pipe there is no colour to tell added
from removed words, so the text carries `[-removed-]` and `{+added+}` like
`git diff --word-diff=plain`.
"""

from __future__ import annotations

import json
from typing import Any

from narrative_cli.cli.render import console
from narrative_cli.review.markdown import scene_verbs
from narrative_cli.review.model import StoryDiff, summary_line


def _value(v: Any) -> str:
    if v is None or v == [] or v == {}:
        return "(none)"
    text = json.dumps(v, ensure_ascii=False)
    return text if len(text) <= 160 else text[:157] + "..."


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


class TextRenderer:
    def __init__(self) -> None:
        self.out = console()
        self.plain = self.out.no_color or self.out.color_system is None

    def span(self, op: str, text: str) -> str:
        if op == "=":
            return _escape(text)
        if self.plain:
            return _escape(f"[-{text}-]" if op == "-" else f"{{+{text}+}}")
        return f"[red strike]{_escape(text)}[/]" if op == "-" else f"[green bold]{_escape(text)}[/]"

    def line(self, markup: str) -> None:
        self.out.print(markup, highlight=False)

    def field(self, indent: str, f) -> None:
        self.line(f"{indent}{_escape(f.field)}: {_escape(_value(f.old))} -> {_escape(_value(f.new))}")

    def sentence(self, change) -> None:
        if change.kind == "added":
            self.line("      + " + self.span("+", change.new))
        elif change.kind == "removed":
            self.line("      - " + self.span("-", change.old))
        else:
            self.line("      ~ " + "".join(self.span(op, text) for op, text in change.words))

    def render(self, diff: StoryDiff) -> None:
        old = diff.old_commit[:10] if diff.old_commit else diff.old_label
        new = diff.new_commit[:10] if diff.new_commit else diff.new_label
        self.line(f"[bold]Story diff {_escape(old)} -> {_escape(new)}[/]")
        self.line(_escape(summary_line(diff)))
        self.chapters(diff)
        self.scenes(diff)
        self.canon(diff)
        if diff.project:
            self.line("\n[bold]Project settings[/]")
            for f in diff.project:
                self.field("  ", f)

    def where(self, old: str | None, new: str | None) -> str:
        if old and new and old != new:
            return f"{_escape(old)} -> {_escape(new)}"
        return _escape(new or old or "")

    def chapters(self, diff: StoryDiff) -> None:
        if diff.chapters:
            self.line("\n[bold]Chapters[/]")
        for c in diff.chapters:
            verbs = ", ".join(v for v in (c.status if c.status != "changed" else None, c.move,
                                          "card changed" if c.fields else None) if v)
            self.line(f"  {self.where(c.old_path, c.new_path)}  \"{_escape(c.title)}\"  {verbs}")
            for f in c.fields:
                self.field("    ", f)

    def scenes(self, diff: StoryDiff) -> None:
        if diff.scenes:
            self.line("\n[bold]Scenes[/]")
        for s in diff.scenes:
            self.line(f"  {self.where(s.old_path, s.new_path)}  \"{_escape(s.title)}\"  "
                      f"{_escape(scene_verbs(s).replace('−', '-'))}")
            for f in s.fields:
                self.field("    ", f)
            if s.status == "changed":
                for change in s.text.changes:
                    self.sentence(change)

    def canon(self, diff: StoryDiff) -> None:
        if diff.canon:
            self.line("\n[bold]Canon[/]")
        for e in diff.canon:
            old = f"{e.kind}/{e.old_id}" if e.old_id else None
            new = f"{e.kind}/{e.new_id}" if e.new_id else None
            verbs = [v for v in (e.status if e.status != "changed" else None,
                                 "renamed" if e.renamed else None, e.lifecycle) if v]
            verbs += ["fields changed"] if e.fields else []
            self.line(f"  {self.where(old, new)}  \"{_escape(e.name)}\"  {', '.join(verbs)}")
            for f in e.fields:
                self.field("    ", f)


def render_text(diff: StoryDiff) -> None:
    TextRenderer().render(diff)
    for note in diff.notes:
        console(stderr=True).print(f"note: {_escape(note)}", highlight=False)

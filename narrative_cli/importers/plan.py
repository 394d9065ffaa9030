"""The shared result of every importer: a format-neutral plan of the project to create.

Each source module (docx, markdown, novelwriter, scrivener) reads its input into an
`ImportPlan`; `writer.py` alone turns a plan into project files. Nothing here touches disk.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from narrative_cli.errors import NarrativeError

STATUSES = ("draft", "revised", "final")


class ImportRefused(NarrativeError):
    """The source cannot be imported (unsafe, corrupt, encrypted, unknown). Nothing is written.

    `code` is stable (docs/import.md lists every one) and starts the message."""

    def __init__(self, code: str, message: str, hint: str | None = None, path: str | None = None):
        super().__init__(f"{code} {message}", hint=hint, path=path)
        self.code = code


@dataclass
class PlanScene:
    body: str  # Markdown prose
    title: str | None = None
    card: dict = field(default_factory=dict)  # extra scene-card fields (pov, participants, summary, status, ...)


@dataclass
class PlanChapter:
    title: str | None
    scenes: list[PlanScene] = field(default_factory=list)
    part: str | None = None  # the part (book, volume) this chapter opens, if any
    status: str | None = None
    synopsis: str | None = None


@dataclass
class PlanCanon:
    kind: str  # characters, locations, factions, items, magic, events
    name: str
    data: dict = field(default_factory=dict)  # aliases, summary, notes, tags


@dataclass
class ImportPlan:
    source: str  # the path as given
    kind: str  # docx | markdown | novelwriter | scrivener | rtf
    title: str | None = None
    author: str | None = None
    language: str | None = None
    chapters: list[PlanChapter] = field(default_factory=list)
    canon: list[PlanCanon] = field(default_factory=list)
    dropped: Counter = field(default_factory=Counter)  # what -> how many ("comments", "images", ...)
    skipped: list[str] = field(default_factory=list)  # documents left out, with the reason
    notes: list[str] = field(default_factory=list)  # anything else the writer should know

    def drop(self, what: str, count: int = 1) -> None:
        if count:
            self.dropped[what] += count


def status_for(label: str | None) -> str | None:
    """A tool's status or label name read as draft / revised / final (None when it says nothing)."""
    import re

    if not label:
        return None
    text = label.strip().lower()
    if re.search(r"final|finish|done|complete|publish|ready", text):
        return "final"
    if re.search(r"revis|2nd|3rd|second|third|edit|polish|redraft|review", text):
        return "revised"
    if re.search(r"draft|start|progress|to ?do|new|idea|outline|first|1st|note", text):
        return "draft"
    return None

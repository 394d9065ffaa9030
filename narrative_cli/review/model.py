"""What a story diff reports: plain data, rendered as rich text, Markdown or JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from narrative_cli.review.textdiff import TextDiff

SCHEMA = "narrative-diff/1"


@dataclass
class FieldDiff:
    field: str
    old: Any
    new: Any

    def to_json(self) -> dict:
        return {"field": self.field, "old": self.old, "new": self.new}


@dataclass
class SceneDiff:
    status: str  # added | removed | changed
    old_path: str | None
    new_path: str | None
    title: str
    move: str | None = None  # renumbered | renamed | moved (to another chapter)
    lifecycle: str | None = None  # deleted | restored (soft delete)
    text: TextDiff = field(default_factory=TextDiff)
    fields: list[FieldDiff] = field(default_factory=list)
    similarity: float = 0.0

    @property
    def path(self) -> str:
        return self.new_path or self.old_path or ""

    def to_json(self) -> dict:
        return {"status": self.status, "old_path": self.old_path, "new_path": self.new_path, "title": self.title,
                "move": self.move, "lifecycle": self.lifecycle, "similarity": round(self.similarity, 3),
                "words": {"added": self.text.words_added, "removed": self.text.words_removed},
                "fields": [f.to_json() for f in self.fields],
                "sentences": [c.to_json() for c in self.text.changes]}


@dataclass
class ChapterDiff:
    status: str  # added | removed | changed
    old_path: str | None
    new_path: str | None
    title: str
    move: str | None = None  # renumbered | renamed
    fields: list[FieldDiff] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"status": self.status, "old_path": self.old_path, "new_path": self.new_path, "title": self.title,
                "move": self.move, "fields": [f.to_json() for f in self.fields]}


@dataclass
class EntityDiff:
    status: str  # added | removed | changed
    kind: str
    old_id: str | None
    new_id: str | None
    name: str
    lifecycle: str | None = None  # deleted | restored
    fields: list[FieldDiff] = field(default_factory=list)

    @property
    def ref(self) -> str:
        return f"{self.kind}/{self.new_id or self.old_id}"

    @property
    def renamed(self) -> bool:
        return bool(self.old_id and self.new_id and self.old_id != self.new_id)

    def to_json(self) -> dict:
        return {"status": self.status, "kind": self.kind, "ref": self.ref,
                "old_ref": f"{self.kind}/{self.old_id}" if self.old_id else None,
                "new_ref": f"{self.kind}/{self.new_id}" if self.new_id else None,
                "name": self.name, "renamed": self.renamed, "lifecycle": self.lifecycle,
                "fields": [f.to_json() for f in self.fields]}


@dataclass
class StoryDiff:
    old_label: str
    old_commit: str | None
    new_label: str
    new_commit: str | None
    chapters: list[ChapterDiff] = field(default_factory=list)
    scenes: list[SceneDiff] = field(default_factory=list)
    canon: list[EntityDiff] = field(default_factory=list)
    project: list[FieldDiff] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # e.g. files left out because they do not load

    @property
    def empty(self) -> bool:
        return not (self.chapters or self.scenes or self.canon or self.project)

    def counts(self) -> dict:
        def tally(items, key) -> int:
            return sum(1 for item in items if key(item))

        return {
            "chapters": {"added": tally(self.chapters, lambda c: c.status == "added"),
                         "removed": tally(self.chapters, lambda c: c.status == "removed"),
                         "moved": tally(self.chapters, lambda c: c.move),
                         "changed": tally(self.chapters, lambda c: c.fields)},
            "scenes": {"added": tally(self.scenes, lambda s: s.status == "added"),
                       "removed": tally(self.scenes, lambda s: s.status == "removed"),
                       "moved": tally(self.scenes, lambda s: s.move),
                       "edited": tally(self.scenes, lambda s: s.status == "changed" and s.text.changed),
                       "card": tally(self.scenes, lambda s: s.fields),
                       "deleted": tally(self.scenes, lambda s: s.lifecycle == "deleted"),
                       "restored": tally(self.scenes, lambda s: s.lifecycle == "restored")},
            "words": {"added": sum(s.text.words_added for s in self.scenes),
                      "removed": sum(s.text.words_removed for s in self.scenes)},
            "canon": {"added": tally(self.canon, lambda e: e.status == "added"),
                      "removed": tally(self.canon, lambda e: e.status == "removed"),
                      "renamed": tally(self.canon, lambda e: e.renamed),
                      "changed": tally(self.canon, lambda e: e.status == "changed"),
                      "deleted": tally(self.canon, lambda e: e.lifecycle == "deleted"),
                      "restored": tally(self.canon, lambda e: e.lifecycle == "restored"),
                      "fields": sum(len(e.fields) for e in self.canon if e.status == "changed")},
            "project": {"fields": len(self.project)},
        }

    def to_json(self) -> dict:
        return {"schema": SCHEMA,
                "old": {"rev": self.old_label, "commit": self.old_commit},
                "new": {"rev": self.new_label, "commit": self.new_commit},
                "summary": {**self.counts(), "text": summary_line(self)},
                "chapters": [c.to_json() for c in self.chapters],
                "scenes": [s.to_json() for s in self.scenes],
                "canon": [e.to_json() for e in self.canon],
                "project": [f.to_json() for f in self.project],
                "notes": self.notes}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


def _parts(counts: dict, labels: list[tuple[str, str]]) -> str:
    """`1 added, 2 fields changed`: a label starting with `field` takes the count's plural."""
    def label_for(n: int, label: str) -> str:
        return label.replace("field ", "fields ") if label.startswith("field ") and n != 1 else label

    return ", ".join(f"{counts[key]} {label_for(counts[key], label)}" for key, label in labels if counts[key])


def summary_line(diff: StoryDiff) -> str:
    """One line for a commit status or a PR comment title: chapters, scenes, words, canon."""
    if diff.empty:
        return "no story changes"
    c = diff.counts()
    out = []
    if diff.chapters:
        detail = _parts(c["chapters"], [("added", "added"), ("removed", "removed"), ("moved", "moved"),
                                        ("changed", "card changed")])
        out.append(f"{_plural(len(diff.chapters), 'chapter')} ({detail})")
    if diff.scenes:
        detail = _parts(c["scenes"], [("added", "added"), ("removed", "removed"), ("moved", "moved"),
                                      ("edited", "edited"), ("card", "card changed"), ("deleted", "deleted"),
                                      ("restored", "restored")])
        out.append(f"{_plural(len(diff.scenes), 'scene')} ({detail})")
    out.append(f"words +{c['words']['added']} -{c['words']['removed']}")
    if diff.canon:
        detail = _parts(c["canon"], [("added", "added"), ("removed", "removed"), ("renamed", "renamed"),
                                     ("fields", "field changed"), ("deleted", "deleted"), ("restored", "restored")])
        out.append(f"{_plural(len(diff.canon), 'canon change')} ({detail})")
    if diff.project:
        out.append(f"{_plural(len(diff.project), 'project setting')} changed")
    return "; ".join(out)

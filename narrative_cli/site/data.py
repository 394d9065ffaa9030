"""What the site's pages show, gathered once from the loaded project.

Scenes and entities get stable relative URLs here (`book/chapter-03.html#s-03-02`,
`canon/characters/elena-voss.html`); ids are validated slugs, so a URL never carries an
author's text. Prose comes from the same Manuscript the EPUB reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from narrative_cli.model.common import CANON_KINDS

REF_FIELDS = ("parent", "leader", "members", "owner", "participants", "location")
HIDDEN_FIELDS = {"name", "aliases", "summary", "relationships", "deleted_at", "deleted_by", "custom", "consequences"}
EXCERPT = 90  # characters either side of a name in an appearance's excerpt
GENERIC_SLUG = re.compile(r"scene(?:-\d+)?")  # an import's file name: no title


@dataclass
class SceneInfo:
    ref: str
    rel: str
    chapter: int  # reading order, from 1
    title: str
    card: object  # model.scene.SceneCard
    url: str
    blocks: list = field(default_factory=list)  # the Manuscript's blocks ([] when nothing is printed)
    words: int = 0
    pov: str | None = None
    cast: list[str] = field(default_factory=list)
    location: str | None = None
    chapter_name: str = ""

    @property
    def name(self) -> str:
        """`01-01 Dockside`; an untitled scene (an import's `01-scene.md`) by its chapter instead:
        `09-05 · IX`, not `09-05 Scene` on every line of an entity page."""
        return f"{self.ref} {self.title}" if self.title else f"{self.ref} · {self.chapter_name}"


@dataclass
class Appearance:
    scene: SceneInfo
    roles: list[str]  # POV, participant, location, named
    excerpt: str = ""


@dataclass
class EntityInfo:
    kind: str
    id: str
    name: str
    record: object  # store.records.EntityRecord
    url: str
    links: list[tuple[str, str, str]] = field(default_factory=list)  # (label, target ref, note)
    appearances: list[Appearance] = field(default_factory=list)
    history: list = field(default_factory=list)

    @property
    def ref(self) -> str:
        return f"{self.kind}/{self.id}"


@dataclass
class SiteData:
    root: Path
    project: object
    book: object  # export.model.Manuscript
    title: str
    author: str
    language: str
    words: int
    target: int | None
    chapters: list[dict] = field(default_factory=list)  # number, label, title, name, part, url, scenes, card
    scenes: dict[str, SceneInfo] = field(default_factory=dict)  # by rel
    entities: dict[str, EntityInfo] = field(default_factory=dict)  # by kind/id
    findings: list = field(default_factory=list)
    changes: object = None  # site.changes.Changes
    progress: dict | None = None
    epoch: int = 0
    prose: object = None  # prose.ProseIndex: the appearance scan's parse, handed on to `check`

    def name(self, ref: str | None) -> str:
        info = self.entities.get(ref or "")
        return info.name if info else (ref or "")

    def url(self, ref: str | None) -> str | None:
        info = self.entities.get(ref or "")
        return info.url if info else None


def entity_url(kind: str, ident: str) -> str:
    return f"canon/{kind}/{ident}.html"


def chapter_url(number: int) -> str:
    return f"book/chapter-{number:02d}.html"


def gather(root: Path, project, with_history: bool = True) -> SiteData:
    from narrative_cli.export.zipout import source_epoch

    config = project.config
    book = _manuscript(root, project)
    data = SiteData(root, project, book, book.title, book.byline if book.authors else "", book.language,
                    0, config.word_target if config else None, epoch=source_epoch(root))
    _entities(data)
    _scenes(data)
    data.words = sum(s.words for s in data.scenes.values())
    _appearances(data)
    if with_history:
        _history(data)
    return data


def _manuscript(root: Path, project):
    from narrative_cli.export.manuscript import build_manuscript
    from narrative_cli.export.options import resolve

    options = resolve(project.config, root, "epub", None, {})
    return build_manuscript(project, options)


def _entities(data: SiteData) -> None:
    for record in data.project.all_entities():
        info = EntityInfo(record.kind, record.id, str(record.model.name), record, entity_url(record.kind, record.id))
        data.entities[record.ref] = info
    for info in data.entities.values():
        info.links = list(_links(data, info.record))


def _links(data: SiteData, record):
    from narrative_cli.refs import resolve

    model = record.model
    for rel in getattr(model, "relationships", []) or []:
        yield rel.kind or "related", _resolved(data, resolve(data.project, rel.to)), rel.note or ""
    for key in REF_FIELDS:
        value = getattr(model, key, None)
        for ref in ([value] if isinstance(value, str) else value or []):
            yield key, _resolved(data, resolve(data.project, ref)) or ref, ""
    for consequence in getattr(model, "consequences", []) or []:
        change = ", ".join(f"{k}: {v}" for k, v in consequence.change.items())
        yield "changes", _resolved(data, resolve(data.project, consequence.entity)) or consequence.entity, change


def _resolved(data: SiteData, found) -> str | None:
    record = found.record
    return record.ref if record is not None and not record.deleted else None


def _scenes(data: SiteData) -> None:
    printed = {s.ref: s for c in data.book.chapters for s in c.scenes}
    labels = {c.number: (c.label, c.title) for c in data.book.chapters}
    parts = {c.number: c.part.name for c in data.book.chapters if c.part}
    from narrative_cli.export.labels import chapter_label, heading_name, labels as printed_labels

    words = printed_labels(data.language)
    for number, chapter in enumerate((c for c in data.project.chapters if c.live_scenes), 1):
        label, title = labels.get(number, (chapter_label(words, number), chapter.title))
        entry = {"number": number, "label": label, "title": title, "name": heading_name(label, title),
                 "part": parts.get(number, ""),
                 "url": chapter_url(number),
                 "card": chapter.card, "scenes": []}
        for scene in chapter.live_scenes:
            shown = printed.get(scene.ref)
            info = SceneInfo(scene.ref, scene.rel, number, _scene_title(scene), scene.card,
                             f"{chapter_url(number)}#s-{scene.ref}",
                             shown.blocks if shown else [], shown.words if shown else 0, chapter_name=entry["name"])
            data.scenes[scene.rel] = info
            entry["scenes"].append(info)
        data.chapters.append(entry)


def _scene_title(scene) -> str:
    """The card's title, else the file's name unless it only says `scene` (`01-scene.md`, `02-scene-2.md`)."""
    return scene.card.title or ("" if GENERIC_SLUG.fullmatch(scene.slug) else scene.title)


def _appearances(data: SiteData) -> None:
    from narrative_cli.prose import ProseIndex

    prose = data.prose = ProseIndex(data.project)
    characters, places = ("characters",), ("locations",)
    for scene in data.project.all_scenes():
        info = data.scenes[scene.rel]
        info.pov = prose.resolve(scene.card.pov, characters)
        info.cast = [r for r in dict.fromkeys(prose.resolve(p, characters) for p in scene.card.participants) if r]
        info.location = prose.resolve(scene.card.location, places)
        roles: dict[str, list[str]] = {}
        excerpts: dict[str, str] = {}
        for ref, role in ((info.pov, "POV"), *((r, "participant") for r in info.cast), (info.location, "location")):
            if ref and role not in roles.setdefault(ref, []):
                roles[ref].append(role)
        if prose.canon.terms:
            for paragraph in prose.paragraphs(scene):
                for mention in prose.canon.find(paragraph):
                    for ref in mention.refs:
                        if "named" not in roles.setdefault(ref, []):
                            roles[ref].append("named")
                            excerpts[ref] = _excerpt(paragraph.plain if paragraph.plain else paragraph.text,
                                                     mention.term)
        for ref, found in roles.items():
            if ref in data.entities:
                data.entities[ref].appearances.append(Appearance(info, found, excerpts.get(ref, "")))


def _excerpt(text: str, term: str) -> str:
    text = " ".join(text.split())
    at = text.find(term)
    if at < 0:
        return text[:2 * EXCERPT] + ("…" if len(text) > 2 * EXCERPT else "")
    start, end = max(0, at - EXCERPT), min(len(text), at + len(term) + EXCERPT)
    if start:  # whole words only
        start = text.find(" ", start, at) + 1 or start
    if end < len(text):
        end = text.rfind(" ", at + len(term), end) if text.rfind(" ", at + len(term), end) > 0 else end
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def _history(data: SiteData) -> None:
    from narrative_cli.insight.report_html import _progress
    from narrative_cli.site.changes import read_changes

    data.changes = read_changes(data.root)
    for ref, events in data.changes.by_entity.items():
        if ref in data.entities:
            data.entities[ref].history = events
    data.progress = _progress(data.root)


def kinds_in_order() -> tuple[str, ...]:
    return CANON_KINDS

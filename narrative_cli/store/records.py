"""What a loaded project is: entities, chapters, scenes and what the loader found.

Plain data, kept apart from the loader (store/project.py, which re-exports
these names) so both stay small.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Iterator

from narrative_cli.diagnostics import Diagnostic
from narrative_cli.model.canon import Entity
from narrative_cli.model.common import CANON_KINDS
from narrative_cli.model.project import ProjectConfig
from narrative_cli.model.scene import ChapterCard, SceneCard

# An HTML comment is the writer's note to self. The blanks before it go too, so a note at a
# line's end leaves no two trailing spaces (a Markdown hard break); its newlines stay, so
# the lines after it keep their numbers.
COMMENT = re.compile(r"[ \t]*<!--(?:-?>|.*?-->)", re.S)


@dataclass
class EntityRecord:
    kind: str
    id: str
    rel: str
    text: str
    model: Entity

    @property
    def ref(self) -> str:
        return f"{self.kind}/{self.id}"

    @property
    def deleted(self) -> bool:
        return self.model.deleted_at is not None

    @property
    def names(self) -> list[str]:
        return [self.model.name, *self.model.aliases]


@dataclass
class Scene:
    chapter: "Chapter"
    number: int
    slug: str
    rel: str
    card: SceneCard
    body: str
    body_line: int
    card_line: int  # first YAML line of the card (0 when there is none)
    text: str  # the whole file, for locating keys

    @property
    def ref(self) -> str:
        return f"{self.chapter.number:02d}-{self.number:02d}"

    @property
    def deleted(self) -> bool:
        return self.card.deleted_at is not None

    @property
    def title(self) -> str:
        return self.card.title or self.slug.replace("-", " ").capitalize()

    @cached_property
    def prose(self) -> str:
        """The body as the book prints it: what export, word counts and story checks read."""
        if "<!--" not in self.body:
            return self.body
        return COMMENT.sub(lambda m: "\n" * m.group().count("\n"), self.body)

    @property
    def words(self) -> int:
        """Words of the prose by the one word counter (lone Markdown marks such as `>` or `***` are not words)."""
        from narrative_cli.wordcount import count_words

        return count_words(self.prose)


@dataclass
class Chapter:
    number: int
    slug: str
    rel: str
    card: ChapterCard
    scenes: list[Scene] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.card.title or self.slug.replace("-", " ").capitalize()

    @property
    def live_scenes(self) -> list[Scene]:
        return [s for s in self.scenes if not s.deleted]


@dataclass
class Project:
    root: Path
    config: ProjectConfig | None
    config_text: str = ""
    entities: dict[str, dict[str, EntityRecord]] = field(default_factory=dict)
    chapters: list[Chapter] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # Files that failed their schema, with the failing keys left out (store/schema.salvage):
    # never listed, exported or resolved; only their other references are still checked.
    partial: list = field(default_factory=list)
    _index: tuple | None = field(default=None, init=False, repr=False, compare=False)

    def all_entities(self, include_deleted: bool = False) -> Iterator[EntityRecord]:
        for kind in CANON_KINDS:
            for record in self.entities.get(kind, {}).values():
                if include_deleted or not record.deleted:
                    yield record

    def all_scenes(self, include_deleted: bool = False) -> Iterator[Scene]:
        for chapter in self.chapters:
            for scene in chapter.scenes:
                if include_deleted or not scene.deleted:
                    yield scene

    def ids_by_stem(self) -> dict[str, list[EntityRecord]]:
        """id -> records of every kind with that id (deleted included).

        Built once and cached: `resolve()` asks for it once per reference, and
        rebuilding it each time made validate O(references x entities). The
        cache notices records added or removed (or a kind's dict replaced);
        code that swaps one record for another under the same id calls
        `invalidate_index()`.
        """
        key = self._index_key()
        if self._index is None or self._index[0] != key:
            found: dict[str, list[EntityRecord]] = {}
            for record in self.all_entities(include_deleted=True):
                found.setdefault(record.id, []).append(record)
            self._index = (key, found, {})
        return self._index[1]

    def id_pool(self, kinds: tuple[str, ...] | None = None) -> list[str]:
        """Every id of `kinds` (all kinds when None), deleted included: the did-you-mean
        candidates, cached with the index because a broken project asks once per bad reference."""
        self.ids_by_stem()
        pools = self._index[2]
        if kinds not in pools:
            pools[kinds] = [r.id for r in self.all_entities(include_deleted=True) if not kinds or r.kind in kinds]
        return pools[kinds]

    def invalidate_index(self) -> None:
        """Forget the cached id index (after replacing records in `entities`)."""
        self._index = None

    def _index_key(self) -> tuple:
        return tuple((kind, id(records), len(records)) for kind, records in self.entities.items())

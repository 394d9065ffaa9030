"""The format-neutral Manuscript types that every writer (DOCX, EPUB, PDF, Markdown) reads.

manuscript.py builds one, parse.py and typography.py make its blocks and runs; all of them,
and every writer, import these types from here, so the imports point one way.

Inline text is a list of runs `(text, flags)`: flags EM and STRONG combine;
a run with flags BR is a hard line break (its text is empty).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Union

EM, STRONG, BR = 1, 2, 4

Run = tuple[str, int]


@dataclass(slots=True)
class Para:
    runs: list[Run]


@dataclass(slots=True)
class Quote:
    blocks: list["Block"]


@dataclass(slots=True)
class ListBlock:
    ordered: bool
    start: int
    items: list[list["Block"]]


@dataclass(slots=True)
class Break:
    """An explicit `***` inside a scene: printed like a scene break."""


Block = Union[Para, Quote, ListBlock, Break]


@dataclass(slots=True)
class MScene:
    ref: str  # 01-02: chapter folder number - scene file number
    title: str
    blocks: list[Block]
    words: int


@dataclass(slots=True)
class MPart:
    """A part of the book ("Book the First: Recalled to Life"), opened by the chapter that names it."""

    label: str  # "Book the First", "Part One"
    title: str  # "Recalled to Life"; "" when the part has only its label

    @property
    def name(self) -> str:
        return f"{self.label}: {self.title}" if self.title else self.label


@dataclass(slots=True)
class MChapter:
    number: int  # position in the whole book's reading order, from 1
    label: str  # "Chapter 3", or the author's own label-like title ("Letter IV", "CHAPTER I.")
    title: str  # "" for an untitled chapter: only its label is printed
    scenes: list[MScene]
    part: MPart | None = None  # the part this chapter opens: printed before it

    @property
    def words(self) -> int:
        return sum(s.words for s in self.scenes)


def in_parts(chapters: list[MChapter]) -> list[tuple[MChapter, bool]]:
    """Each chapter and whether it is in a part: from the chapter that opens one, every chapter is
    (a chapter before the first part stands beside the parts, not under one)."""
    found, inside = [], False
    for chapter in chapters:
        inside = inside or chapter.part is not None
        found.append((chapter, inside))
    return found


@dataclass
class Manuscript:
    title: str
    subtitle: str | None
    authors: list[str]
    language: str
    identifier: str
    description: str | None
    rights: str | None
    scene_break: str
    contact: object | None  # model.project.Contact
    cover: Path | None
    chapters: list[MChapter] = field(default_factory=list)
    commit: str | None = None  # the commit the book is built from (printed on a PDF's copyright page)

    @property
    def words(self) -> int:
        return sum(c.words for c in self.chapters)

    @property
    def openings(self) -> int:
        """Chapter openings, a part counting as two more pages (its own and its blank back), for
        the page-count estimate the gutter starts from."""
        return len(self.chapters) + 2 * sum(c.part is not None for c in self.chapters)

    @property
    def scene_count(self) -> int:
        return sum(len(c.scenes) for c in self.chapters)

    @property
    def byline(self) -> str:
        names = self.authors
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]

"""Building the Manuscript: selection by chapter and status, soft-deleted scenes left out."""

from __future__ import annotations

import pytest

from narrative_cli.errors import UsageError
from narrative_cli.export.manuscript import build_manuscript
from narrative_cli.export.options import resolve
from narrative_cli.store.project import load_project
from tests.export.helpers import scene, write_project


def manuscript(root, **flags):
    project = load_project(root)
    return build_manuscript(project, resolve(project.config, root, "md", None, flags))


@pytest.fixture
def three(tmp_path):
    return write_project(tmp_path / "three", [
        ("One", [scene("Draft one.\n", status="draft"), scene("Final one.\n", status="final")]),
        ("Two", [scene("Gone.\n", status="final", deleted_at="2026-01-02T03:04:05Z", deleted_by="ed")]),
        ("Three", [scene("Revised three.\n", status="revised")]),
    ])


def text_of(book):
    return [[s.blocks[0].runs[0][0] for s in c.scenes] for c in book.chapters]


def test_soft_deleted_scenes_and_their_empty_chapters_never_appear(three):
    book = manuscript(three)
    assert [(c.number, c.title) for c in book.chapters] == [(1, "One"), (2, "Three")]
    assert text_of(book) == [["Draft one.", "Final one."], ["Revised three."]]
    assert (book.words, book.scene_count) == (6, 3)


def test_status_selects_scenes_at_or_above(three):
    assert text_of(manuscript(three, status="revised")) == [["Final one."], ["Revised three."]]
    assert text_of(manuscript(three, status="final")) == [["Final one."]]


def test_chapter_selection_keeps_book_numbers(three):
    book = manuscript(three, chapters="2")
    assert [(c.number, c.title) for c in book.chapters] == [(2, "Three")]


def test_selecting_a_missing_chapter(three):
    with pytest.raises(UsageError) as caught:
        manuscript(three, chapters="1-5")
    assert caught.value.message == "no chapter 3: the book has 2 chapters"


def test_progress_reaches_the_total_even_when_scenes_are_skipped(three):
    project = load_project(three)
    seen: list[tuple[int, int]] = []
    build_manuscript(project, resolve(project.config, three, "md", None, {"status": "final"}),
                     lambda done, total: seen.append((done, total)))
    assert seen == [(1, 3), (2, 3), (3, 3)]

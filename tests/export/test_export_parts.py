"""Parts (`part:` in chapter.yaml): a heading page of their own in the EPUB, chapters nested under
them in its contents, `##` parts over `###` chapters in Markdown, and back again through import."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from narrative_cli.export.build import export
from tests.conftest import git
from tests.export.helpers import epubcheck, epubcheck_problems, scene, write_project, zip_text

PARTS = {1: "Book the First: Recalled to Life", 3: "Book the Second -- The Golden Thread"}


def parted_book(root: Path) -> Path:
    """Two Cities in small: a part opens at chapters 1 and 3."""
    write_project(root, [("The Period", [scene("It was the best of times.\n")]),
                         ("The Mail", [scene("It was the Dover road.\n")]),
                         ("Five Years Later", [scene("Tellson's Bank was old.\n")])])
    for number, part in PARTS.items():
        card = root / f"manuscript/{number:02d}-chapter-{number}/chapter.yaml"
        card.write_text(json.dumps({**json.loads(card.read_text()), "part": part}) + "\n", encoding="utf-8")
    git(root, "commit", "-qam", "Parts")
    return root


def test_the_epub_gives_each_part_a_page_and_nests_its_chapters(tmp_path):
    root = parted_book(tmp_path / "book")
    path = tmp_path / "b.epub"
    export(root, "epub", None, {"output": path})
    page = zip_text(path, "EPUB/text/part-001.xhtml")
    assert ('<h1 id="part-1"><span class="label">Book the First</span> <span class="title">Recalled to Life</span>'
            in page) and 'epub:type="part"' in page
    assert '<span class="title">The Golden Thread</span>' in zip_text(path, "EPUB/text/part-003.xhtml")  # -- is a dash
    opf = zip_text(path, "EPUB/package.opf")
    spine = [line.split('"')[1] for line in opf.split("<spine")[1].splitlines() if "itemref" in line]
    assert spine == ["title-page", "nav", "part-1", "chapter-1", "chapter-2", "part-3", "chapter-3"]
    nav = zip_text(path, "EPUB/nav.xhtml")
    first = nav.index("Book the First: Recalled to Life")
    assert first < nav.index("Chapter 1: The Period") < nav.index("Chapter 2: The Mail") < nav.index("Book the Second")
    assert nav.count("<ol>") == 4  # contents, two parts' chapters, landmarks
    assert 'epub:type="bodymatter" href="text/part-001.xhtml"' in nav
    ncx = zip_text(path, "EPUB/toc.ncx")
    assert '<meta name="dtb:depth" content="2"/>' in ncx and 'playOrder="5"' in ncx
    report = epubcheck(path)
    assert epubcheck_problems(report) == [] and report["checker"]["nError"] == 0


def test_markdown_puts_parts_over_chapters_and_import_reads_them_back(tmp_path, cli):
    root = parted_book(tmp_path / "book")
    export(root, "md", None, {"output": tmp_path / "b.md"})
    headings = [line for line in (tmp_path / "b.md").read_text().splitlines() if line.startswith("#")]
    assert headings == ["# The Test Book", "## Book the First: Recalled to Life", "### Chapter 1: The Period",
                        "### Chapter 2: The Mail", "## Book the Second: The Golden Thread",
                        "### Chapter 3: Five Years Later"]
    assert cli("import", str(tmp_path / "b.md"), str(tmp_path / "back")).exit_code == 0
    cards = sorted((tmp_path / "back/manuscript").glob("*/chapter.yaml"))
    assert [c.read_text().count("part:") for c in cards] == [1, 0, 1]
    export(tmp_path / "back", "md", None, {"output": tmp_path / "again.md"})
    assert (tmp_path / "again.md").read_text().split("\n## ", 1)[1] == (tmp_path / "b.md").read_text().split("\n## ", 1)[1]


def test_a_selection_prints_the_parts_its_chapters_open_and_a_book_without_parts_keeps_its_shape(tmp_path):
    root = parted_book(tmp_path / "book")
    export(root, "md", None, {"output": tmp_path / "two.md", "chapters": "2-3"})
    headings = [line for line in (tmp_path / "two.md").read_text().splitlines() if line.startswith("##")]
    assert headings == ["### Chapter 2: The Mail", "## Book the Second: The Golden Thread",
                        "### Chapter 3: Five Years Later"]
    plain = write_project(tmp_path / "plain", [("The Period", [scene("It was.\n")])])
    export(plain, "md", None, {"output": tmp_path / "plain.md"})
    assert "## Chapter 1: The Period" in (tmp_path / "plain.md").read_text().splitlines()


def test_list_chapters_shows_the_parts(tmp_path, cli):
    root = parted_book(tmp_path / "book")
    listed = json.loads(cli("list", "chapters", "--format", "json", cwd=root).stdout)
    assert [c["part"] for c in listed] == [PARTS[1], None, PARTS[3]]
    table = cli("list", "chapters", cwd=root).stdout
    assert "part" in table.splitlines()[2] and "Book the First" in table


def test_new_chapter_can_open_a_part(tmp_path, cli):
    root = parted_book(tmp_path / "book")
    made = cli("new", "chapter", "Echoing Footsteps", "--part", "Book the Third:  The Track of a Storm", cwd=root)
    assert made.exit_code == 0, made.stderr
    card = (root / "manuscript/04-echoing-footsteps/chapter.yaml").read_text()
    assert card.startswith("title: Echoing Footsteps\npart: 'Book the Third: The Track of a Storm'\n")
    (root / "manuscript/04-echoing-footsteps/01-a.md").write_text("The storm came.\n")
    export(root, "md", None, {"output": tmp_path / "b.md"})
    assert "## Book the Third: The Track of a Storm\n\n### Chapter 4: Echoing Footsteps" in (tmp_path / "b.md").read_text()


@pytest.mark.parametrize("manuscript", [False, True])
def test_parts_come_back_from_narratives_own_docx(tmp_path, cli, manuscript):
    """Part Label / Part Title paragraphs are a part, with a prologue before the first part (a
    chapter at Heading 1 while the parts' chapters are at Heading 2)."""
    root = parted_book(tmp_path / "book")
    card = root / "manuscript/00-prologue/chapter.yaml"
    card.parent.mkdir()
    card.write_text('{"title": "Prologue"}\n')
    (card.parent / "01-a.md").write_text("Before it all.\n")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "Prologue")
    export(root, "docx", None, {"output": tmp_path / "b.docx", "manuscript_format": manuscript})
    assert cli("import", str(tmp_path / "b.docx"), str(tmp_path / "back")).exit_code == 0
    for name in ("book", "back"):
        export(tmp_path / name, "md", None, {"output": tmp_path / f"{name}.md"})
    again, book = (tmp_path / "back.md").read_text(), (tmp_path / "book.md").read_text()
    assert again[again.index("\n##"):] == book[book.index("\n##"):]
    assert "## Book the Second: The Golden Thread\n\n### Chapter 4: Five Years Later" in again


def test_an_imported_part_keeps_its_label_and_title(tmp_path, cli):
    """`# Part One: The Beginning` over `##` chapters was kept as "The Beginning" alone."""
    (tmp_path / "draft.md").write_text("---\ntitle: T\n---\n\n# Part One: The Beginning\n\n## Chapter 1\n\nIt began.\n\n"
                                       "## Chapter 2\n\nOn.\n\n# Part Two\n\n## Chapter 3\n\nIt ended.\n")
    assert cli("import", str(tmp_path / "draft.md"), str(tmp_path / "back")).exit_code == 0
    cards = [c.read_text() for c in sorted((tmp_path / "back/manuscript").glob("*/chapter.yaml"))]
    assert ["part: 'Part One: The Beginning'" in cards[0], "part" in cards[1], "part: Part Two" in cards[2]] == [True, False, True]
    from narrative_cli.importers.structure import reads_as_part

    assert [reads_as_part(t) for t in ("Book the First: Recalled to Life", "Part One", "The Book of Days")] == \
        [True, True, False]


def test_a_part_named_on_an_empty_chapter_opens_the_next_one(tmp_path):
    """`new chapter --part` before its scenes are written, or a chapter whose scenes are all
    deleted: the part still opens where the book goes on."""
    root = parted_book(tmp_path / "book")
    card = root / "manuscript/03-chapter-3/chapter.yaml"
    card.write_text('{"title": "Five Years Later"}\n')
    empty = root / "manuscript/02-chapter-2"
    (empty / "chapter.yaml").write_text('{"title": "The Mail", "part": "Book the Second"}\n')
    for scene_file in empty.glob("*.md"):
        scene_file.unlink()
    git(root, "commit", "-qam", "The Mail not written yet")
    export(root, "md", None, {"output": tmp_path / "b.md"})
    headings = [line for line in (tmp_path / "b.md").read_text().splitlines() if line.startswith("##")]
    assert headings == ["## Book the First: Recalled to Life", "### Chapter 1: The Period", "## Book the Second",
                        "### Chapter 2: Five Years Later"]


def test_a_part_heading_splits_at_its_first_separator():
    from narrative_cli.export.manuscript import part_heading

    assert [(p.label, p.title) for p in map(part_heading, (
        "Book the First: Recalled to Life", "Part Two — The Road", "Part One. The Road: Home", "Epilogue",
        "Part  Three:   Storm"))] == [("Book the First", "Recalled to Life"), ("Part Two", "The Road"),
                                      ("Part One", "The Road: Home"), ("Epilogue", ""), ("Part Three", "Storm")]

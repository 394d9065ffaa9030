"""Parts in DOCX and PDF: the part heading on a page of its own before the chapter that opens it,
above its chapters in the outline and the contents; read back with python-docx, pypdf and LibreOffice."""

from __future__ import annotations

import json
import re
from pathlib import Path

import docx
import pypdf
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from narrative_cli.export.build import export
from tests.conftest import git
from tests.export.helpers import scene, write_project, zip_text
from tests.export.test_export_docx_office import needs_soffice, office_pdf
from tests.export.test_export_pdf import prose, texts

HOSTILE = 'Part #panic(1) $x$ a < b & c \\ end "q"'
HOSTILE_PRINTED = HOSTILE.replace('"q"', "\u201cq\u201d")  # smart quotes, as in any title
OUTLINE = ["Chapter 1: Prologue",
           "Book the First: Recalled to Life", ["Chapter 2: The Period", "Chapter 3: The Mail"],
           HOSTILE_PRINTED, ["Chapter 4"]]


def with_parts(root: Path, parts: dict[int, str]) -> Path:
    """Give chapter N (1-based) `part:` in its chapter.yaml and commit."""
    for number, part in parts.items():
        card = next((root / "manuscript").glob(f"{number:02d}-*")) / "chapter.yaml"
        card.write_text(json.dumps({**json.loads(card.read_text(encoding="utf-8")), "part": part}) + "\n",
                        encoding="utf-8")
    git(root, "commit", "-q", "-am", "Parts")
    return root


def parts_book(root: Path, parts: bool = True) -> Path:
    """A prologue outside any part, a titled part of two chapters, a label-only part (of hostile
    text) opened by an untitled chapter."""
    root = write_project(root, [("Prologue", [scene(prose(1, 300))]), ("The Period", [scene(prose(2, 700))]),
                                ("The Mail", [scene(prose(3, 300))]), (None, [scene(prose(4, 300))])])
    return with_parts(root, {2: "Book the First: Recalled to Life", 4: HOSTILE}) if parts else root


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return parts_book(tmp_path_factory.mktemp("parts") / "book")


def headings(path: Path) -> list[tuple[str, str]]:
    """(style, text) of every paragraph but the prose."""
    return [(p.style.name, p.text) for p in docx.Document(str(path)).paragraphs
            if p.style.name not in ("First Paragraph", "Body Text", "Scene Break")]


def test_docx_part_heading_opens_a_page_before_its_chapter(project, tmp_path):
    path = export(project, "docx", flags={"output": tmp_path / "b.docx"}).output
    assert headings(path)[3:] == [
        ("TOC Heading", "Contents"),
        ("toc 1", "Prologue"), ("toc 1", "Recalled to Life"), ("toc 2", "The Period"), ("toc 2", "The Mail"),
        ("toc 1", HOSTILE_PRINTED), ("toc 2", "Chapter 4"),
        ("Chapter Label", "Chapter 1"), ("Heading 1", "Prologue"),
        ("Part Label", "Book the First"), ("Part Title", "Recalled to Life"),
        ("Chapter Label", "Chapter 2"), ("Heading 2", "The Period"),
        ("Chapter Label", "Chapter 3"), ("Heading 2", "The Mail"),
        ("Part Title", HOSTILE_PRINTED),  # label only: it is the heading and opens the page itself
        ("Heading 2", "Chapter 4"),
    ]
    document = docx.Document(str(path))
    label, title = document.styles["Part Label"], document.styles["Part Title"]
    assert label.paragraph_format.page_break_before and label.paragraph_format.keep_with_next
    assert label.paragraph_format.alignment == title.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert title.font.size == Pt(22) and label.font.small_caps
    untitled = next(p for p in document.paragraphs if p.text == HOSTILE_PRINTED and p.style.name == "Part Title")
    assert untitled.paragraph_format.page_break_before
    # the chapters after a part still open their own pages
    assert document.styles["Chapter Label"].paragraph_format.page_break_before
    chapter_4 = next(p for p in document.paragraphs if p.text == "Chapter 4" and p.style.name == "Heading 2")
    assert chapter_4.paragraph_format.page_break_before


def test_docx_part_is_the_outline_level_above_its_chapters(project, tmp_path):
    path = export(project, "docx", flags={"output": tmp_path / "b.docx"}).output
    styles = zip_text(path, "word/styles.xml")
    for style_id, level in (("PartTitle", 0), ("Heading1", 0), ("Heading2", 1)):
        assert re.search(rf'w:styleId="{style_id}".*?<w:outlineLvl w:val="{level}"/>', styles, re.S), style_id
    assert not re.search(r'w:styleId="PartLabel"(?:(?!</w:style>).)*outlineLvl', styles, re.S)
    body = zip_text(path, "word/document.xml")
    assert '<w:instrText xml:space="preserve"> TOC \\o "1-2" \\h \\z \\u </w:instrText>' in body
    marks = re.findall(r'<w:bookmarkStart w:id="(\d+)" w:name="([^"]+)"/>', body)
    assert len({i for i, _ in marks}) == len(marks) == 6
    anchors = re.findall(r'<w:hyperlink w:anchor="([^"]+)"', body)
    assert anchors == [name for _, name in marks]  # every contents entry points at its heading


def test_docx_manuscript_prints_the_part_plainly_on_its_own_page(project, tmp_path):
    path = export(project, "docx", flags={"output": tmp_path / "m.docx", "manuscript_format": True}).output
    found = headings(path)
    at = found.index(("Part Label", "Book the First"))
    assert found[at:at + 3] == [("Part Label", "Book the First"), ("Part Title", "Recalled to Life"),
                                ("Chapter Label", "Chapter 2")]
    document = docx.Document(str(path))
    label, title = document.styles["Part Label"], document.styles["Part Title"]
    assert label.paragraph_format.page_break_before
    assert title.font.size == Pt(12) and not label.font.small_caps


def test_docx_without_parts_has_no_part_styles(tmp_path):
    path = export(parts_book(tmp_path / "plain", parts=False), "docx", flags={"output": tmp_path / "b.docx"}).output
    styles = zip_text(path, "word/styles.xml")
    assert not re.search(r'w:styleId="(PartLabel|PartTitle|toc2)"', styles)
    assert '\\o "1-1"' in zip_text(path, "word/document.xml")


def outline(reader: pypdf.PdfReader, items=None) -> list:
    """The PDF outline's titles, children as a list after their parent."""
    return [outline(reader, item) if isinstance(item, list) else item.title
            for item in (reader.outline if items is None else items)]


def pages_of(reader: pypdf.PdfReader, items=None) -> dict[str, int]:
    """Outline title -> 1-based physical page, at every depth."""
    found = {}
    for item in reader.outline if items is None else items:
        found.update(pages_of(reader, item) if isinstance(item, list)
                     else {item.title: reader.get_destination_page_number(item) + 1})
    return found


@pytest.mark.parametrize("start", ["right", "any"])
def test_pdf_part_has_a_recto_of_its_own_and_the_outline_nests_its_chapters(project, tmp_path, start):
    reader = pypdf.PdfReader(str(export(project, "pdf", flags={
        "output": tmp_path / "b.pdf", "chapter_start": start, "include_toc": True}).output))
    assert outline(reader) == OUTLINE
    pages, at = texts(reader), pages_of(reader)
    for part, printed, chapter in (("Book the First: Recalled to Life", "Book the First Recalled to Life",
                                    "Chapter 2: The Period"), (HOSTILE_PRINTED, HOSTILE_PRINTED, "Chapter 4")):
        page = at[part]
        assert page % 2 == 1, part  # a recto
        assert pages[page - 1].split() == printed.split()  # alone: no running head, no folio
        assert not pages[page].strip()  # its back is blank
        assert at[chapter] == page + 2  # the chapter opens on the next recto
    contents = next(t for t in pages if t.startswith("Contents"))
    assert [line.rsplit(" ", 1)[0] for line in contents.splitlines()[1:]] == [
        "Chapter 1: Prologue", "Book the First: Recalled to Life", "Chapter 2: The Period", "Chapter 3: The Mail",
        HOSTILE_PRINTED, "Chapter 4"]


def test_pdf_a_part_before_chapter_one_is_page_one(tmp_path):
    root = with_parts(write_project(tmp_path / "first", [("Opening", [scene(prose(1, 900))])]), {1: "Part One"})
    reader = pypdf.PdfReader(str(export(root, "pdf", flags={"output": tmp_path / "b.pdf"}).output))
    assert outline(reader) == ["Part One", ["Chapter 1: Opening"]]
    at, pages = pages_of(reader), texts(reader)
    assert at["Chapter 1: Opening"] == at["Part One"] + 2
    assert pages[at["Part One"] + 2].strip().splitlines()[0] == "4 Ada Quill"  # the part's page counts as 1


def test_pdf_manuscript_part_alone_on_its_page(project, tmp_path):
    reader = pypdf.PdfReader(str(export(project, "pdf", flags={"output": tmp_path / "m.pdf",
                                                              "manuscript_format": True}).output))
    assert outline(reader) == ["Prologue", "Recalled to Life", ["The Period", "The Mail"],
                               HOSTILE_PRINTED, ["Chapter 4"]]
    pages, at = texts(reader), pages_of(reader)
    lines = pages[at["Recalled to Life"] - 1].strip().splitlines()
    assert re.fullmatch(r"Quill / The Test Book / \d+", lines[0]) and lines[1:] == ["Book the First",
                                                                                    "Recalled to Life"]
    assert at["The Period"] == at["Recalled to Life"] + 1


@pytest.mark.parametrize("fmt, flags", [("docx", {}), ("docx", {"manuscript_format": True}), ("pdf", {}),
                                        ("pdf", {"manuscript_format": True})])
def test_parts_are_reproducible(project, tmp_path, monkeypatch, fmt, flags):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first, second = (export(project, fmt, flags={"output": tmp_path / f"{n}.{fmt}", **flags}).output.read_bytes()
                     for n in "ab")
    assert first == second


@needs_soffice
@pytest.mark.parametrize("manuscript", [False, True], ids=["book", "manuscript"])
def test_libreoffice_sets_the_part_alone_on_its_page(project, tmp_path, manuscript):
    path = export(project, "docx", flags={"output": tmp_path / "b.docx", "manuscript_format": manuscript}).output
    reader = office_pdf(path, tmp_path)
    pages = [(page.extract_text() or "").strip().splitlines() for page in reader.pages]
    # the folio (book) or the running header (manuscript) aside, the part is all its page holds
    # (small caps read as capitals)
    alone = [" ".join(line.strip().casefold() for line in page
                      if not re.fullmatch(r"\d+|Quill / .* / \d+", line.strip())) for page in pages]
    assert "book the first recalled to life" in alone
    assert " ".join(HOSTILE_PRINTED.split()).casefold() in alone
    following = alone[alone.index("book the first recalled to life") + 1]
    assert following.startswith("chapter 2 the period ")
    # LibreOffice reads the outline levels as Word's navigation pane does: chapters under their part
    # (its bookmarks drop a backslash; the page keeps it)
    assert outline(reader) == ["Prologue", "Recalled to Life", ["The Period", "The Mail"],
                               HOSTILE_PRINTED.replace("\\", ""), ["Chapter 4"]]

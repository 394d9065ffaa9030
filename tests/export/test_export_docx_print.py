"""DOCX defects found on real novels: untitled chapters open a page, an author's label-like
title is kept, the book's own words are curled, a print trim, no template leftovers."""

from __future__ import annotations

import re

import docx
from docx.shared import Inches

from narrative_cli.export.build import export
from narrative_cli.export.trim import estimate_pages, gutter, parse_trim
from tests.export.helpers import scene, write_project, zip_names, zip_text


def labelled_book(tmp_path, **config):
    """Folder titles (01-chapter-1 with no title), an author's "Letter IV", a real title, and a
    title that is exactly the printed label."""
    return write_project(tmp_path / "labels", [
        ("Chapter 1", [scene("One.\n")]), ("Letter IV", [scene("Two.\n")]), ("The Road", [scene("Three.\n")]),
        ("Chapter 4", [scene("Four.\n")]), ("CHAPTER V.", [scene("Five.\n")])], **config)


def headings(path) -> list[tuple[str, str, bool]]:
    """(style, text, opens a page) of every label and heading paragraph."""
    found = []
    for p in docx.Document(str(path)).paragraphs:
        if p.style.name in ("Chapter Label", "Heading 1"):
            breaks = bool(p.paragraph_format.page_break_before or p.style.paragraph_format.page_break_before)
            found.append((p.style.name, p.text, breaks))
    return found


def test_every_chapter_opens_a_page_and_an_authors_label_is_kept(tmp_path):
    root = labelled_book(tmp_path)
    for manuscript in (False, True):
        path = export(root, "docx", flags={"output": root / "b.docx", "manuscript_format": manuscript}).output
        assert headings(path) == [
            ("Heading 1", "Chapter 1", True), ("Heading 1", "Letter IV", True),
            ("Chapter Label", "Chapter 3", True), ("Heading 1", "The Road", False),
            ("Heading 1", "Chapter 4", True), ("Heading 1", "CHAPTER V.", True)]
        assert "Chapter 2" not in docx.Document(str(path)).paragraphs.__repr__()
    export(root, "epub", flags={"output": root / "b.epub"})
    nav = zip_text(root / "b.epub", "EPUB/nav.xhtml")
    assert ">Letter IV</a>" in nav and ">Chapter 3: The Road</a>" in nav and ">CHAPTER V.</a>" in nav


def test_titles_and_names_are_curled_like_the_prose(tmp_path):
    root = write_project(tmp_path / "quotes", [("The Captain's \"Last\" Word", [scene("It's \"here\".\n")])],
                         title="The Captain's Daughter", subtitle='A "True" Story', author="Flann O'Brien")
    path = export(root, "docx", flags={"output": root / "b.docx"}).output
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    assert "The Captain\u2019s Daughter" in texts and "A \u201cTrue\u201d Story" in texts
    assert "Flann O\u2019Brien" in texts and "The Captain\u2019s \u201cLast\u201d Word" in texts
    assert document.core_properties.title == "The Captain\u2019s Daughter"
    assert document.core_properties.author == "Flann O\u2019Brien"
    export(root, "epub", flags={"output": root / "b.epub"})
    opf = zip_text(root / "b.epub", "EPUB/package.opf")
    assert "The Captain\u2019s Daughter</dc:title>" in opf and "Flann O\u2019Brien</dc:creator>" in opf


def test_epub_has_a_publication_date(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    root = labelled_book(tmp_path)
    export(root, "epub", flags={"output": root / "b.epub"})
    assert "<dc:date>2023-11-14T22:13:20Z</dc:date>" in zip_text(root / "b.epub", "EPUB/package.opf")


def test_no_stock_thumbnail_or_bibliography_part(tmp_path):
    root = labelled_book(tmp_path)
    path = export(root, "docx", flags={"output": root / "b.docx"}).output
    names = zip_names(path.read_bytes())
    assert not [n for n in names if "thumbnail" in n or n.startswith("customXml")]
    package = zip_text(path, "[Content_Types].xml") + zip_text(path, "_rels/.rels")
    package += zip_text(path, "word/_rels/document.xml.rels")
    assert "thumbnail" not in package and "customXml" not in package
    docx.Document(str(path))  # still a document python-docx (and Word) opens


def test_book_docx_takes_a_print_trim_with_mirrored_margins_and_a_gutter(tmp_path):
    root = labelled_book(tmp_path)
    path = export(root, "docx", flags={"output": root / "b.docx", "trim": "6x9"}).output
    section = docx.Document(str(path)).sections[0]
    assert (section.page_width, section.page_height) == (Inches(6), Inches(9))
    assert section.left_margin == Inches(0.375) and section.right_margin == Inches(parse_trim("6x9").outside)
    assert "<w:mirrorMargins/>" in zip_text(path, "word/settings.xml")
    a5 = export(root, "docx", flags={"output": root / "a5.docx", "trim": "A5"}).output
    assert round(docx.Document(str(a5)).sections[0].page_width.mm) == 148
    plain = export(root, "docx", flags={"output": root / "plain.docx"}).output
    assert docx.Document(str(plain)).sections[0].page_width == Inches(8.5)
    assert "mirrorMargins" not in zip_text(plain, "word/settings.xml")


def test_unknown_trim_is_a_coded_problem_and_writes_nothing(tmp_path, cli):
    root = labelled_book(tmp_path)
    result = cli("export", "docx", "--trim", "9x6x2", "-o", str(root / "b.docx"), cwd=root)
    assert result.exit_code == 1
    assert "--trim: error N901: unknown trim '9x6x2'" in result.stdout + result.stderr
    assert not (root / "b.docx").exists()


def test_gutter_follows_kdp_page_counts():
    assert [gutter(n) for n in (24, 150, 151, 300, 301, 500, 501, 700, 701, 828)] == [
        0.375, 0.375, 0.5, 0.5, 0.625, 0.625, 0.75, 0.75, 0.875, 0.875]
    assert estimate_pages(90_000, parse_trim("6x9")) > estimate_pages(90_000, parse_trim("8.5x11"))
    assert parse_trim("152x229mm").width == round(152 / 25.4, 4)
    assert re.search("not a book page", _bad("11x8.5"))


def _bad(spec: str) -> str:
    from narrative_cli.export.trim import BadTrim

    try:
        parse_trim(spec)
    except BadTrim as exc:
        return str(exc)
    return ""

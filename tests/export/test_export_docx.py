"""DOCX: read back with python-docx and from the raw XML."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.shared import Inches, Pt

from narrative_cli.export.build import export
from tests.export.helpers import zip_text


def build(root: Path, **flags) -> Path:
    return export(root, "docx", flags={"output": root / "out.docx", **flags}).output


def styled(path: Path) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in docx.Document(str(path)).paragraphs]


def test_book_layout_paragraphs_and_styles(book):
    path = build(book)
    assert styled(path) == [
        ("Title", "The Test Book"), ("Subtitle", "A Fixture"), ("Author", "Ada Quill"),
        ("TOC Heading", "Contents"), ("toc 1", "Arrival"), ("toc 1", "The Road Inland"),
        ("Chapter Label", "Chapter 1"), ("Heading 1", "Arrival"),
        ("First Paragraph", "\u201cHello,\u201d she said \u2013 it\u2019s Marisol\u2026"),
        ("Body Text", "Elena counted the guards twice."),
        ("Scene Break", "* * *"),
        ("First Paragraph", "The customs house smelled of tar."),
        ("Chapter Label", "Chapter 2"), ("Heading 1", "The Road Inland"),
        ("First Paragraph", "They left at dawn\u2014all of them."),
    ]


def test_no_blank_paragraphs_and_no_direct_paragraph_formatting(book):
    body = zip_text(build(book), "word/document.xml")
    paragraphs = re.findall(r"<w:p>.*?</w:p>", body)
    assert paragraphs and all("<w:t" in p or "<w:fldChar" in p for p in paragraphs)
    ppr = re.findall(r"<w:pPr>(.*?)</w:pPr>", body)
    assert all(re.fullmatch(r'<w:pStyle w:val="[A-Za-z0-9]+"/>', p) for p in ppr)


def test_real_italic_and_bold_runs(features):
    document = docx.Document(str(build(features)))
    runs = [(r.text, r.italic, r.bold) for p in document.paragraphs for r in p.runs if r.italic or r.bold]
    assert ("Marisol", True, None) in runs
    assert ("bold", None, True) in runs
    assert ("both", True, True) in runs


def test_chapters_start_on_new_pages_and_headings_are_outline_level_1(book):
    document = docx.Document(str(build(book)))
    label, heading = document.styles["Chapter Label"], document.styles["Heading 1"]
    assert label.paragraph_format.page_break_before is True
    assert heading.paragraph_format.keep_with_next is True
    styles = zip_text(build(book), "word/styles.xml")
    assert re.search(r'w:styleId="Heading1".*?<w:outlineLvl w:val="0"/>', styles, re.S)
    body = document.styles["Body Text"].paragraph_format
    assert body.first_line_indent == Inches(0.3)
    assert document.styles["First Paragraph"].paragraph_format.first_line_indent == 0
    assert document.styles["Scene Break"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_toc_is_a_word_field_updated_on_open(book):
    path = build(book)
    body = zip_text(path, "word/document.xml")
    assert '<w:instrText xml:space="preserve"> TOC \\o "1-1" \\h \\z \\u </w:instrText>' in body
    assert body.count('w:fldCharType="begin"') == 1 and body.count('w:fldCharType="end"') == 1
    assert '<w:bookmarkStart w:id="1" w:name="_Toc000001"/>' in body
    assert '<w:updateFields w:val="true"/>' in zip_text(path, "word/settings.xml")
    assert "TOC" not in zip_text(build(book, include_toc=False), "word/document.xml")


def test_book_footer_page_numbers_from_page_two(book):
    section = docx.Document(str(build(book))).sections[0]
    assert section.different_first_page_header_footer is True
    assert section.first_page_footer.paragraphs[0].text == ""
    assert 'w:instr=" PAGE "' in section.footer._element.xml


def test_lists_and_quotes(features):
    path = build(features)
    names = [s for s, _ in styled(path)]
    assert names.count("List Bullet") == 3 and names.count("List Number") == 2
    assert names.count("Block Text") == 2
    body = zip_text(path, "word/document.xml")
    assert '<w:numPr><w:ilvl w:val="1"/>' in body
    numbering = zip_text(path, "word/numbering.xml")
    assert '<w:startOverride w:val="3"/>' in numbering


def test_manuscript_format(book):
    path = build(book, manuscript_format=True)
    assert styled(path) == [
        ("Contact", "Ada Quill\tabout 100 words"), ("Contact", "12 Harbor Lane"), ("Contact", "Saltmarsh"),
        ("Contact", "ada@example.org"), ("Title", "The Test Book"), ("Subtitle", "A Fixture"),
        ("Author", "by Ada Quill"),
        ("Chapter Label", "Chapter 1"), ("Heading 1", "Arrival"),
        ("First Paragraph", "\u201cHello,\u201d she said \u2013 it\u2019s Marisol\u2026"),
        ("Body Text", "Elena counted the guards twice."), ("Scene Break", "#"),
        ("First Paragraph", "The customs house smelled of tar."),
        ("Chapter Label", "Chapter 2"), ("Heading 1", "The Road Inland"),
        ("First Paragraph", "They left at dawn\u2014all of them."), ("End Mark", "END"),
    ]
    document = docx.Document(str(path))
    normal = document.styles["Normal"]
    assert (normal.font.name, normal.font.size) == ("Times New Roman", Pt(12))
    assert normal.paragraph_format.line_spacing == 2.0
    assert normal.paragraph_format.line_spacing_rule == WD_LINE_SPACING.DOUBLE
    body = document.styles["Body Text"].paragraph_format
    assert (body.first_line_indent, body.alignment) == (Inches(0.5), WD_ALIGN_PARAGRAPH.LEFT)
    section = document.sections[0]
    assert [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin] == [Inches(1)] * 4
    assert section.different_first_page_header_footer is True
    assert section.first_page_header.paragraphs[0].text == ""
    header = section.header.paragraphs[0]
    assert header.text == "Quill / The Test Book / "
    assert header.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert 'w:instr=" PAGE "' in section.header._element.xml
    assert "TOC" not in zip_text(path, "word/document.xml")


def test_manuscript_courier_and_word_count_rounding(tmp_path):
    from tests.export.helpers import big_book

    root = big_book(tmp_path / "big", chapters=2, scenes=2, paragraphs=5)
    path = build(root, manuscript_format=True, font="courier")
    document = docx.Document(str(path))
    assert document.styles["Normal"].font.name == "Courier New"
    # 2 chapters x 2 scenes x 5 paragraphs x 25 words = 500 -> about 500
    assert document.paragraphs[0].text == "Ada Quill\tabout 500 words"


@pytest.mark.parametrize("words, rounded", [(0, 100), (149, 100), (150, 200), (12_349, 12_300), (12_350, 12_400)])
def test_round_words(words, rounded):
    from narrative_cli.export.docx import round_words

    assert round_words(words) == rounded


def test_core_properties(book):
    props = docx.Document(str(build(book))).core_properties
    assert (props.title, props.author, props.subject, props.revision, props.language) == (
        "The Test Book", "Ada Quill", "A Fixture", 1, "en")
    assert props.created == props.modified


def test_app_properties_name_narrative_and_count_words(book):
    app = zip_text(build(book), "docProps/app.xml")
    assert "<Application>narrative</Application>" in app and "<Words>22</Words>" in app


def test_hard_breaks_do_not_stretch_justified_lines(book):
    assert "<w:compat><w:doNotExpandShiftReturn/>" in zip_text(build(book), "word/settings.xml")


def test_manuscript_without_contact_uses_the_byline(tmp_path):
    from tests.export.helpers import scene, write_project

    root = write_project(tmp_path / "nc", [("One", [scene("Words here.\n")])], contact=None,
                         author=None, authors=["Jo March", "Laurie Laurence"])
    names = styled(build(root, manuscript_format=True))
    assert names[:3] == [("Contact", "Jo March and Laurie Laurence\tabout 100 words"), ("Title", "The Test Book"),
                         ("Subtitle", "A Fixture")]
    header = docx.Document(str(root / "out.docx")).sections[0].header.paragraphs[0].text
    assert header == "March / The Test Book / "


def test_running_header_surname_reads_particles_suffixes_and_the_contact_override(tmp_path):
    from narrative_cli.export.docx import byline_surname
    from tests.export.helpers import scene, write_project

    assert [byline_surname(n) for n in ("Ursula K. Le Guin", "Martin Luther King Jr.", "Le Guin, Ursula K.",
                                         "Ludwig van Beethoven", "Juan de la Cruz", "Mary Shelley, PhD", "Cher")] == [
        "Le Guin", "King", "Le Guin", "van Beethoven", "de la Cruz", "Shelley", "Cher"]

    def header(root):
        return docx.Document(str(build(root, manuscript_format=True))).sections[0].header.paragraphs[0].text

    plain = write_project(tmp_path / "a", [("One", [scene("Words.\n")])], author="Ursula K. Le Guin", contact=None)
    assert header(plain) == "Le Guin / The Test Book / "
    chosen = write_project(tmp_path / "b", [("One", [scene("Words.\n")])], author="Gabriel García Márquez",
                           contact={"surname": "García Márquez"})
    assert header(chosen) == "García Márquez / The Test Book / "

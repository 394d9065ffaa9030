"""PDF: the print interior read back with pypdf: pages, fonts, outline, heads and folios,
margins, hyphenation, every word, escaping, reproducibility, bad input."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pypdf
import pytest

from narrative_cli.errors import ProblemsFound
from narrative_cli.export.build import export
from narrative_cli.export.trim import gutter, parse_trim
from tests.export.helpers import scene, write_project

VOCABULARY = ("harbor lantern incomprehensibility notwithstanding circumnavigation extraordinarily "
              "disproportionately quartermaster ledger cipher smuggler assize mountain river bridge "
              "widow quiet grey bright heavy sudden careful counterfeit superintendent "
              "unquestionably administration responsibilities recommendation characteristically").split()
HOSTILE = r'Price #panic("x") and $x^2$ with @ref <label> \ back\slash // not a comment /* nor */ `tick` ~ = end'
LETTER = ('He read:\n\n    "Bond Street, January.\n    MY DEAR MADAM,\n\n'
          '    I have just had the honour\n    of receiving your letter.\n\n')
VERSE = "> How doth the little crocodile  \n> Improve his shining tail,  \n> And pour the waters of the Nile\n\n"
AUTHOR, TITLE = "Ada Quill", "The Test Book"


def prose(seed: int, words: int) -> str:
    """Paragraphs of about 60 words drawn from VOCABULARY (deterministic)."""
    out, para = [], []
    for i in range(words):
        para.append(VOCABULARY[(i * 7 + seed * 13 + i // 5) % len(VOCABULARY)])
        if len(para) == 60:
            out.append(" ".join(para).capitalize() + ".")
            para = []
    if para:
        out.append(" ".join(para).capitalize() + ".")
    return "\n\n".join(out) + "\n"


def print_book(root: Path) -> Path:
    """An untitled folder chapter, a titled chapter with a letter, verse and hostile text, and a
    chapter the author called "IV"."""
    return write_project(root, [
        (None, [scene(prose(1, 900)), scene(prose(2, 300))]),
        ("The Road", [scene(LETTER + prose(3, 500) + "\n" + VERSE + HOSTILE + "\n")]),
        ("IV", [scene(prose(4, 400))]),
    ])


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> tuple[Path, pypdf.PdfReader]:
    root = print_book(tmp_path_factory.mktemp("print") / "book")
    path = export(root, "pdf", flags={"output": root / "book.pdf"}).output
    return root, pypdf.PdfReader(str(path))


def texts(reader: pypdf.PdfReader) -> list[str]:
    return [page.extract_text() or "" for page in reader.pages]


def openers(reader: pypdf.PdfReader) -> dict[str, int]:
    """Outline title -> 1-based physical page."""
    return {item.title: reader.get_destination_page_number(item) + 1 for item in reader.outline}


def test_every_page_is_the_trim(printed, tmp_path):
    _, reader = printed
    assert {(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages} == {(432.0, 648.0)}
    root = print_book(tmp_path / "small")
    for trim, size in (("5x8", (360.0, 576.0)), ("A5", (419.5, 595.3)), ("152x229mm", (430.9, 649.1))):
        reader = pypdf.PdfReader(str(export(root, "pdf", flags={"output": root / "b.pdf", "trim": trim}).output))
        assert {(round(float(p.mediabox.width), 1), round(float(p.mediabox.height), 1)) for p in reader.pages} == {size}


def test_only_the_shipped_book_face_is_embedded(printed):
    _, reader = printed
    fonts = {}
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            fonts[font["/BaseFont"].split("+")[-1]] = any(k.startswith("/FontFile") for k in descriptor)
    assert set(fonts) >= {"LinLibertineO-Identity-H", "LinLibertineOI-Identity-H"}
    assert all(name.startswith("LinLibertineO") for name in fonts) and all(fonts.values())


def test_outline_metadata_and_language(printed):
    _, reader = printed
    assert list(openers(reader)) == ["Chapter 1", "Chapter 2: The Road", "IV"]
    assert reader.metadata.title == TITLE and reader.metadata.author == AUTHOR
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_chapters_open_on_right_hand_pages_without_head_or_folio(printed):
    _, reader = printed
    pages = texts(reader)
    for name, page in openers(reader).items():
        assert page % 2 == 1, name
        first = pages[page - 1].strip().splitlines()[0]
        assert first in ("Chapter 1", "Chapter 2", "IV"), first  # the heading is the first text
        assert AUTHOR not in pages[page - 1] and TITLE not in pages[page - 1]
        before = pages[page - 2]
        if not before.strip():  # the blank page before a chapter stays blank
            assert page - 2 >= openers(reader)["Chapter 1"]


def test_body_pages_carry_heads_and_folios(printed):
    _, reader = printed
    pages = texts(reader)
    start = openers(reader)["Chapter 1"]
    opening = set(openers(reader).values())
    body = [n for n in range(start + 1, len(pages) + 1) if n not in opening and pages[n - 1].strip()]
    assert len(body) >= 4
    for n in body:
        first = pages[n - 1].strip().splitlines()[0]
        folio = str(n - start + 1)
        expected = f"{folio} {AUTHOR}" if n % 2 == 0 else f"{TITLE} {folio}"
        assert first == expected, (n, first)


def test_front_matter_half_title_title_and_copyright_pages(printed):
    _, reader = printed
    pages = texts(reader)
    assert pages[0].split() == TITLE.split() and not pages[1].strip()
    assert TITLE in pages[2] and "A Fixture" in pages[2] and AUTHOR in pages[2]
    assert "Copyright 2026 Ada Quill" in pages[3]
    assert re.search(r"from commit [0-9a-f]{12}\.", pages[3])


def test_text_stays_inside_mirrored_margins(printed):
    _, reader = printed
    trim = parse_trim("6x9")
    inside, outside = gutter(len(reader.pages)) * 72, trim.outside * 72
    for number in range(openers(reader)["Chapter 1"], len(reader.pages) + 1):
        xs = []
        reader.pages[number - 1].extract_text(
            visitor_text=lambda text, cm, tm, *_: text.strip() and xs.append(tm[4] * cm[0] + tm[5] * cm[2] + cm[4]))
        if not xs:
            continue
        left = inside if number % 2 == 1 else outside  # a right-hand page binds on its left
        assert min(xs) == pytest.approx(left, abs=0.6), number
        assert max(xs) < 432 - (outside if number % 2 == 1 else inside)


def _words(text: str) -> Counter:
    return Counter(w.lower() for w in re.findall(r"[A-Za-z]+", text))


def test_every_word_is_printed_and_long_words_are_hyphenated(printed):
    root, reader = printed
    pages = texts(reader)
    start, opening = openers(reader)["Chapter 1"], set(openers(reader).values())
    # a word hyphenated at the foot of a page goes on under the next page's running head
    body = "\n".join(pages[n - 1] if n in opening else pages[n - 1].partition("\n")[2]
                     for n in range(start, len(pages) + 1))
    hyphenated = re.findall(r"([A-Za-z]+)-\n([a-z]+)", body)
    assert any(a + b in VOCABULARY for a, b in hyphenated), "no word was hyphenated at a line end"
    joined = re.sub(r"([A-Za-z])-\n([a-z])", r"\1\2", body)
    source = "".join(p.read_text() for p in sorted((root / "manuscript").rglob("*.md")))
    missing = _words(source) - _words(joined)
    assert not missing


def test_hostile_text_prints_as_typed(printed):
    _, reader = printed
    flat = " ".join(" ".join(texts(reader)).split())
    for piece in ('#panic(', '$x^2$', '@ref', '<label>', 'back\\slash', '// not a comment /* nor */',
                  'tick ~ = end', 'Price'):  # `tick` is a Markdown code span
        assert piece in flat, piece


def test_letters_and_verse_are_insets_on_their_own_lines(printed):
    _, reader = printed
    lines = [line.strip() for line in "\n".join(texts(reader)).splitlines()]
    assert "\u201cBond Street, January." in lines and "MY DEAR MADAM," in lines
    assert "How doth the little crocodile" in lines and "Improve his shining tail," in lines


def test_same_project_same_bytes_and_the_date_is_the_source_date(tmp_path, monkeypatch):
    root = print_book(tmp_path / "repro")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = export(root, "pdf", flags={"output": tmp_path / "a.pdf"}).output.read_bytes()
    second = export(root, "pdf", flags={"output": tmp_path / "b.pdf"}).output.read_bytes()
    assert first == second
    assert b"D:20231114221320" in first
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000100")
    assert export(root, "pdf", flags={"output": tmp_path / "c.pdf"}).output.read_bytes() != first


def test_a_title_with_typst_syntax_is_just_a_title(tmp_path):
    root = write_project(tmp_path / "odd", [("#set page(width: 1in) $x$", [scene("Words.\n")])],
                         title='Notes on #let and "quotes" \\', author="A. #Author")
    reader = pypdf.PdfReader(str(export(root, "pdf", flags={"output": tmp_path / "b.pdf"}).output))
    assert reader.metadata.title == "Notes on #let and \u201cquotes\u201d \\"
    assert list(openers(reader)) == ["Chapter 1: #set page(width: 1in) $x$"]
    assert {float(p.mediabox.width) for p in reader.pages} == {432.0}


def test_chapter_start_any_toc_and_small_caps_lead_in(tmp_path):
    root = print_book(tmp_path / "any")
    reader = pypdf.PdfReader(str(export(root, "pdf", flags={
        "output": tmp_path / "b.pdf", "chapter_start": "any", "include_toc": True, "lead_in": "small-caps"}).output))
    pages = texts(reader)
    assert not any(not t.strip() for t in pages[openers(reader)["Chapter 1"]:])  # no blank pages in the body
    contents = next(t for t in pages if t.startswith("Contents"))
    assert "Chapter 2: The Road" in contents and "IV" in contents


def test_profile_and_print_block_options(tmp_path):
    root = write_project(tmp_path / "opts", [("One", [scene(prose(1, 200))])],
                         print={"trim": "5x8", "font_size": 10},
                         export={"profiles": {"kdp": {"format": "pdf", "trim": "5.5x8.5"}}})
    plain = pypdf.PdfReader(str(export(root, "pdf", flags={"output": tmp_path / "a.pdf"}).output))
    assert float(plain.pages[0].mediabox.width) == 360.0
    kdp = pypdf.PdfReader(str(export(root, "pdf", "kdp", flags={"output": tmp_path / "b.pdf"}).output))
    assert float(kdp.pages[0].mediabox.width) == 396.0


def test_manuscript_format_pdf(tmp_path):
    root = print_book(tmp_path / "ms")
    reader = pypdf.PdfReader(str(export(root, "pdf", flags={"output": tmp_path / "m.pdf",
                                                           "manuscript_format": True}).output))
    pages = texts(reader)
    assert {float(p.mediabox.width) for p in reader.pages} == {612.0}
    assert "about 2,100 words" in pages[0] and "Quill / The Test Book /" not in pages[0]
    assert pages[1].strip().startswith("Quill / The Test Book / 2")
    assert pages[-1].strip().endswith("END")


def test_bad_trim_stops_the_build_and_keeps_the_old_file(tmp_path, cli):
    root = print_book(tmp_path / "bad")
    out = tmp_path / "b.pdf"
    out.write_bytes(b"old")
    result = cli("export", "pdf", "--trim", "huge", "-o", str(out), cwd=root)
    assert result.exit_code == 1
    assert "--trim: error N901: unknown trim 'huge'" in result.stdout + result.stderr
    assert out.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir() if p.name.startswith(".b.pdf")] == []
    with pytest.raises(ProblemsFound):
        export(root, "pdf", flags={"output": out, "trim": "20x30"})


def test_a_book_longer_than_printers_bind_is_a_warning():
    from narrative_cli.export.options import ExportOptions
    from narrative_cli.export.pdf import _length_warnings

    options = ExportOptions(format="pdf", output=Path("b.pdf"))
    assert _length_warnings(828, parse_trim("6x9"), options) == []
    [found] = _length_warnings(900, parse_trim("6x9"), options)
    assert found.format() == ("narrative.yaml: warning N904: the book sets to 900 pages at 6x9 and 11 pt; "
                              "paperback printers bind at most 828\n  hint: choose a larger trim (--trim 7x10), "
                              "a smaller --font-size, or split the book into volumes")

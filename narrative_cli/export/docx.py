"""DOCX writer: the book layout (title page, TOC field, parts and chapters on new pages) or
Shunn standard manuscript format (`--manuscript-format`).

python-docx sets up styles, page sections, headers/footers, numbering and the
document properties; the body is written as WordprocessingML text by
docx_body.py and the package is re-zipped in a fixed order with fixed times.
"""

from __future__ import annotations

import io
import zipfile

from narrative_cli.export.docx_body import BodyWriter
from narrative_cli.export.docx_styles import Layout, define_styles, layout_for
from narrative_cli.export.labels import about_words, byline, labels
from narrative_cli.export.model import Manuscript
from narrative_cli.export.zipout import utc, write_zip

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def write_docx(book: Manuscript, options, epoch: int) -> bytes:
    from docx import Document

    from narrative_cli.export.docx_parts import (Numbering, add_page_field, complex_script_emphasis,
                                                 keep_line_breaks_unstretched, right_to_left, set_language,
                                                 update_fields_on_open)
    from narrative_cli.export.languages import is_rtl

    document = Document()
    layout = layout_for(options)
    ids = define_styles(document, layout, parts=any(c.part for c in book.chapters))
    set_language(document, book.language)
    keep_line_breaks_unstretched(document)
    _page_setup(document, book, layout, add_page_field)
    if options.trim and not layout.manuscript:
        print_page(document, book, options.trim)
    drop_template_leftovers(document)
    rtl = is_rtl(book.language)
    if rtl:
        right_to_left(document)
    _properties(document, book, epoch)
    body = BodyWriter(ids, Numbering(document).num_for, layout.drop, layout.part_drop)
    words = labels(book.language)
    if layout.manuscript:
        _manuscript_front(body, book, words)
    else:
        _book_front(body, book, options)
        if options.include_toc:
            body.toc(words["contents"], book)
            update_fields_on_open(document)
    body.chapters(book, layout.manuscript)
    saved = io.BytesIO()
    document.save(saved)
    body_xml = complex_script_emphasis(body.xml()) if rtl else body.xml()
    return _repack(saved.getvalue(), body_xml, epoch, book.words)


def _book_front(body: BodyWriter, book: Manuscript, options) -> None:
    body.text("Title", book.title)
    if book.subtitle:
        body.text("Subtitle", book.subtitle)
    if options.include_author:
        body.text("Author", book.byline)


def _manuscript_front(body: BodyWriter, book: Manuscript, words: dict) -> None:
    """Page 1: contact block top left, word count top right, title a third down, byline."""
    from narrative_cli.export.docx_body import run

    contact = book.contact
    name = (contact.name if contact and contact.name else None) or book.byline
    count = about_words(words, f"{round_words(book.words):,}")
    body.para("Contact", run(name, 0) + "<w:r><w:tab/></w:r>" + run(count, 0))
    if contact:
        for line in [*contact.address, contact.email, contact.phone, contact.website]:
            if line:
                body.text("Contact", line)
    body.text("Title", book.title)
    if book.subtitle:
        body.text("Subtitle", book.subtitle)
    body.text("Author", byline(words, book.byline))


def round_words(words: int) -> int:
    """Shunn: the count rounded to the nearest hundred (never 0)."""
    return max(100, int((words + 50) // 100 * 100))


# Words before a surname that belong to it (Le Guin, van Gogh, de la Cruz), and after it that do not.
SURNAME_PARTICLES = frozenset("ap d' da das de del della der des di do dos du el ibn la le lo mac st st. ten ter van von".split())
NAME_SUFFIXES = frozenset("jr sr ii iii iv v phd md esq".split())


def byline_surname(name: str) -> str:
    """The surname Shunn's running header wants, from a byline: "Ursula K. Le Guin" -> "Le Guin",
    "Martin Luther King Jr." -> "King", "Le Guin, Ursula" -> "Le Guin". A name this cannot
    read (García Márquez) is set in narrative.yaml `contact.surname`."""
    before, comma, after = name.partition(",")
    if comma and after.strip().lower().rstrip(".") not in NAME_SUFFIXES:
        return " ".join(before.split()) or name.strip()
    words = before.split()
    while len(words) > 1 and words[-1].lower().rstrip(".") in NAME_SUFFIXES:
        words.pop()
    start = len(words) - 1
    while start > 1 and words[start - 1].lower() in SURNAME_PARTICLES:  # a given name stays a given name
        start -= 1
    return " ".join(words[start:]) or name.strip()


def running_header(book: Manuscript) -> str:
    """`Surname / Short title / ` (the page number field follows)."""
    name = getattr(book.contact, "surname", None) or (byline_surname(book.authors[0]) if book.authors else book.byline)
    short = book.title
    if len(short) > 30:
        cut = short[:30].rsplit(" ", 1)[0]
        short = cut or short[:30]
    return f"{name} / {short} / "


def _page_setup(document, book: Manuscript, layout: Layout, add_page_field) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Inches

    section = document.sections[0]
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, side, Inches(1))
    section.header_distance = section.footer_distance = Inches(0.5)
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    section.first_page_footer.is_linked_to_previous = False
    if layout.manuscript:
        paragraph = section.header.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.add_run(running_header(book))
    else:
        paragraph = section.footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_page_field(paragraph)


def print_page(document, book: Manuscript, spec: str) -> None:
    """A print service's page: the trim's size, mirrored margins, the inside margin (gutter)
    KDP asks for the page count this book will about have."""
    from docx.shared import Inches

    from narrative_cli.export.docx_parts import mirror_margins
    from narrative_cli.export.trim import estimate_pages, gutter, parse_trim

    trim = parse_trim(spec)
    section = document.sections[0]
    section.page_width, section.page_height = Inches(trim.width), Inches(trim.height)
    section.left_margin = Inches(gutter(estimate_pages(book.words, trim, book.openings)))  # inside, once mirrored
    section.right_margin = Inches(trim.outside)
    section.top_margin, section.bottom_margin = Inches(trim.top), Inches(trim.bottom)
    section.header_distance = section.footer_distance = Inches(trim.bottom / 2)
    mirror_margins(document)


def drop_template_leftovers(document) -> None:
    """python-docx's template ships a blank thumbnail and a bibliography part: not ours to ship."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    for owner in (document.part.package, document.part):
        for rid, rel in list(owner.rels.items()):
            if rel.reltype in (RT.THUMBNAIL, RT.CUSTOM_XML):
                del owner.rels[rid]


def _properties(document, book: Manuscript, epoch: int) -> None:
    """Core properties from the project, dated by the build's reproducible timestamp."""
    props = document.core_properties
    stamp = utc(epoch).replace(tzinfo=None)
    props.title = book.title
    props.subject = book.subtitle or ""
    props.author = book.byline
    props.last_modified_by = book.byline
    props.comments = book.description or ""
    props.language = book.language
    props.identifier = book.identifier
    props.created = stamp
    props.modified = stamp
    props.revision = 1


def _repack(package: bytes, body_xml: str, epoch: int, words: int) -> bytes:
    """python-docx's package with our body spliced into document.xml (and the template's
    application name and zero word count corrected in app.xml), re-zipped deterministically."""
    import re

    source = zipfile.ZipFile(io.BytesIO(package))
    entries = []
    for name in source.namelist():
        data = source.read(name)
        if name == "word/document.xml":
            text = data.decode("utf-8")
            at = text.index("<w:body>") + len("<w:body>")
            data = (text[:at] + body_xml + text[at:]).encode("utf-8")
        elif name == "docProps/app.xml":
            text = re.sub(r"<Application>[^<]*</Application>", "<Application>narrative</Application>",
                          data.decode("utf-8"))
            data = re.sub(r"<Words>\d+</Words>", f"<Words>{words}</Words>", text).encode("utf-8")
        entries.append((name, data, True))
    return write_zip(entries, epoch)

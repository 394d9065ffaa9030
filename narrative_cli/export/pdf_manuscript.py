"""The standard manuscript as a PDF: the rules the DOCX manuscript follows, set by Typst."""

from __future__ import annotations

from narrative_cli.export.docx import round_words, running_header
from narrative_cli.export.labels import about_words, byline, chapter_name, labels
from narrative_cli.export.model import Manuscript, in_parts
from narrative_cli.export.pdf_markup import Code, chapter_markup, lit, typst_datetime, value
from narrative_cli.export.zipout import utc

# Times New Roman and Courier are not ours to ship: the book face (a Times-like serif) and the
# monospace face built into Typst stand in for them, the same on every machine.
FONTS = {"times": "Linux Libertine O", "courier": "DejaVu Sans Mono"}


def manuscript_source(book: Manuscript, options, epoch: int) -> str:
    from narrative_cli.templates import template_path

    words = labels(book.language)
    contact = book.contact
    name = (contact.name if contact and contact.name else None) or book.byline
    lines = [name]
    if contact:
        lines += [line for line in [*contact.address, contact.email, contact.phone, contact.website] if line]
    lang, _, region = book.language.replace("_", "-").partition("-")
    region = region.split("-")[-1] if region else ""
    settings = {
        "title": book.title, "subtitle": book.subtitle, "authors": list(book.authors),
        "byline": byline(words, book.byline), "contact": lines,
        "count": about_words(words, f"{round_words(book.words):,}"),
        "running-head": running_header(book), "end": words["end"],
        "font": FONTS[options.font], "date": Code(typst_datetime(utc(epoch))),
        "lang": lang.lower(), "region": Code(lit(region.upper()) if len(region) == 2 else "none"),
    }
    parts = [f"#let book = {value(settings)}\n", template_path("print", "manuscript.typ").read_text(encoding="utf-8"),
             "\n#front()\n\n"]
    parts += [chapter_markup(chapter, chapter_name(chapter), False, inside)
              for chapter, inside in in_parts(book.chapters)]
    parts.append("#the-end()\n")
    return "".join(parts)

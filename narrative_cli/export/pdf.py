"""PDF writer: a print-ready interior (or a standard manuscript) set by Typst.

Typst (the `typst` package ships the compiler) sets the whole book in one process: justified
text with optimised line breaking, hyphenation in the book's language, widow and orphan
control, mirrored margins, an outline entry per part and chapter. It sees only the fonts shipped in
templates/print/fonts (and its own built-in ones), never the machine's, and the document date
is the build's reproducible time, so the same project gives the same bytes anywhere.

The gutter depends on the page count, which is known only once the book is set: the first
pass uses an estimate; when the real count needs another gutter the book is set again.
"""

from __future__ import annotations

import re

from narrative_cli.diagnostics import Diagnostic, Location, Severity
from narrative_cli.errors import ProblemsFound
from narrative_cli.export.labels import chapter_name, labels
from narrative_cli.export.model import Manuscript, in_parts
from narrative_cli.export.pdf_markup import Code, chapter_markup, lit, typst_datetime, value
from narrative_cli.export.trim import MAX_PAGES, Trim, estimate_pages, gutter, parse_trim
from narrative_cli.export.zipout import utc

FONT_FILES = ("LinLibertine_R.otf", "LinLibertine_RI.otf", "LinLibertine_RB.otf", "LinLibertine_RBI.otf")
PAGE_COUNT = re.compile(rb"/Type\s*/Pages\b(?:(?!>>).)*?/Count\s+(\d+)", re.S)
PASSES = 3


def write_pdf(book: Manuscript, options, epoch: int) -> tuple[bytes, list[Diagnostic]]:
    """The PDF's bytes and any warnings (a book longer than print services bind)."""
    fonts = _font_dir()
    if options.manuscript_format:
        from narrative_cli.export.pdf_manuscript import manuscript_source

        return _compile(manuscript_source(book, options, epoch), fonts), []
    trim = parse_trim(options.trim or "6x9")
    pages = estimate_pages(book.words, trim, book.openings, _words_per_page(options.font_size))
    inside, data = gutter(pages), b""
    for attempt in range(PASSES):
        data = _compile(book_source(book, options, epoch, trim, inside), fonts)
        pages = page_count(data)
        needed = gutter(pages)
        # done when the gutter fits the count; after a first correction a wider gutter than
        # needed is kept (narrowing it again could push the count back over the line)
        if needed == inside or (attempt and needed < inside):
            break
        inside = needed
    return data, _length_warnings(pages, trim, options)


def _words_per_page(size: float) -> float:
    """Words a 6x9 page holds at this body size (about 320 at 11 pt)."""
    return 320 * (11 / size) ** 2


def page_count(pdf: bytes) -> int:
    match = PAGE_COUNT.search(pdf)
    return int(match.group(1)) if match else 0


def _length_warnings(pages: int, trim: Trim, options) -> list[Diagnostic]:
    if pages <= MAX_PAGES:
        return []
    return [Diagnostic(
        "N904", Severity.WARNING,
        f"the book sets to {pages} pages at {trim.name} and {options.font_size:g} pt; "
        f"paperback printers bind at most {MAX_PAGES}", Location("narrative.yaml"),
        "choose a larger trim (--trim 7x10), a smaller --font-size, or split the book into volumes")]


def _font_dir():
    from narrative_cli.templates import template_path

    folder = template_path("print", "fonts")
    missing = [name for name in FONT_FILES if not (folder / name).is_file()]
    if missing:
        raise ProblemsFound("the book face is missing; nothing was exported", [Diagnostic(
            "N903", Severity.ERROR, f"font file {missing[0]} is not installed", Location(str(folder)),
            "reinstall narrative (the fonts ship inside the package, in templates/print/fonts)")])
    return folder


def _compile(source: str, fonts) -> bytes:
    import typst

    try:
        # untagged: a print interior goes to a printer (tags would double the file and add 60 MB of memory)
        return typst.compile(source.encode("utf-8"), font_paths=[str(fonts)], ignore_system_fonts=True,
                             pdf_tags=False)
    except typst.TypstError as exc:  # a bug of ours, never the writer's text: say so plainly
        message = " ".join(str(exc).split())[:300]
        raise ProblemsFound("Typst could not set the book; nothing was exported", [Diagnostic(
            "N905", Severity.ERROR, f"Typst: {message}", Location("narrative.yaml"),
            "please report this with the project (or `narrative export pdf --debug`)")]) from None


def book_source(book: Manuscript, options, epoch: int, trim: Trim, inside: float) -> str:
    from narrative_cli.templates import template_path

    words = labels(book.language)
    settings = book_settings(book, options, epoch, trim, inside, words)
    parts = [f"#let book = {value(settings)}\n", template_path("print", "book.typ").read_text(encoding="utf-8"),
             "\n#front()\n\n"]
    small_caps = options.lead_in == "small-caps"
    parts += [chapter_markup(chapter, chapter_name(chapter), small_caps, inside)
              for chapter, inside in in_parts(book.chapters)]
    return "".join(parts)


def book_settings(book: Manuscript, options, epoch: int, trim: Trim, inside: float, words: dict) -> dict:
    lang, _, region = book.language.replace("_", "-").partition("-")
    region = region.split("-")[-1] if region else ""
    return {
        "title": book.title, "subtitle": book.subtitle, "authors": list(book.authors),
        "byline": book.byline if options.include_author else None,
        "date": Code(typst_datetime(utc(epoch))), "size": Code(f"{options.font_size:g}pt"),
        "lang": lang.lower(), "region": Code(lit(region.upper()) if len(region) == 2 else "none"),
        "width": Code(f"{trim.width:g}in"), "height": Code(f"{trim.height:g}in"),
        "inside": Code(f"{inside:g}in"), "outside": Code(f"{trim.outside:g}in"),
        "top": Code(f"{trim.top:g}in"), "bottom": Code(f"{trim.bottom:g}in"),
        "drop": Code(f"{round(trim.height * 0.2, 3):g}in"),
        "left-head": book.byline, "right-head": book.title, "scene-break": book.scene_break,
        "chapter-start": options.chapter_start, "toc": bool(options.include_toc),
        "contents": words["contents"], "copyright": copyright_lines(book, epoch),
    }


def copyright_lines(book: Manuscript, epoch: int) -> list[str]:
    year = utc(epoch).year
    lines = [book.title + (f": {book.subtitle}" if book.subtitle else ""),
             book.rights or f"Copyright \u00a9 {year} {book.byline}"]
    built = f"This edition was set on {utc(epoch):%Y-%m-%d}"
    lines.append(built + (f" from commit {book.commit[:12]}." if book.commit else "."))
    lines.append("Set in Linux Libertine.")
    return lines

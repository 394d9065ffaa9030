"""EPUB 3 writer: one XHTML file per chapter (and per part heading), nav.xhtml (contents, chapters
nested under their parts, and landmarks), toc.ncx for older readers, title page, optional cover,
accessibility metadata.

The container is written with zipfile in a fixed order (mimetype first and
stored) so that the same book gives the same bytes; ebooklib reads the result
back in the tests.
"""

from __future__ import annotations

import itertools

from narrative_cli.errors import NarrativeError
from narrative_cli.export.labels import byline, chapter_name, labels
from narrative_cli.export.languages import is_rtl
from narrative_cli.export.model import MChapter, Manuscript, in_parts
from narrative_cli.export.xhtml import attr, chapter_body, document, esc, part_body
from narrative_cli.export.zipout import iso_utc, write_zip

CONTAINER = ('<?xml version="1.0" encoding="UTF-8"?>\n'
             '<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">\n'
             '<rootfiles><rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>'
             '</rootfiles>\n</container>\n')


def chapter_file(number: int) -> str:
    return f"text/chapter-{number:03d}.xhtml"


def part_file(number: int) -> str:
    """The part heading before chapter `number`."""
    return f"text/part-{number:03d}.xhtml"


def _first_page(chapter: MChapter) -> str:
    return part_file(chapter.number) if chapter.part else chapter_file(chapter.number)


def write_epub(book: Manuscript, options, epoch: int) -> bytes:
    """The whole EPUB as bytes (the caller writes it atomically)."""
    words = labels(book.language)
    docs: list[tuple[str, str, str]] = []  # (href, id, xhtml) in reading order
    cover = _cover(book)
    if cover:
        docs.append(("text/cover.xhtml", "cover", _cover_page(book, cover[0], words)))
    docs.append(("text/title.xhtml", "title-page", _title_page(book, options)))
    for chapter in book.chapters:
        if chapter.part:
            anchor = f"part-{chapter.number}"
            docs.append((part_file(chapter.number), anchor, document(chapter.part.name, book.language,
                                                                  part_body(chapter.part, anchor), epub_type="bodymatter")))
        anchor = f"chapter-{chapter.number}"
        body = chapter_body(chapter, chapter.label, anchor)
        docs.append((chapter_file(chapter.number), anchor,
                     document(chapter_name(chapter), book.language, body,
                              epub_type="bodymatter")))
    entries = [("mimetype", b"application/epub+zip", False),
               ("META-INF/container.xml", CONTAINER.encode(), True),
               ("EPUB/package.opf", _package(book, options, docs, cover, epoch).encode(), True),
               ("EPUB/nav.xhtml", _nav(book, options, docs, words).encode(), True),
               ("EPUB/toc.ncx", _ncx(book, words).encode(), True),
               ("EPUB/css/book.css", stylesheet(book.scene_break, is_rtl(book.language)).encode(), True)]
    if cover:
        entries.append((f"EPUB/{cover[0]}", cover[1], False))
    entries += [(f"EPUB/{href}", text.encode(), True) for href, _, text in docs]
    return write_zip(entries, epoch)


def stylesheet(scene_break: str, rtl: bool = False) -> str:
    """templates/epub/book.css (and rtl.css for a right-to-left book) plus the project's scene-break mark."""
    from narrative_cli.templates import template_path

    css = template_path("epub", "book.css").read_text(encoding="utf-8")
    if rtl:
        css += "\n" + template_path("epub", "rtl.css").read_text(encoding="utf-8")
    mark = scene_break.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return css + f'\nhr.scene-break::after {{ content: "{mark}"; }}\n'


def _cover(book: Manuscript) -> tuple[str, bytes, str] | None:
    """The cover's bytes, its type read from them (store/images.py), never from its name."""
    from narrative_cli.store.images import identify_bytes

    if book.cover is None:
        return None
    try:
        data = book.cover.read_bytes()
    except OSError as exc:
        raise NarrativeError(f"cannot read the cover {book.cover.name}: {exc.strerror or exc}") from None
    info = identify_bytes(data)
    if not info.usable:
        raise NarrativeError(f"cover '{book.cover.name}' is not an image EPUB readers show: "
                             + ("; ".join(info.unsafe) if info.kind else f"its content is {info.what}"),
                             hint="use a PNG, JPEG, GIF, WebP or SVG file (`narrative validate` says more)")
    return f"images/cover{info.extension}", data, info.media_type


def _cover_page(book: Manuscript, href: str, words: dict) -> str:
    alt = attr(f"{words['cover']}: {book.title}, {byline(words, book.byline)}")
    body = f'<section class="cover" epub:type="cover"><img src="../{href}" alt="{alt}"/></section>'
    return document(words["cover"], book.language, body)


def _title_page(book: Manuscript, options) -> str:
    parts = ['<section class="title-page" epub:type="titlepage">', f'<h1 class="book-title">{esc(book.title)}</h1>']
    if book.subtitle:
        parts.append(f'<p class="subtitle">{esc(book.subtitle)}</p>')
    if options.include_author:
        parts.append(f'<p class="author">{esc(book.byline)}</p>')
    if book.rights:
        parts.append(f'<p class="rights">{esc(book.rights)}</p>')
    parts.append("</section>")
    return document(book.title, book.language, "\n".join(parts), epub_type="frontmatter")


def _contents(book: Manuscript) -> list[tuple[str, str, str, list]]:
    """(id, href, name, chapters under it) in reading order: a part holds the chapters up to the next part."""
    entries: list[tuple[str, str, str, list]] = []
    for c, in_part in in_parts(book.chapters):
        if c.part:
            entries.append((f"part-{c.number}", part_file(c.number), c.part.name, []))
        (entries[-1][3] if in_part else entries).append((str(c.number), chapter_file(c.number), chapter_name(c), []))
    return entries


def _nav(book: Manuscript, options, docs: list, words: dict) -> str:
    def listed(entries) -> str:
        return "\n".join(f'<li><a href="{href}">{esc(name)}</a>' + (f"\n<ol>\n{listed(under)}\n</ol>" if under else "")
                         + "</li>" for _, href, name, under in entries)

    items = listed(_contents(book))
    marks = []
    if docs[0][1] == "cover":
        marks.append(f'<li><a epub:type="cover" href="text/cover.xhtml">{esc(words["cover"])}</a></li>')
    marks.append(f'<li><a epub:type="titlepage" href="text/title.xhtml">{esc(words["title"])}</a></li>')
    if options.include_toc:  # a landmark may only point into the reading order
        marks.append(f'<li><a epub:type="toc" href="nav.xhtml#toc">{esc(words["contents"])}</a></li>')
    first = _first_page(book.chapters[0])
    marks.append(f'<li><a epub:type="bodymatter" href="{first}">{esc(words["start"])}</a></li>')
    body = (f'<nav epub:type="toc" id="toc" role="doc-toc">\n<h1>{esc(words["contents"])}</h1>\n<ol>\n{items}\n</ol>\n'
            f'</nav>\n<nav epub:type="landmarks" id="landmarks" hidden="hidden">\n<h2>{esc(words["landmarks"])}</h2>\n<ol>\n'
            + "\n".join(marks) + "\n</ol>\n</nav>")
    return document(words["contents"], book.language, body, css="css/book.css", epub_type="frontmatter")


def _ncx(book: Manuscript, words: dict) -> str:
    order = itertools.count(1)  # playOrder: reading order, parts and chapters alike

    def points(entries) -> str:
        return "\n".join(f'<navPoint id="nav-{ident}" playOrder="{next(order)}"><navLabel><text>{esc(name)}'
                         f'</text></navLabel><content src="{href}"/>'
                         + (f"\n{points(under)}\n" if under else "") + "</navPoint>" for ident, href, name, under in entries)

    entries = _contents(book)
    depth = 2 if any(under for *_, under in entries) else 1
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1" xml:lang="{attr(book.language)}">\n'
            f'<head>\n<meta name="dtb:uid" content="{attr(book.identifier)}"/>\n<meta name="dtb:depth" content="{depth}"/>\n'
            '<meta name="dtb:totalPageCount" content="0"/>\n<meta name="dtb:maxPageNumber" content="0"/>\n</head>\n'
            f'<docTitle><text>{esc(book.title)}</text></docTitle>\n<navMap>\n{points(entries)}\n</navMap>\n</ncx>\n')


def _package(book: Manuscript, options, docs: list, cover, epoch: int) -> str:
    from narrative_cli.export.epub_meta import metadata

    manifest = ['<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>',
                '<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>',
                '<item id="css" href="css/book.css" media-type="text/css"/>']
    if cover:
        manifest.append(f'<item id="cover-image" href="{cover[0]}" media-type="{cover[2]}" properties="cover-image"/>')
    manifest += [f'<item id="{ident}" href="{href}" media-type="application/xhtml+xml"/>' for href, ident, _ in docs]
    spine = [f'<itemref idref="{ident}"/>' for _, ident, _ in docs]
    if options.include_toc:  # after the front matter, before the first part or chapter
        spine.insert(len(spine) - len(book.chapters) - sum(bool(c.part) for c in book.chapters), '<itemref idref="nav"/>')
    lang = attr(book.language)
    # a right-to-left book turns its pages leftwards and its metadata reads right to left
    direction, progression = (' dir="rtl"', ' page-progression-direction="rtl"') if is_rtl(book.language) else ("", "")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="pub-id" xml:lang="{lang}"'
            f'{direction}>\n'
            f'{metadata(book, cover is not None, iso_utc(epoch))}\n'
            '<manifest>\n' + "\n".join(manifest) + '\n</manifest>\n'
            f'<spine toc="ncx"{progression}>\n' + "\n".join(spine) + '\n</spine>\n</package>\n')

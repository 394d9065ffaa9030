"""The EPUB package metadata: Dublin Core, dcterms:modified and accessibility (schema.org)."""

from __future__ import annotations

from narrative_cli.export.model import Manuscript
from narrative_cli.export.xhtml import esc

CONFORMS_TO = "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"


def metadata(book: Manuscript, has_cover: bool, modified: str) -> str:
    lines = ['<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">',
             f'<dc:identifier id="pub-id">{esc(book.identifier)}</dc:identifier>',
             f'<dc:title id="title">{esc(book.title)}</dc:title>',
             '<meta refines="#title" property="title-type">main</meta>']
    if book.subtitle:
        lines += [f'<dc:title id="subtitle">{esc(book.subtitle)}</dc:title>',
                  '<meta refines="#subtitle" property="title-type">subtitle</meta>']
    for i, name in enumerate(book.authors, start=1):
        lines += [f'<dc:creator id="author-{i}">{esc(name)}</dc:creator>',
                  f'<meta refines="#author-{i}" property="role" scheme="marc:relators">aut</meta>']
    lines.append(f"<dc:language>{esc(book.language)}</dc:language>")
    if book.description:
        lines.append(f"<dc:description>{esc(book.description)}</dc:description>")
    if book.rights:
        lines.append(f"<dc:rights>{esc(book.rights)}</dc:rights>")
    # readers show dc:date as the publication date: the build's reproducible time, like dcterms:modified
    lines.append(f"<dc:date>{modified}</dc:date>")
    lines.append(f'<meta property="dcterms:modified">{modified}</meta>')
    lines += accessibility(has_cover)
    if has_cover:
        lines.append('<meta name="cover" content="cover-image"/>')
    lines.append("</metadata>")
    return "\n".join(lines)


def accessibility(has_cover: bool) -> list[str]:
    """What the book offers readers of assistive technology (EPUB Accessibility 1.1)."""
    modes = ["textual", "visual"] if has_cover else ["textual"]
    features = ["structuralNavigation", "tableOfContents", "readingOrder"]
    if has_cover:
        features.append("alternativeText")
    summary = ("Prose in reading order with chapter headings, a navigable table of contents and landmarks. "
               + ("The cover image has a text alternative. " if has_cover else "")
               + "No hazards.")
    lines = [f'<meta property="schema:accessMode">{m}</meta>' for m in modes]
    lines.append('<meta property="schema:accessModeSufficient">textual</meta>')
    lines += [f'<meta property="schema:accessibilityFeature">{f}</meta>' for f in features]
    lines.append('<meta property="schema:accessibilityHazard">none</meta>')
    lines.append(f'<meta property="schema:accessibilitySummary">{summary}</meta>')
    lines.append(f'<meta property="dcterms:conformsTo">{CONFORMS_TO}</meta>')
    return lines

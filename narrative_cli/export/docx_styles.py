"""DOCX paragraph styles, defined once per document: the body text never carries
direct paragraph formatting, only a style name (and <w:i/>/<w:b/> on emphasis runs).

Two layouts share the same style names, so the body XML is the same for both:
- book: a reading layout with justified, indented paragraphs and chapter openings;
- manuscript: Shunn standard manuscript format (12 pt, double spaced, ragged right).
"""

from __future__ import annotations

from dataclasses import dataclass

FONTS = {"times": "Times New Roman", "courier": "Courier New"}
BOOK_FONT = "Georgia"

# name -> the style id python-docx gives it; the body writer uses ids
STYLE_NAMES = ("Normal", "Body Text", "First Paragraph", "Scene Break", "Chapter Label", "Heading 1", "Title",
               "Subtitle", "Author", "TOC Heading", "Block Text", "List Bullet", "List Number", "Contact",
               "End Mark", "toc 1")

# only in a book with parts (so a book without them keeps its bytes): a chapter in a part is a Heading 2
PART_STYLE_NAMES = ("Part Label", "Part Title", "Heading 2", "toc 2")

# names Word already knows: marked built-in so Word does not make a second "Block Text1"
WORD_BUILTINS = {"Block Text", "toc 1", "toc 2", "TOC Heading", "Title", "Subtitle", "Body Text", "Heading 1",
                 "Heading 2"}


@dataclass(frozen=True)
class Layout:
    font: str
    size: float  # points
    line: float  # line spacing multiple
    indent: float  # first-line indent, inches
    justify: bool
    manuscript: bool

    @property
    def drop(self) -> float:
        """Points of space above a chapter's first line: about a third of the page down."""
        return 144 if self.manuscript else 96

    @property
    def part_drop(self) -> float:
        """Points above a part's label: twice a chapter's, the part alone lower on its page."""
        return 2 * self.drop


def layout_for(options) -> Layout:
    if options.manuscript_format:
        return Layout(FONTS[options.font], 12, 2.0, 0.5, False, True)
    return Layout(BOOK_FONT, 11, 1.15, 0.3, True, False)


def define_styles(document, layout: Layout, parts: bool = False) -> dict[str, str]:
    """Create or reset every style the body uses; returns {style name: style id}."""
    from docx.enum.style import WD_STYLE_TYPE

    styles = document.styles
    ids: dict[str, str] = {}
    for name in STYLE_NAMES + (PART_STYLE_NAMES if parts else ()):
        try:
            style = styles[name]
        except KeyError:
            style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH, builtin=name in WORD_BUILTINS)
        _reset(style)
        if name != "Normal":
            style.base_style = styles["Normal"]
        style.quick_style = True
        ids[name] = style.style_id
    _normal(styles["Normal"], layout)
    _body(styles, layout)
    _headings(styles, layout)
    _front(styles, layout)
    if parts:
        _parts(styles, layout)
    return ids


def _reset(style) -> None:
    """Drop the template's own formatting (theme fonts, colours, borders) so ours is the only one."""
    from docx.oxml.ns import qn

    for tag in ("w:pPr", "w:rPr"):
        for child in style.element.findall(qn(tag)):
            style.element.remove(child)


def _set_font(style, name: str, size: float) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    style.font.size = Pt(size)
    style.font.name = name
    fonts = style.element.rPr.rFonts
    for attr in ("w:cs", "w:eastAsia"):
        fonts.set(qn(attr), name)


def _para(style, *, align=None, indent=None, left=None, before=0.0, after=0.0, line=None, keep=False,
          page_break=False) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Inches, Pt

    fmt = style.paragraph_format
    if align is not None:
        fmt.alignment = getattr(WD_ALIGN_PARAGRAPH, align)
    if indent is not None:
        fmt.first_line_indent = Inches(indent)
    if left is not None:
        fmt.left_indent = Inches(left)
        fmt.right_indent = Inches(left)
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    if line is not None:
        fmt.line_spacing = line
    fmt.keep_with_next = keep or None
    fmt.page_break_before = page_break or None


def _normal(style, layout: Layout) -> None:
    _set_font(style, layout.font, layout.size)
    _para(style, align="LEFT", line=layout.line)
    style.paragraph_format.widow_control = True


def _body(styles, layout: Layout) -> None:
    align = "JUSTIFY" if layout.justify else "LEFT"
    _para(styles["Body Text"], align=align, indent=layout.indent, line=layout.line)
    _para(styles["First Paragraph"], align=align, indent=0 if not layout.manuscript else layout.indent,
          line=layout.line)
    styles["First Paragraph"].next_paragraph_style = styles["Body Text"]
    gap = 0 if layout.manuscript else layout.size
    _para(styles["Scene Break"], align="CENTER", before=gap, after=gap, keep=True)
    _para(styles["Block Text"], align="LEFT", indent=0, left=0.5, before=gap / 2, after=gap / 2)
    for name in ("List Bullet", "List Number"):
        _para(styles[name], align="LEFT", before=0, after=0)
    _para(styles["End Mark"], align="CENTER", before=layout.size)


def _headings(styles, layout: Layout) -> None:
    _para(styles["Chapter Label"], align="CENTER", before=layout.drop, after=layout.size, keep=True, page_break=True)
    _chapter_heading(styles, styles["Heading 1"], layout, 0)
    if not layout.manuscript:
        styles["Chapter Label"].font.small_caps = True
        styles["Chapter Label"].font.all_caps = False


def _chapter_heading(styles, heading, layout: Layout, level: int) -> None:
    _set_font(heading, layout.font, layout.size if layout.manuscript else layout.size * 1.6)
    _para(heading, align="CENTER", before=0, after=layout.size * 2, keep=True)
    _outline_level(heading, level)
    heading.next_paragraph_style = styles["First Paragraph"]
    heading.font.bold = False


def _outline_level(style, level: int) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    style.element.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="{level}"/>'))


def _parts(styles, layout: Layout) -> None:
    """A part's page: label over title, lower and larger than a chapter's. The title is the
    outline's top level, so a chapter in a part is a Heading 2 (set as a Heading 1 is),
    under its part in the navigation pane and the contents."""
    from docx.shared import Inches

    ms = layout.manuscript
    _para(styles["Part Label"], align="CENTER", before=layout.part_drop, after=layout.size, keep=True,
          page_break=True)
    title = styles["Part Title"]
    _set_font(title, layout.font, layout.size if ms else layout.size * 2)
    _para(title, align="CENTER")
    _outline_level(title, 0)
    _chapter_heading(styles, styles["Heading 2"], layout, 1)
    if not ms:
        _set_font(styles["Part Label"], layout.font, layout.size * 1.2)
        styles["Part Label"].font.small_caps = True
    _para(styles["toc 2"], align="LEFT", after=4)
    styles["toc 2"].paragraph_format.left_indent = Inches(0.25)


def _front(styles, layout: Layout) -> None:
    ms = layout.manuscript
    _set_font(styles["Title"], layout.font, layout.size if ms else 28)
    _para(styles["Title"], align="CENTER", before=180 if ms else 144, after=layout.size if ms else 12, keep=True)
    _set_font(styles["Subtitle"], layout.font, layout.size if ms else 16)
    _para(styles["Subtitle"], align="CENTER", after=24 if not ms else 0, keep=True)
    styles["Subtitle"].font.italic = not ms
    _set_font(styles["Author"], layout.font, layout.size if ms else 14)
    _para(styles["Author"], align="CENTER", after=0)
    _para(styles["Contact"], align="LEFT", line=1.0)
    _right_tab(styles["Contact"])
    _para(styles["TOC Heading"], align="CENTER", after=layout.size * 2, page_break=True)
    _set_font(styles["TOC Heading"], layout.font, layout.size * 1.4)
    _para(styles["toc 1"], align="LEFT", after=4)


def _right_tab(style) -> None:
    """The word count sits on the name's line, flush right (a tab stop at the text's right edge)."""
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Inches

    style.paragraph_format.tab_stops.add_tab_stop(Inches(6.5), WD_TAB_ALIGNMENT.RIGHT)

"""The DOCX body (word/document.xml paragraphs) written as text from the Manuscript.

python-docx builds a paragraph as an lxml tree, several objects per run; for a
560,000-word book that is most of the build time. The body is plain WordprocessingML
with a style per paragraph, so it is written here as strings; python-docx still
makes the styles, sections, headers and properties around it.
"""

from __future__ import annotations

from narrative_cli.export.labels import labels
from narrative_cli.export.model import BR, EM, STRONG, Block, Break, ListBlock, Manuscript, Para, Quote, Run, in_parts
from narrative_cli.export.xhtml import esc

TOC_FIELD = ' TOC \\o "1-{}" \\h \\z \\u '
PART_BOOKMARKS = 1_000_000  # a part's bookmark id: past any chapter's (its number)


class BodyWriter:
    """Collects <w:p> strings; `styles` maps style names to ids, `numbering` gives list numIds."""

    def __init__(self, styles: dict[str, str], numbering, opening_drop: float = 96, part_drop: float = 192) -> None:
        self.ids = styles
        # an untitled chapter's (or part's) heading starts the page and sits as low as a label would
        self.opening, self.part_opening = (f'<w:pageBreakBefore/><w:spacing w:before="{round(drop * 20)}"/>'
                                           for drop in (opening_drop, part_drop))
        self.numbering = numbering
        self.out: list[str] = []

    def para(self, style: str, inner: str, extra_ppr: str = "") -> None:
        self.out.append(f'<w:p><w:pPr><w:pStyle w:val="{self.ids[style]}"/>{extra_ppr}</w:pPr>{inner}</w:p>')

    def text(self, style: str, text: str) -> None:
        self.para(style, run(text, 0))

    def chapters(self, book: Manuscript, manuscript: bool) -> None:
        words = labels(book.language)
        for chapter, in_part in in_parts(book.chapters):
            if chapter.part:
                self.heading("Part Label", "Part Title", chapter.part.label, chapter.part.title,
                             PART_BOOKMARKS + chapter.number, f"_TocPart{chapter.number:06d}", self.part_opening)
            self.heading("Chapter Label", "Heading 2" if in_part else "Heading 1", chapter.label, chapter.title,
                         chapter.number, f"_Toc{chapter.number:06d}", self.opening)
            for i, scene in enumerate(chapter.scenes):
                if i:
                    self.text("Scene Break", "#" if manuscript else book.scene_break)
                self.blocks(scene.blocks, first=True, scene_break="#" if manuscript else book.scene_break)
        if manuscript:
            self.text("End Mark", words["end"])

    def heading(self, label_style: str, style: str, label: str, title: str, ident: int, anchor: str,
                opening: str) -> None:
        """Label over title; untitled, the label is the heading (in the contents and navigation
        pane) and opens the page itself, as the label paragraph otherwise does."""
        if title:
            self.text(label_style, label)
        self.para(style, f'<w:bookmarkStart w:id="{ident}" w:name="{anchor}"/>'
                  f'{run(title or label, 0)}<w:bookmarkEnd w:id="{ident}"/>', "" if title else opening)

    def blocks(self, blocks: list[Block], first: bool, scene_break: str, level: int = 0) -> None:
        for block in blocks:
            if isinstance(block, Para):
                self.para("First Paragraph" if first else "Body Text", runs_xml(block.runs))
                first = False
            elif isinstance(block, Break):
                self.text("Scene Break", scene_break)
                first = True
            elif isinstance(block, Quote):
                for inner in _flatten(block.blocks):
                    self.para("Block Text", runs_xml(inner.runs))
                first = True
            elif isinstance(block, ListBlock):
                self.list(block, level, scene_break)
                first = True

    def list(self, block: ListBlock, level: int, scene_break: str) -> None:
        style = "List Number" if block.ordered else "List Bullet"
        num_id = self.numbering(block.ordered, block.start)
        numpr = f'<w:numPr><w:ilvl w:val="{min(level, 8)}"/><w:numId w:val="{num_id}"/></w:numPr>'
        for item in block.items:
            lead = True
            for inner in item:
                if isinstance(inner, ListBlock):
                    self.list(inner, level + 1, scene_break)
                    continue
                for para in _flatten([inner]):
                    # continuation paragraphs of an item keep the indent but get no new number
                    extra = numpr if lead else f'<w:ind w:left="{720 * (level + 1)}"/>'
                    self.para(style, runs_xml(para.runs), extra)
                    lead = False

    def toc(self, title: str, book: Manuscript) -> None:
        """A real TOC field; its cached result lists the parts and chapters until Word or LibreOffice refreshes it."""
        self.text("TOC Heading", title)
        entries = []  # (style, anchor, text)
        for c, in_part in in_parts(book.chapters):
            if c.part:
                entries.append(("toc 1", f"_TocPart{c.number:06d}", c.part.title or c.part.label))
            entries.append(("toc 2" if in_part else "toc 1", f"_Toc{c.number:06d}", c.title or c.label))
        levels = 2 if any(c.part for c in book.chapters) else 1
        begin = ('<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>'
                 f'<w:r><w:instrText xml:space="preserve">{TOC_FIELD.format(levels)}</w:instrText></w:r>'
                 '<w:r><w:fldChar w:fldCharType="separate"/></w:r>')
        end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        for i, (style, anchor, text) in enumerate(entries):
            self.para(style, (begin if i == 0 else "") + f'<w:hyperlink w:anchor="{anchor}" w:history="1">'
                      f'{run(text, 0)}</w:hyperlink>' + (end if i == len(entries) - 1 else ""))

    def xml(self) -> str:
        return "".join(self.out)


def _flatten(blocks: list[Block]) -> list[Para]:
    """Paragraphs inside a quote (nested quotes and lists lose their nesting, not their text)."""
    found: list[Para] = []
    for block in blocks:
        if isinstance(block, Para):
            found.append(block)
        elif isinstance(block, Quote):
            found += _flatten(block.blocks)
        elif isinstance(block, ListBlock):
            for item in block.items:
                found += _flatten(item)
    return found


RPR = {EM: "<w:rPr><w:i/></w:rPr>", STRONG: "<w:rPr><w:b/></w:rPr>", EM | STRONG: "<w:rPr><w:b/><w:i/></w:rPr>"}


def run(text: str, flags: int) -> str:
    return f'<w:r>{RPR.get(flags, "")}<w:t xml:space="preserve">{esc(text)}</w:t></w:r>'


def runs_xml(runs: list[Run]) -> str:
    parts = []
    for text, flags in runs:
        if flags & BR:
            parts.append("<w:r><w:br/></w:r>")
        elif flags:
            parts.append(f'<w:r>{RPR[flags]}<w:t xml:space="preserve">{esc(text)}</w:t></w:r>')
        else:
            parts.append(f'<w:r><w:t xml:space="preserve">{esc(text)}</w:t></w:r>')
    return "".join(parts)

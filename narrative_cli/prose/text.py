"""Scene bodies as paragraphs and sentences that remember their source lines.

Markdown is parsed with markdown-it-py (never by hand): each paragraph's
inline token carries `map`, the source lines it came from, so every offset in
a paragraph's text maps back to `file:line:column` for diagnostics.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from narrative_cli.indented import inset_chunks

SENTENCE_END = re.compile(r"[.!?…][\"”’)\]*_]*(?=\s+[\"“‘(*_]*[A-Z0-9])")
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*", re.UNICODE)
ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "st", "mt", "capt", "col", "gen", "lt", "sgt", "prof", "rev", "fr", "vs"}
MARKUP = re.compile(r"[*_`]")
BLANKS = re.compile(r"\s*")
INSETS = {"fence", "html_block"}  # not prose; an indented block is read as a quote (below)
# A letter set in the narration: it opens with a salutation and ends with a sign-off.
SALUTATION = re.compile(r"(?:[Mm]y\s+)?(?:[Dd]ear|[Dd]earest|[Hh]onoured|[Bb]eloved)\b[^.!?\"“]{0,40},|"
                        r"(?:Sir|Madam|Dear Sir|Dear Madam|Gentlemen),")
SIGN_OFF = re.compile(r"\b(?:[Yy]ours\b|[Yy]our\s+(?:\w+\s+)?(?:affectionate|obliged|sincere|faithful|humble|devoted)"
                      r"|(?:etc|&c)\.\s*$)")
# A sentence's end inside narration, not the dot of Mr. / Mrs. / Dr. / St.
SENTENCE_BREAK = re.compile(r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)[.!?]\W*\s")
LETTER_SPAN = 12  # paragraphs a letter may run to without a sign-off before its salutation is doubted


@dataclass
class Paragraph:
    """One block of prose: `text` is the Markdown inline source, `line` its first file line."""

    index: int
    text: str
    line: int
    kind: str = "paragraph"  # paragraph | heading | quote | item
    columns: list[int] = field(default_factory=list)  # per text line: column of its first character
    # An inset (indented verse or letter lines, a code or HTML block, a block quote) comes between
    # this paragraph and the previous one: a speech may run on across it without a new quote mark.
    after_inset: bool = False

    def where(self, offset: int) -> tuple[int, int]:
        """(line, column), 1-based, of a character offset in `text`."""
        offset = max(0, offset)
        row = bisect_right(self._line_starts, offset) - 1
        start = self._line_starts[row]
        base = self.columns[row] if row < len(self.columns) else 1
        return self.line + row, base + offset - start

    @cached_property
    def _line_starts(self) -> list[int]:
        """Offsets where each text line starts: `where` is asked once per quote mark, and counting
        the line breaks before each one made a long paragraph quadratic (60,000 marks: 3 s)."""
        return [0, *(i + 1 for i, ch in enumerate(self.text) if ch == "\n")]

    @cached_property
    def plain(self) -> str:  # read once per quote and narration piece: computed once
        return MARKUP.sub("", self.text)


@dataclass
class Sentence:
    paragraph: Paragraph
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.paragraph.text[self.start:self.end]


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt

    # Only block structure is read (an inline token's `content` and `map`): skipping inline
    # parsing, which nothing here looks at, saves about a third of the parse time.
    return MarkdownIt("commonmark").disable(["inline", "text_join"])


def paragraphs(body: str, body_line: int = 1) -> list[Paragraph]:
    """Prose blocks in reading order; indented blocks read as block quotes; fences, HTML and rules are not prose."""
    tokens = _parser().parse(body)
    source = body.split("\n")
    found: list[Paragraph] = []
    context: list[str] = []
    inset = False
    for token in tokens:
        if token.type == "code_block" and token.map:
            # indented lines: an inset (a letter, verse) that export prints as prose, so it is
            # read like a block quote; a tab-indented paragraph is read all the same
            for first, lines in inset_chunks(token.content, token.map[0]):
                cols = [_column(source, first + i, line) for i, line in enumerate(lines)]
                found.append(Paragraph(len(found), "\n".join(lines), body_line + first, "quote", cols, True))
            inset = False
        elif token.type in INSETS:
            inset = True
        elif token.type.endswith("_open") and token.type != "paragraph_open":
            context.append(token.type)
        elif token.type.endswith("_close") and token.type != "paragraph_close" and context:
            context.pop()
        elif token.type == "inline" and token.map:
            kind = _kind(context)
            first = token.map[0]
            cols = [_column(source, first + i, line) for i, line in enumerate(token.content.split("\n"))]
            found.append(Paragraph(len(found), token.content, body_line + first, kind, cols,
                                   inset or bool(found) and found[-1].kind == "quote" != kind))
            inset = False
    return found


def _kind(context: list[str]) -> str:
    if context and context[-1] == "heading_open":
        return "heading"
    if "blockquote_open" in context:
        return "quote"
    if "list_item_open" in context:
        return "item"
    return "paragraph"


def _column(source: list[str], row: int, content_line: str) -> int:
    """Where a content line starts in its source line (block quote markers and indentation move it)."""
    if row >= len(source) or not content_line:
        return 1
    at = source[row].find(content_line.lstrip())
    shift = len(content_line) - len(content_line.lstrip())
    return (at - shift if at >= shift else 0) + 1


def letters(paras: list[Paragraph]) -> set[int]:
    """`index` of each paragraph that belongs to letters quoted in the narration (`My dearest Catherine,` ...
    `Who ever am, etc.`): written in the letter-writer's own person and tense, not the narrator's."""
    found: set[int] = set()
    for i, p in enumerate(paras):
        if p.index in found or not SALUTATION.match(p.text.lstrip("*_ ")):
            continue
        end = next((j for j in range(i, min(i + LETTER_SPAN, len(paras))) if SIGN_OFF.search(paras[j].text)), i)
        found.update(q.index for q in paras[i:end + 1])
    return found


def sentences(paragraph: Paragraph) -> list[Sentence]:
    """Split at . ! ? … followed by space and a capital; quotes and emphasis stay with their sentence."""
    text = paragraph.text
    found, start = [], 0
    for match in SENTENCE_END.finditer(text):
        if _abbreviation(text, match.start()):
            continue
        found.append(Sentence(paragraph, start, match.end()))
        start = BLANKS.match(text, match.end()).end()  # never slice the rest: quadratic in sentences
    if text[start:].strip():
        found.append(Sentence(paragraph, start, len(text.rstrip())))
    return found


def last_sentence(text: str, start: int, end: int) -> int:
    """Where the last sentence of text[start:end] begins (its own closing stop is not a break)."""
    end = start + len(text[start:end].rstrip(" \n*_—–-\u2060:,.!?;"))
    breaks = [m.end() for m in SENTENCE_BREAK.finditer(text, start, end)]
    return breaks[-1] if breaks else start


def words(text: str) -> list[str]:
    """Word tokens; contractions (don't, Elena's) stay one token."""
    return WORD.findall(text)


def _abbreviation(text: str, dot: int) -> bool:
    """`Mr.` and `St.` end a word, not a sentence."""
    if text[dot] != ".":
        return False
    head = text[max(0, dot - 6):dot]
    last = WORD.findall(head)
    return bool(last) and head.endswith(last[-1]) and last[-1].lower() in ABBREVIATIONS

"""Scene prose (CommonMark) -> Manuscript blocks, with markdown-it-py.

Most novel prose is paragraphs of plain text with some emphasis, and now and then
a quoted letter. A scene whose lines start no block construct (list, heading,
fence, indented code, hard break...) other than `>` is split into paragraphs at
blank lines, and only paragraphs holding Markdown punctuation go through
markdown-it's inline parser; a group of lines that all open with `>` is a block
quote of such text. The result is the same as the full parse (property-tested)
and several times faster; anything else takes the full parse. markdown-it is
imported on first need, so a book of plain prose never loads it.
"""

from __future__ import annotations

import re

from narrative_cli.export.model import BR, EM, STRONG, Block, Break, ListBlock, Para, Quote, Run
from narrative_cli.indented import inset_chunks
from narrative_cli.wordcount import count_words as count_text

# A line that may open (or, under a paragraph, end) a block construct. Only these take the full
# parse; `_word_` or `*word*` at a line's start is emphasis, `#hashtag` or `1984` plain text.
BLOCK_START = re.compile(r"""^(?:\ {0,3}(?:
    [>]                                   # block quote
  | \#{1,6}(?:[ \t]|$)                    # ATX heading
  | [*+-](?:[ \t]|$)                      # bullet list item
  | \d{1,9}[.)](?:[ \t]|$)                # ordered list item
  | (?:[*_-][ \t]*){3,}$                  # thematic break
  | =+[ \t]*$ | -+[ \t]*$                 # setext underline
  | `{3} | ~{3}                           # code fence
  | < | \[                                # HTML block, link reference definition
  )
  | \ {4} | \ {0,3}\t                      # indented block
)""", re.M | re.X)
INLINE_SPECIAL = re.compile(r"[\\`*_\[\]<>&]")  # `!` matters only before `[`
BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
OTHER_SPECIAL = re.compile(r"[\\`_\[\]<>&]")
_WS = " \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
# The opening `*` comes first and the check of the character before it after: a pattern that
# starts with a literal is scanned for it at C speed (a leading look-behind is tried at every position).
SIMPLE_EM = re.compile(rf"\*(?<![^{_WS}\"'(\[\u2014\u2013\-]\*)(?=[^{_WS}*])([^*]*?[^{_WS}*])\*"
                       rf"(?![^{_WS}.,;:!?\"')\]\u2014\u2013\u2026\-])")
# A block quote's marker on one of its lines: up to three spaces, `>`, one optional space. A line
# without it (a lazy continuation) takes the full parse, and so does a tab after `>` (CommonMark
# counts it in columns): the quoted text then starts with a tab, an indented block.
QUOTE_MARKER = re.compile(r" {0,3}> ?")
QUOTE_DEPTH = 8  # deeper quotes take the full parse, whose nesting limit then applies
SPACES = re.compile(r"[ \t]{2,}|\t")  # two spaces after a full stop print as one, as in HTML
FLAG_OF = {"em_open": EM, "em_close": EM, "strong_open": STRONG, "strong_close": STRONG}
# Raw HTML elements are not printed: their tags go, what they enclose stays, and a few mean
# what they say. Anything else in angle brackets (`<harbor>`, `<3`) is the writer's text.
HTML_ELEMENTS = frozenset(
    "a abbr address article aside b bdi bdo big blockquote br center cite code dd del details dfn div dl dt em "
    "figcaption figure font footer h1 h2 h3 h4 h5 h6 header hr i ins kbd li main mark nav ol p pre q s samp "
    "section small span strike strong sub summary sup table tbody td tfoot th thead tr tt u ul var wbr".split())
HTML_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)[^>]*>")
HTML_FLAG = {"em": EM, "i": EM, "cite": EM, "strong": STRONG, "b": STRONG}


class SceneParser:
    """One typographer, and one markdown-it instance made on first need, reused for every
    scene of a build."""

    def __init__(self, language: str, smart: bool, dashes: str = "en") -> None:
        from narrative_cli.export.typography import Typographer

        self._md = None
        self.typo = Typographer(language, dashes) if smart else None

    @property
    def md(self):
        if self._md is None:
            from markdown_it import MarkdownIt

            self._md = MarkdownIt("commonmark")
        return self._md

    def parse(self, body: str) -> tuple[list[Block], int]:
        """(blocks, word count) of one scene's Markdown body."""
        body = CONTROL.sub("", body)
        blocks = None
        if "  \n" not in body and "\\\n" not in body:  # no hard line break
            blocks = self._blocks(body)
        if blocks is None:
            blocks = self._full(body)
        return blocks, count_words(blocks)

    def _blocks(self, text: str, depth: int = 0) -> list[Block] | None:
        """Paragraphs, and block quotes of them, without the full parse; None when the text
        holds any other block construct."""
        if not BLOCK_START.search(text):
            return [self._paragraph(chunk) for chunk in BLANK_LINES.split(text.strip(" \t\n")) if chunk.strip()]
        if depth == QUOTE_DEPTH:
            return None
        blocks: list[Block] = []
        for chunk in BLANK_LINES.split(text):  # a blank line ends a block quote
            if not chunk.strip():
                continue
            if not BLOCK_START.search(chunk):
                blocks.append(self._paragraph(chunk))
                continue
            inside = _quoted(chunk)
            quoted = None if inside is None else self._blocks(inside, depth + 1)
            if quoted is None:
                return None
            blocks.append(Quote(quoted))
        return blocks

    def inline_text(self, text: str) -> str:
        text = CONTROL.sub("", text)
        return self.typo.text(text) if self.typo else text

    def _paragraph(self, chunk: str) -> Para:
        if INLINE_SPECIAL.search(chunk):
            simple = _simple_emphasis(chunk)
            if simple is not None:
                return Para(self._finish(simple))
            # exactly the inline content the block parser would hand over
            return Para(self._runs(self.md.parseInline(chunk.strip())[0].children or []))
        text = " ".join(line.lstrip(" \t").rstrip(" ") for line in chunk.split("\n")).strip()
        return Para(self._finish([(text, 0)]))

    def _finish(self, runs: list[Run]) -> list[Run]:
        """Prose runs as printed: one space between words, then smart typography."""
        runs = [(SPACES.sub(" ", t) if "  " in t or "\t" in t else t, f) for t, f in runs]
        return self.typo.runs(runs) if self.typo else runs

    def _runs(self, children) -> list[Run]:
        runs: list[Run] = []
        flags = 0
        for tok in children:
            kind = tok.type
            if kind in FLAG_OF:
                flags ^= FLAG_OF[kind]
            elif kind in ("text", "code_inline"):
                _append(runs, tok.content, flags)
            elif kind == "html_inline":
                flags = _html_tag(tok.content, runs, flags)
            elif kind == "softbreak":
                _append(runs, " ", flags)
            elif kind == "hardbreak":
                runs.append(("", BR))
            elif kind == "image":
                _append(runs, tok.content, flags)
        return self._finish(runs)

    def _inset(self, lines: list[str]) -> Para:
        """One part of an indented block: its own lines (hard breaks between), inline Markdown read."""
        return Para(self._runs(self.md.parseInline("\\\n".join(lines))[0].children or []))

    def _full(self, body: str) -> list[Block]:
        """The full CommonMark parse, folded into nested blocks with an explicit stack."""
        root: list[Block] = []
        stack: list[tuple[object, list[Block]]] = [(None, root)]
        heading = None  # the open heading's markup: `#`.. for ATX, `=` or `-` for an underline
        printed = False
        for tok in self.md.parse(body):
            kind, into = tok.type, stack[-1][1]
            if kind == "inline":
                runs = self._runs(tok.children or [])
                if heading and heading != "-":
                    runs = [(t, f | STRONG) if not f & BR else (t, f) for t, f in runs]
                if runs:
                    into.append(Para(runs))
                    printed = True
            elif kind == "fence":  # the writer's explicit verbatim: lines and characters as typed
                into.append(Para(_code_runs(tok.content)))
            elif kind == "code_block":  # indented: in a book an inset (a letter, verse), not code
                into.extend(self._inset(lines) for _, lines in inset_chunks(tok.content, 0))
            elif kind == "html_block":
                text = _html_text(tok.content)
                if text:
                    into.append(Para(self._finish([(text, 0)])))
            elif kind == "hr":
                into.append(Break())
            elif kind == "heading_open":
                heading, printed = tok.markup, False
            elif kind == "heading_close":
                # Shunn's `#` alone on a line, and `---` right under a paragraph, are how writers
                # type a scene break; CommonMark reads an empty heading and an underline
                if heading == "-" or not printed:
                    into.append(Break())
                heading = None
            else:
                _structure(tok, stack)
        return root


def _quoted(chunk: str) -> str | None:
    """The text inside a block quote whose every line carries the marker, or None."""
    inside = []
    for line in chunk.strip("\n").split("\n"):
        marker = QUOTE_MARKER.match(line)
        if marker is None:
            return None
        inside.append(line[marker.end():])
    return "\n".join(inside)


def _simple_emphasis(chunk: str) -> list[Run] | None:
    """Runs for a paragraph whose only Markdown is `*single words or phrases*`, or None.

    Each pair must open after whitespace or opening punctuation and close before
    whitespace or closing punctuation: there CommonMark's flanking rules cannot
    disagree, so the result equals markdown-it's (a property test holds us to it).
    """
    if OTHER_SPECIAL.search(chunk):
        return None
    text = " ".join(line.lstrip(" \t").rstrip(" ") for line in chunk.split("\n")).strip()
    runs: list[Run] = []
    at = 0
    for match in SIMPLE_EM.finditer(text):
        _append(runs, text[at:match.start()], 0)
        _append(runs, match.group(1), EM)
        at = match.end()
    rest = text[at:]
    if "*" in rest or any("*" in t for t, _ in runs):
        return None
    _append(runs, rest, 0)
    return runs


def _html_tag(tag: str, runs: list[Run], flags: int) -> int:
    """An inline HTML tag: <br> breaks the line, <i>/<em>/<b>/<strong> switch emphasis, other
    elements print nothing; angle brackets round anything else are text."""
    match = HTML_TAG.fullmatch(tag)
    name = match.group(1).lower() if match else ""
    if name not in HTML_ELEMENTS:
        _append(runs, tag, flags)
    elif name == "br":
        runs.append(("", BR))
    elif name in HTML_FLAG:  # toggled, as Markdown's own markers are: italics inside italics print roman
        flags ^= HTML_FLAG[name]
    return flags


def _html_text(block: str) -> str:
    """An HTML block's words: element tags removed, anything else kept as typed."""
    kept = HTML_TAG.sub(lambda m: " " if m.group(1).lower() in HTML_ELEMENTS else m.group(0), block)
    return " ".join(kept.split())


def _structure(tok, stack: list) -> None:
    """Open and close quotes, lists and list items on the stack."""
    kind = tok.type
    if kind == "blockquote_open":
        quote = Quote([])
        stack[-1][1].append(quote)
        stack.append((quote, quote.blocks))
    elif kind in ("bullet_list_open", "ordered_list_open"):
        start = int(tok.attrGet("start") or 1)
        block = ListBlock(kind == "ordered_list_open", start, [])
        stack[-1][1].append(block)
        stack.append((block, []))
    elif kind == "list_item_open":
        item: list[Block] = []
        stack[-1][0].items.append(item)  # type: ignore[union-attr]
        stack.append((None, item))
    elif kind in ("blockquote_close", "bullet_list_close", "ordered_list_close", "list_item_close"):
        stack.pop()


def _append(runs: list[Run], text: str, flags: int) -> None:
    if runs and runs[-1][1] == flags:
        runs[-1] = (runs[-1][0] + text, flags)
    elif text:
        runs.append((text, flags))


def _code_runs(text: str) -> list[Run]:
    runs: list[Run] = []
    for i, line in enumerate(text.rstrip("\n").split("\n")):
        if i:
            runs.append(("", BR))
        if line:
            runs.append((line, 0))
    return runs


def count_words(blocks: list[Block]) -> int:
    """Words of the blocks' text, counted by the one word counter (narrative_cli.wordcount)."""
    total = 0
    for block in blocks:
        if isinstance(block, Para):
            text = block.runs[0][0] if len(block.runs) == 1 else "".join(" " if f & BR else t for t, f in block.runs)
            total += count_text(text)
        elif isinstance(block, Quote):
            total += count_words(block.blocks)
        elif isinstance(block, ListBlock):
            total += sum(count_words(item) for item in block.items)
    return total

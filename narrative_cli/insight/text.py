"""Scene prose as plain text, mapped back to file lines; and the one word counter.

Markdown syntax (emphasis markers, quote prefixes, list bullets, HTML) is not
prose: it is stripped with markdown-it-py, and each plain line keeps the line
number it came from so every finding can say `path:line`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from narrative_cli.indented import inset_chunks

_TEXT_CHILDREN = ("text", "code_inline")
_BREAKS = ("softbreak", "hardbreak")


@dataclass
class Paragraph:
    """One block of prose: its plain lines as (file line, text)."""

    lines: list[tuple[int, str]] = field(default_factory=list)

    @property
    def line(self) -> int:
        return self.lines[0][0] if self.lines else 0

    @property
    def text(self) -> str:
        return " ".join(text for _, text in self.lines)


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


def paragraphs(body: str, body_line: int = 1) -> list[Paragraph]:
    """The prose blocks of a Markdown body; `body_line` is the file line where the body starts."""
    found = []
    for token in _parser().parse(body):
        if token.type == "code_block" and token.map:  # an inset: export prints it as prose
            found += [Paragraph([(body_line + first + i, line) for i, line in enumerate(lines)])
                      for first, lines in inset_chunks(token.content, token.map[0])]
            continue
        if token.type != "inline" or token.map is None:
            continue
        para = _plain_lines(token, body_line + token.map[0])
        if para.lines:
            found.append(para)
    return found


def _plain_lines(token, first_line: int) -> Paragraph:
    para = Paragraph()
    parts: list[str] = []
    line = first_line
    for child in token.children or ():
        if child.type in _BREAKS:
            _flush(para, line, parts)
            parts, line = [], line + 1
        elif child.type in _TEXT_CHILDREN or child.type == "image":
            parts.append(child.content)
    _flush(para, line, parts)
    return para


def _flush(para: Paragraph, line: int, parts: list[str]) -> None:
    text = "".join(parts).strip()
    if text:
        para.lines.append((line, text))


def plain_text(body: str) -> str:
    """The prose of a body without Markdown syntax, one paragraph per line."""
    return "\n".join(p.text for p in paragraphs(body))


def count_words(body: str) -> int:
    """Words of a prose body, Markdown syntax excluded, counted as export counts them."""
    from narrative_cli.wordcount import count_words as count_text

    return sum(count_text(p.text) for p in paragraphs(body))

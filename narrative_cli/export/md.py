"""Markdown writer: the selected manuscript as one CommonMark file (handy for
pandoc, diffing a whole draft, or pasting into a submission form). The book's title is `#`,
chapters `##`; in a book with parts, parts are `##` and chapters `###` (what `import` reads back)."""

from __future__ import annotations

import re

from narrative_cli.export.labels import chapter_name
from narrative_cli.export.model import BR, EM, STRONG, Block, Break, ListBlock, Manuscript, Para, Quote, Run

SPECIAL = re.compile(r"([\\`*_\[\]<>&])")
LIST_MARKER = re.compile(r"^(?:- |\d+\. )")
LINE_START = re.compile(r"^(\s*)([#>+\-=|]|\d+[.)])")


def write_md(book: Manuscript, options, epoch: int) -> bytes:
    out = [f"# {_escape(book.title)}", ""]
    if book.subtitle:
        out += [f"*{_escape(book.subtitle)}*", ""]
    if options.include_author:
        out += [_escape(book.byline), ""]
    parts = any(c.part for c in book.chapters)  # a book in parts: `##` parts, `###` chapters
    for chapter in book.chapters:
        if chapter.part:
            out += [f"## {_escape(chapter.part.name)}", ""]
        out += [f"{'###' if parts else '##'} {_escape(chapter_name(chapter))}", ""]
        for i, scene in enumerate(chapter.scenes):
            if i:
                out += ["* * *", ""]
            _blocks(scene.blocks, out, "")
    return ("\n".join(out).rstrip("\n") + "\n").encode("utf-8")


def _blocks(blocks: list[Block], out: list[str], prefix: str) -> None:
    for block in blocks:
        if isinstance(block, Para):
            lines = _inline(block.runs).split("\n")
            out += [prefix + line for line in lines] + [prefix.rstrip()]
        elif isinstance(block, Break):
            out += [prefix + "* * *", prefix.rstrip()]
        elif isinstance(block, Quote):
            _blocks(block.blocks, out, prefix + "> ")
            out[-1] = prefix.rstrip()  # the quote ends with a blank line at this level
        elif isinstance(block, ListBlock):
            for n, item in enumerate(block.items, start=block.start):
                marker = f"{n}. " if block.ordered else "- "
                inner: list[str] = []
                _blocks(item, inner, "")
                while inner and not inner[-1]:
                    inner.pop()
                inner = [line for i, line in enumerate(inner)
                         if line or i + 1 >= len(inner) or not LIST_MARKER.match(inner[i + 1])]
                for k, line in enumerate(inner):
                    lead = marker if k == 0 else " " * len(marker)
                    out.append(prefix + (lead + line if line else ""))
            out.append(prefix.rstrip())


def _inline(runs: list[Run]) -> str:
    parts = []
    for text, flags in runs:
        if flags & BR:
            parts.append("\\\n")
            continue
        text = _escape(text)
        core = text.strip()
        if flags and core:
            lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()):]
            mark = {EM: "*", STRONG: "**"}.get(flags, "***")
            text = f"{lead}{mark}{core}{mark}{trail}"
        parts.append(text)
    return LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), "".join(parts))


def _escape(text: str) -> str:
    return SPECIAL.sub(r"\\\1", text)

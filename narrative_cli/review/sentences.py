"""Prose split into blocks and sentences, the unit editors read changes in.

A paragraph re-wrapped in the editor must not look changed, so lines inside
a paragraph are joined before splitting; list items, quotes, headings and
hard breaks stay separate blocks because joining them would change meaning.
"""

from __future__ import annotations

import re

# An end of sentence: . ! ? or … (maybe doubled), closing quotes or brackets, then space.
_END = re.compile(r"""(?<=[.!?…])["'”’)\]*_]*(\s+)""")
_BLOCK_START = re.compile(r"^\s*(?:[-*+]\s|\d{1,9}[.)]\s|>|#{1,6}\s|\*\*\*\s*$|---\s*$|___\s*$)")
_STANDALONE = re.compile(r"^\s*(?:#{1,6}\s.*|\*\*\*|---|___)\s*$")  # headings and breaks end their block
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "st", "mt", "capt", "col", "gen", "lt", "sgt", "prof",
                  "rev", "vs", "etc", "e.g", "i.e", "no", "jr", "sr", "ft"}


def blocks(body: str) -> list[list[str]]:
    """Paragraphs (split at blank lines), each a list of blocks with their lines joined."""
    paragraphs: list[list[str]] = []
    for chunk in re.split(r"\n[ \t]*\n", body.strip("\n")):
        current: list[list[str]] = []
        for line in chunk.split("\n"):
            if not line.strip():
                continue
            last = current[-1][-1] if current else ""
            hard_break = last.endswith("  ") or last.endswith("\\") or bool(_STANDALONE.match(last))
            if not current or hard_break or _BLOCK_START.match(line):
                current.append([line])
            else:
                current[-1].append(line)
        if current:
            paragraphs.append([" ".join(part.strip() for part in block) for block in current])
    return paragraphs


def split_sentences(text: str) -> list[str]:
    """A block of prose as sentences; an abbreviation such as `Mr.` does not end one."""
    sentences: list[str] = []
    start = 0
    for match in _END.finditer(text):
        before = text[start:match.start()].rsplit(None, 1)
        last = before[-1].rstrip(".").lower().lstrip("(\"'“‘") if before else ""
        if last in _ABBREVIATIONS:
            continue
        sentences.append(text[start:match.start(1)].strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return [s for s in sentences if s]


def sentences(body: str) -> list[str]:
    """Every sentence of a scene body in order; the unit of a story-aware diff."""
    return [s for paragraph in blocks(body) for block in paragraph for s in split_sentences(block)]


def count_words(text: str) -> int:
    """Words as a reader counts them: `don't` and `salt-road` are one word, punctuation none
    (the one word counter, shared with export and stats)."""
    from narrative_cli.wordcount import count_words as count_text

    return count_text(text)


def one_sentence_per_line(body: str) -> str:
    """The body with each sentence on its own line and a blank line between paragraphs."""
    out = []
    for paragraph in blocks(body):
        out.append("\n".join(s for block in paragraph for s in split_sentences(block)))
    return "\n\n".join(out) + ("\n" if out else "")

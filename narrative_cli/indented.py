"""Indented blocks: CommonMark's indented code is, in a book, an inset (a letter, verse) or a
writer's tab-indented paragraph. Export prints it as prose, so the prose layer, search and
stats read it too; all of them split it here.
"""

from __future__ import annotations


def inset_chunks(content: str, first: int) -> list[tuple[int, list[str]]]:
    """(first line, lines without indentation) of each blank-line separated part of an indented block."""
    chunks: list[tuple[int, list[str]]] = []
    for i, line in enumerate(content.rstrip("\n").split("\n")):
        if not line.strip():
            continue
        if chunks and chunks[-1][0] + len(chunks[-1][1]) == first + i:
            chunks[-1][1].append(line.strip())
        else:
            chunks.append((first + i, [line.strip()]))
    return chunks

"""Folding text for matching: case and accents ignored, one character for one character.

"Évrémonde" and "evremonde" fold alike, so a writer finds a name without
typing its accents. Each character folds to exactly one character (a letter
that would become two, like ß -> ss, stays itself, lower-cased), so an offset
in the folded text is the same offset in the original: matches found in the
fold are highlighted in the original without any mapping.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c)).casefold()
    if len(base) == 1:
        return base
    lower = char.lower()
    return lower if len(lower) == 1 else char


def fold(text: str) -> str:
    """`text` without case or accents, of the same length."""
    if text.isascii():
        return text.lower()
    return "".join(map(_fold_char, text))

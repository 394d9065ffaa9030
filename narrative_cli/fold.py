"""Folding text for matching: case and accents ignored, one character for one character.

"Évrémonde" and "evremonde" fold alike, so a writer finds a name without
typing its accents. Each character folds to exactly one character (a letter
that would become two, like ß -> ss, stays itself, lower-cased), so an offset
in the folded text is the same offset in the original: matches found in the
fold are highlighted in the original without any mapping.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# What may fold beyond lower(): anything outside ASCII except General Punctuation (curly quotes,
# dashes, the ellipsis), which a novel has in nearly every paragraph and which never changes.
FOLDABLE = re.compile(r"[^\x00-\x7f\u2000-\u206f]")


@lru_cache(maxsize=None)
def _unmarked(char: str) -> str:
    """A character without its combining marks (é -> e); one character may give two (ǆ stays)."""
    return "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))


@lru_cache(maxsize=None)
def _fold_char(char: str) -> str:
    base = _unmarked(char).casefold()
    if len(base) == 1:
        return base
    lower = char.lower()
    return lower if len(lower) == 1 else char


@lru_cache(maxsize=None)
def _strip_char(char: str) -> str:
    base = _unmarked(char)
    return base if len(base) == 1 else char


def fold(text: str) -> str:
    """`text` without case or accents, of the same length."""
    if text.isascii():
        return text.lower()
    low = text.lower()  # C speed; only a handful of letters (İ) lower to two characters
    if len(low) != len(text):
        return "".join(map(_fold_char, text))
    return FOLDABLE.sub(lambda m: _fold_char(m.group()), low) if FOLDABLE.search(low) else low


def strip_accents(text: str) -> str:
    """`text` with accents dropped and case kept (`Élodie Brûlé` -> `Elodie Brule`), of the same
    length: how the story checks compare a name typed without its accents."""
    return FOLDABLE.sub(lambda m: _strip_char(m.group()), text) if FOLDABLE.search(text) else text

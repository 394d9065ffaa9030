"""Pairing items of two revisions: by path when nothing moved, by content when something did.

A scene renumbered from 02 to 03, or carried into another chapter, keeps
most of its words; pairing on word shingles lets the diff say "moved"
instead of "removed" and "added". Identical texts pair first, then the most
similar pairs above a threshold; an item keeping its path always pairs with
its old self unless a closer match claims it.
"""

from __future__ import annotations

import hashlib
import re
from typing import Callable, Generic, Sequence, TypeVar

T = TypeVar("T")
MOVE_THRESHOLD = 0.5
MAX_PAIRS = 250_000  # beyond this many comparisons, only identical texts and paths pair
_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = 3) -> frozenset:
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return frozenset(words)
    return frozenset(" ".join(words[i:i + size]) for i in range(len(words) - size + 1))


def jaccard(a: frozenset, b: frozenset) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


class Matcher(Generic[T]):
    """Pairs `old` with `new` items; `path` names an item, `text` is what similarity reads."""

    def __init__(self, path: Callable[[T], str], text: Callable[[T], str], threshold: float = MOVE_THRESHOLD):
        self.path, self.text, self.threshold = path, text, threshold

    def pairs(self, old: Sequence[T], new: Sequence[T]) -> list[tuple[T | None, T | None, float]]:
        """Every old and new item exactly once: (old, new, similarity), with None on the missing side."""
        taken_old: dict[int, tuple[int, float]] = {}
        taken_new: set[int] = set()
        for i, j, score in self._candidates(old, new):
            if i not in taken_old and j not in taken_new:
                taken_old[i] = (j, min(max(score, 0.0), 1.0))
                taken_new.add(j)
        out: list[tuple[T | None, T | None, float]] = []
        for i, item in enumerate(old):
            j, score = taken_old.get(i, (None, 0.0))
            out.append((item, new[j] if j is not None else None, score))
        out += [(None, item, 0.0) for j, item in enumerate(new) if j not in taken_new]
        return out

    def _candidates(self, old: Sequence[T], new: Sequence[T]) -> list[tuple[int, int, float]]:
        found = self._identical(old, new)
        new_by_path = {self.path(n): j for j, n in enumerate(new)}
        for i, o in enumerate(old):
            j = new_by_path.get(self.path(o))
            if j is not None:
                found.append((i, j, -1.0))  # same path: a fallback pairing, ranked after any real match
        if len(old) * len(new) <= MAX_PAIRS:
            found += self._similar(old, new)
        return sorted(found, key=lambda c: (-(c[2] if c[2] >= 0 else -0.5), c[0], c[1]))

    def _identical(self, old: Sequence[T], new: Sequence[T]) -> list[tuple[int, int, float]]:
        by_hash: dict[str, list[int]] = {}
        for j, n in enumerate(new):
            if self.text(n).strip():
                by_hash.setdefault(_digest(self.text(n)), []).append(j)
        found = []
        for i, o in enumerate(old):
            for j in by_hash.get(_digest(self.text(o)), []) if self.text(o).strip() else []:
                same_path = self.path(o) == self.path(new[j])
                found.append((i, j, 3.0 if same_path else 2.0))
        return found

    def _similar(self, old: Sequence[T], new: Sequence[T]) -> list[tuple[int, int, float]]:
        old_sh = [shingles(self.text(o)) for o in old]
        new_sh = [shingles(self.text(n)) for n in new]
        found = []
        for i, a in enumerate(old_sh):
            for j, b in enumerate(new_sh):
                score = jaccard(a, b)
                bonus = 0.1 if self.path(old[i]) == self.path(new[j]) else 0.0
                if score >= self.threshold or (bonus and score > 0):
                    found.append((i, j, min(score + bonus, 1.0)))
        return found


def _digest(text: str) -> str:
    return hashlib.sha1(" ".join(text.split()).encode()).hexdigest()

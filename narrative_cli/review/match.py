"""Pairing items of two revisions: by path when nothing moved, by content when something did.

A scene renumbered from 02 to 03, or carried into another chapter, keeps
most of its words; pairing on word shingles lets the diff say "moved"
instead of "removed" and "added". Identical texts pair first, then the most
similar pairs above a threshold; an item keeping its path always pairs with
its old self when nothing else claims it.
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
        """Every old and new item exactly once: (old, new, similarity), with None on the missing side.
        Cheap rounds first (identical text, then a similar item at the same path), so the
        all-pairs comparison only sees what really moved, appeared or vanished."""
        self._old, self._new = old, new
        self._taken: dict[int, tuple[int, float]] = {}
        self._used: set[int] = set()
        self._take(self._identical())
        self._take(self._same_path(lambda score: score >= self.threshold))
        self._take(self._similar())
        self._take(self._same_path(lambda score: True))
        out: list[tuple[T | None, T | None, float]] = []
        for i, item in enumerate(old):
            j, score = self._taken.get(i, (None, 0.0))
            out.append((item, new[j] if j is not None else None, score))
        return out + [(None, item, 0.0) for j, item in enumerate(new) if j not in self._used]

    def _take(self, candidates: list[tuple[int, int, float]]) -> None:
        for i, j, score in sorted(candidates, key=lambda c: (-c[2], c[0], c[1])):
            if i not in self._taken and j not in self._used:
                self._taken[i] = (j, min(score, 1.0))
                self._used.add(j)

    def _free(self) -> tuple[list[int], list[int]]:
        return ([i for i in range(len(self._old)) if i not in self._taken],
                [j for j in range(len(self._new)) if j not in self._used])

    def _identical(self) -> list[tuple[int, int, float]]:
        by_hash: dict[str, list[int]] = {}
        for j, n in enumerate(self._new):
            if self.text(n).strip():
                by_hash.setdefault(_digest(self.text(n)), []).append(j)
        found = []
        for i, o in enumerate(self._old):
            for j in by_hash.get(_digest(self.text(o)), []) if self.text(o).strip() else []:
                found.append((i, j, 1.0 + (self.path(o) == self.path(self._new[j]))))  # same path first
        return found

    def _same_path(self, accept: Callable[[float], bool]) -> list[tuple[int, int, float]]:
        olds, news = self._free()
        by_path = {self.path(self._new[j]): j for j in news}
        found = []
        for i in olds:
            j = by_path.get(self.path(self._old[i]))
            if j is not None:
                score = jaccard(shingles(self.text(self._old[i])), shingles(self.text(self._new[j])))
                if accept(score):
                    found.append((i, j, score))
        return found

    def _similar(self) -> list[tuple[int, int, float]]:
        olds, news = self._free()
        if len(olds) * len(news) > MAX_PAIRS:
            return []
        new_sh = {j: shingles(self.text(self._new[j])) for j in news}
        found = []
        for i in olds:
            a = shingles(self.text(self._old[i]))
            for j in news:
                score = jaccard(a, new_sh[j])
                if score >= self.threshold:
                    found.append((i, j, score))
        return found


def _digest(text: str) -> str:
    return hashlib.sha1(" ".join(text.split()).encode()).hexdigest()

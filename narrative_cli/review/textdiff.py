"""Prose diffs by sentence, with the changed words marked inside changed sentences.

Sentences are compared first (a re-wrapped paragraph is not a change), then
each replaced sentence is paired with its most similar counterpart and
diffed word by word, so an editor sees `counted the guards [-twice-]{+three
times+}` instead of two whole paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from narrative_cli.review.sentences import count_words, sentences

PAIR_THRESHOLD = 0.4  # below this, a replaced sentence reads as removed + added, not edited
_TOKEN = re.compile(r"\s+|[^\W_](?:[\w'’-]*[^\W_])?|\S")  # words, single punctuation marks, spaces


@dataclass
class SentenceChange:
    kind: str  # added | removed | changed
    old: str | None
    new: str | None
    words: list[tuple[str, str]] = field(default_factory=list)  # (op, text): op is = - +

    def to_json(self) -> dict:
        return {"kind": self.kind, "old": self.old, "new": self.new, "words": [list(w) for w in self.words]}


@dataclass
class TextDiff:
    words_added: int = 0
    words_removed: int = 0
    changes: list[SentenceChange] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.changes)


def diff_text(old: str, new: str) -> TextDiff:
    """The sentence-level diff of two scene bodies, with word counts added and removed."""
    result = TextDiff()
    if old == new:
        return result  # most scenes of most diffs: skip the sentence split
    a, b = sentences(old), sentences(new)
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        for change in _pair(a[i1:i2], b[j1:j2]):
            result.changes.append(change)
            result.words_added += _count(change, "+")
            result.words_removed += _count(change, "-")
    return result


def _count(change: SentenceChange, op: str) -> int:
    if change.kind == "added":
        return count_words(change.new or "") if op == "+" else 0
    if change.kind == "removed":
        return count_words(change.old or "") if op == "-" else 0
    return sum(count_words(text) for o, text in change.words if o == op)


def _pair(olds: list[str], news: list[str]) -> list[SentenceChange]:
    """Pair each old sentence with the most similar new one, in order; the rest are added or removed."""
    out: list[SentenceChange] = []
    j = 0
    for old in olds:
        best, best_ratio = None, PAIR_THRESHOLD
        for k in range(j, len(news)):
            ratio = SequenceMatcher(None, old, news[k], autojunk=False).ratio()
            if ratio > best_ratio:
                best, best_ratio = k, ratio
        if best is None:
            out.append(SentenceChange("removed", old, None))
            continue
        out += [SentenceChange("added", None, s) for s in news[j:best]]
        out.append(SentenceChange("changed", old, news[best], word_diff(old, news[best])))
        j = best + 1
    out += [SentenceChange("added", None, s) for s in news[j:]]
    return out


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Word-level spans of one sentence: ("=", same), ("-", removed), ("+", added).
    Whitespace is kept with the words so the spans join back into the sentences."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    spans: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(lambda t: t.isspace(), a, b, autojunk=False).get_opcodes():
        if op == "equal":
            _add(spans, "=", "".join(a[i1:i2]))
            continue
        if op in ("delete", "replace"):
            _add(spans, "-", "".join(a[i1:i2]))
        if op in ("insert", "replace"):
            _add(spans, "+", "".join(b[j1:j2]))
    return spans


def _add(spans: list[tuple[str, str]], op: str, text: str) -> None:
    if not text:
        return
    if spans and spans[-1][0] == op:
        spans[-1] = (op, spans[-1][1] + text)
    else:
        spans.append((op, text))

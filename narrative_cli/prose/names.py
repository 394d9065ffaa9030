"""Canon names and aliases found in prose, with positions, and the little we know about pronouns."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Iterator

from narrative_cli.prose.text import Paragraph

PRONOUN_WORDS = {
    "he": {"he", "him", "his", "himself"},
    "she": {"she", "her", "hers", "herself"},
}

# A name does not start or end inside a word, a contraction or a hyphenation (`Voss-like`); but
# `--` and `---` typed for dashes separate words ("the Light---and"), so two hyphens are no joint.
BEFORE = r"(?<![\w’'])(?<![^-]-)"
AFTER = r"(?![\w]|-(?!-))"
SPACES = re.compile(r"\s+")
INSIDE_WORD = re.compile(r"[\w’'-]")
# Outside these ranges `lower()` may change a text's length or fold unlike IGNORECASE (ſ, K, İ, Σ).
UNSAFE_CASE = re.compile(r"[^\x00-\x7f\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00fe\u2010-\u2027]")


@dataclass(frozen=True)
class Mention:
    """A canon name in a paragraph; `refs` has several entries only when a name is shared."""

    paragraph: Paragraph
    start: int
    end: int
    term: str
    refs: tuple[str, ...]

    @property
    def ref(self) -> str | None:
        return self.refs[0] if len(self.refs) == 1 else None

    @property
    def where(self) -> tuple[int, int]:
        return self.paragraph.where(self.start)


class NameIndex:
    """Every name and alias of the given entities, matched as whole words, longest first."""

    def __init__(self, records: Iterable) -> None:
        self.terms: dict[str, set[str]] = {}
        self.records = {}
        for record in records:
            self.records[record.ref] = record
            for name in record.names:
                name = spaced(str(name).strip())  # `Mr.\u00a0Lorry` or `Pilar  Ferris`: one key
                if name:
                    self.terms.setdefault(name, set()).add(record.ref)
        self._refs = {term: tuple(sorted(refs)) for term, refs in self.terms.items()}  # sorted once, not per match
        body = alternation(self.terms)
        self.pattern = re.compile(rf"{BEFORE}(?:{body}){AFTER}")
        self._names = re.compile(rf"(?:{body}){AFTER}")  # `pattern` without the look-behind, for _scan
        safe = not any(UNSAFE_CASE.search(t) for t in self.terms)
        lowered = alternation(t.lower() for t in self.terms)
        self._lowered = re.compile(rf"(?:{lowered}){AFTER}") if safe else None
        # A lowered trie under IGNORECASE is the same set of matches only when the names are safe.
        any_case = lowered if safe else "|".join(re.escape(t) for t in sorted(self.terms, key=len, reverse=True))
        self._any_case = re.compile(rf"{BEFORE}(?:{any_case or '(?!x)x'}){AFTER}", re.IGNORECASE)

    def find(self, paragraph: Paragraph) -> list[Mention]:
        refs = self._refs
        return [Mention(paragraph, m.start(), m.end(), m.group(), refs[spaced(m.group())])
                for m in _scan(self._names, paragraph.text)]

    def find_any_case(self, text: str) -> Iterator[tuple[int, int]]:
        """(start, end) of every name written in any capitals, as `re.IGNORECASE` would find them.

        An IGNORECASE alternation is slow to scan, so when the text and the names
        use only characters whose `lower()` is one character and folds like
        IGNORECASE (ASCII, Latin-1 letters, punctuation), the lowered text is
        scanned with the lowered names instead: same spans, about twice as fast.
        """
        if self._lowered is not None and not UNSAFE_CASE.search(text):
            return ((m.start(), m.end()) for m in _scan(self._lowered, text.lower()))
        return ((m.start(), m.end()) for m in self._any_case.finditer(text))

    def refs_for(self, term: str) -> tuple[str, ...]:
        return self._refs.get(spaced(term), ())


def spaced(term: str) -> str:
    """`Mr.\u00a0Lorry` (a no-break space, as typeset books print it) or a name broken over two lines
    is the canon's `Mr. Lorry`: the key of a name however the prose spaces it."""
    return SPACES.sub(" ", term) if not term.isalpha() else term


def alternation(terms: Iterable[str]) -> str:
    """A regex for `terms` that matches what their longest-first alternation matches, as a trie.

    `A|B|C...` with two thousand names tries every name at every position;
    the trie follows the text one character at a time, so the cost no longer
    grows with the cast. Backtracking tries the longest name first, then the
    shorter ones on the same path, exactly the order of the longest-first list.
    """
    trie: dict = {}
    for term in terms:
        node = trie
        for ch in term:
            node = node.setdefault(ch, {})
        node[""] = {}  # a name ends here
    return _trie(trie) if trie else r"(?!x)x"  # no names: a pattern that never matches


def _trie(node: dict) -> str:
    longer = [(r"\s" if ch == " " else re.escape(ch)) + _trie(child) for ch, child in node.items() if ch]
    if "" in node:
        return f"(?:{'|'.join(longer)}|)" if longer else ""
    return longer[0] if len(longer) == 1 else f"(?:{'|'.join(longer)})"


def _scan(names: re.Pattern, text: str) -> Iterator[re.Match]:
    """What `BEFORE + names` finds with finditer, four times faster.

    A pattern that opens with a look-behind is tried at every position; without
    it the regex engine skips ahead to the names' first letters. A match that
    starts inside a word is dropped and the search resumes one character on,
    exactly where finditer would have looked next.
    """
    at = 0
    while (match := names.search(text, at)) is not None:
        start = match.start()
        if start and INSIDE_WORD.match(text, start - 1) and text[max(start - 2, 0):start] != "--":
            at = start + 1
            continue
        yield match
        at = match.end()


def pronoun(record) -> str | None:
    """'he' or 'she' when canon says so: custom `pronouns`/`gender`, else the canon text's own pronouns.

    Inference is deliberately one-sided: at least two pronouns of one kind and
    none of the other, so a summary that mentions someone else stays unknown.
    """
    custom = getattr(record.model, "custom", {}) or {}
    declared = str(custom.get("pronouns") or custom.get("gender") or "").lower()
    if declared:
        if declared.startswith(("she", "f", "woman")):
            return "she"
        if declared.startswith(("he", "m", "man")):
            return "he"
        return None
    model = record.model
    text = " ".join(str(getattr(model, f, "") or "") for f in ("summary", "voice", "notes")).lower()
    tokens = re.findall(r"[a-z]+", text)
    counts = {p: sum(t in forms for t in tokens) for p, forms in PRONOUN_WORDS.items()}
    if counts["he"] >= 2 and counts["she"] == 0:
        return "he"
    if counts["she"] >= 2 and counts["he"] == 0:
        return "she"
    return None


def learn_pronouns(index) -> dict[str, str]:
    """Pronouns learnt from the prose itself (centering): a sentence whose subject is a named
    character votes for the he/she that opens the next sentence or a his/her later in the same one.
    Decided at three votes or more with a 75% majority; otherwise unknown.
    """
    from narrative_cli.prose.text import sentences

    votes: dict[str, dict[str, int]] = {}
    for scene in index.project.all_scenes():
        for paragraph in index.paragraphs(scene):
            _vote(index, sentences(paragraph), votes)
    learnt = {}
    for ref, count in votes.items():
        total = count.get("he", 0) + count.get("she", 0)
        for word in ("he", "she"):
            if total >= 3 and count.get(word, 0) / total >= 0.75:
                learnt[ref] = word
    return learnt


def _vote(index, sents, votes) -> None:
    for i, sentence in enumerate(sents):
        text = sentence.text.lstrip("\"“*_ ")
        head = index.people.pattern.match(text)
        if not head or len(index.people.refs_for(head.group())) != 1:
            continue
        rest = text[head.end():]
        if index.people.pattern.search(rest) or "\"" in rest or "“" in rest:
            continue
        ref = index.people.refs_for(head.group())[0]
        tally = votes.setdefault(ref, {})
        for word, forms in (("he", r"\b(his|him|himself)\b"), ("she", r"\b(her|hers|herself)\b")):
            tally[word] = tally.get(word, 0) + len(re.findall(forms, rest))
        if i + 1 < len(sents):
            nxt = re.match(r"\s*(He|She)\b", sents[i + 1].text)
            if nxt:
                tally[nxt.group(1).lower()] = tally.get(nxt.group(1).lower(), 0) + 1

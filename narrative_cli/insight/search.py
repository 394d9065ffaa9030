"""`narrative search`: find passages in the prose and the canon.

Three ways to match, all over plain text (Markdown syntax stripped):
- words (default): every word of the query, whole words, in one paragraph;
- --phrase: the words in order, across line breaks and punctuation;
- --regex: a Python regular expression, as written.
Results come in manuscript order, then canon, each with its `path:line` and
a short context whose matched spans are given as offsets (the CLI highlights them).
Words and phrases ignore case and accents ("Evremonde" finds "Evrémonde",
fold.py) unless `exact` is set; a regular expression matches as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from narrative_cli.errors import UsageError
from narrative_cli.fold import fold
from narrative_cli.insight.index import Doc, load_index

CONTEXT = 160  # characters of context around a hit
SCENE_FILTERS = ("chapter", "pov", "character", "status")


@dataclass
class Query:
    text: str
    mode: str = "words"  # words | phrase | regex
    kind: str | None = None  # a canon kind, or "scenes"
    chapter: int | None = None
    pov: str | None = None
    character: str | None = None
    status: str | None = None
    limit: int = 50
    exact: bool = False  # as typed: case and accents count


@dataclass
class Hit:
    path: str
    line: int
    column: int
    kind: str
    context: str
    spans: list[tuple[int, int]]  # offsets into `context`
    meta: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"path": self.path, "line": self.line, "column": self.column, "kind": self.kind,
                "context": self.context, "spans": [list(s) for s in self.spans], **self.meta}


@dataclass
class Found:
    hits: list[Hit]
    total: int


def search(root: Path, query: Query) -> Found:
    patterns = compile_query(query)
    folding = query.mode != "regex" and not query.exact
    needles = [] if query.mode == "regex" else [fold(w) if folding else w for w in query.text.split()]
    docs = load_index(root)
    _check_filters(query, docs)
    hits: list[Hit] = []
    total = 0
    for doc in docs:
        if not _selected(doc, query):
            continue
        per_unit = query.mode == "words" or doc.kind != "scene"
        for text, hay, starts in _matching_units(doc, patterns, needles, folding):
            if per_unit and len(hits) >= query.limit:
                total += 1  # one hit per paragraph: no need to locate the words
                continue
            for found in _unit_hits(text, starts, _spans(hay, patterns), per_unit):
                total += 1
                if len(hits) < query.limit:  # only shown hits pay for their context
                    hits.append(_hit(doc, *found))
    return Found(hits, total)


def compile_query(query: Query) -> list[re.Pattern]:
    """The patterns that must all match one unit (a paragraph or a canon line)."""
    text = query.text
    if not text.strip():
        raise UsageError("the search query is empty")
    if query.mode == "regex":
        try:
            return [re.compile(text)]
        except re.error as exc:
            raise UsageError(f"invalid regular expression '{text}': {exc}",
                             hint="drop --regex to search for the words as typed") from None
    # folded (the default): the text is folded too, so the patterns need no flags; exact: as typed
    words = text.split() if query.exact else fold(text).split()
    if query.mode == "phrase":
        # punctuation and line breaks between the words do not matter: "twice voss" finds "twice.\nVoss"
        return [re.compile(_word_bounded(r"\W+".join(re.escape(w) for w in words)))]
    return [re.compile(_word_bounded(re.escape(w))) for w in dict.fromkeys(words)]


def _word_bounded(pattern: str) -> str:
    # \b fails next to punctuation ("Mr." then a space), so look at word characters instead
    return rf"(?<!\w){pattern}(?!\w)"


def _check_filters(query: Query, docs: list[Doc]) -> None:
    characters = {d.meta["id"] for d in docs if d.kind == "characters"}
    for name in ("pov", "character"):
        value = getattr(query, name)
        if value is not None and value.split("/")[-1] not in characters:
            import difflib

            close = difflib.get_close_matches(value, sorted(characters), n=1)
            raise UsageError(f"--{name}: no character '{value}'",
                             hint=f"did you mean {close[0]}?" if close else "see `narrative list characters`")


def _selected(doc: Doc, query: Query) -> bool:
    scene_filter = any(getattr(query, f) is not None for f in SCENE_FILTERS)
    if doc.kind != "scene":
        return not scene_filter and query.kind in (None, doc.kind)
    if query.kind not in (None, "scenes"):
        return False
    meta = doc.meta
    return ((query.chapter is None or meta["chapter"] == query.chapter)
            and (query.pov is None or meta["pov"] == query.pov.split("/")[-1])
            and (query.character is None or query.character.split("/")[-1] in meta["characters"])
            and (query.status is None or meta["status"] == query.status))


def _matching_units(doc: Doc, patterns: list[re.Pattern], needles: list[str], folding: bool):
    """(text, the text as matched, line starts) of each unit every pattern matches."""
    for text, starts in doc.units:
        hay = fold(text) if folding else text  # same length: offsets in `hay` are offsets in `text`
        if needles and not all(n in hay for n in needles):  # substring tests first: far cheaper than a regex
            continue
        if all(p.search(hay) for p in patterns):
            yield text, hay, starts


def _spans(text: str, patterns: list[re.Pattern]) -> list[tuple[int, int]]:
    return sorted({m.span() for p in patterns for m in p.finditer(text) if m.end() > m.start()})


def _unit_hits(text: str, starts: list, spans: list, one_per_unit: bool):
    """One hit per line holding a match (per paragraph in words mode, where terms may share it)."""
    offsets = [offset for offset, _ in starts]
    seen_lines: set[int] = set()
    for start, end in spans:
        index = _line_index(offsets, start)
        if index in seen_lines or (one_per_unit and seen_lines):
            continue
        seen_lines.add(index)
        yield text, starts[index], spans, start, end


def _hit(doc: Doc, text: str, where: list, spans: list, start: int, end: int) -> Hit:
    context, shift = _window(text, start, end, spans)
    local = [(s - shift, e - shift) for s, e in spans if s >= shift and e <= shift + len(context)]
    offset, line = where
    return Hit(doc.path, line, start - offset + 1, doc.kind, context.replace("\n", " "), local, _meta(doc))


def _line_index(starts: list[int], offset: int) -> int:
    import bisect

    return bisect.bisect_right(starts, offset) - 1


def _window(text: str, start: int, end: int, spans: list | None = None) -> tuple[str, int]:
    """About CONTEXT characters centred on the match [start, end) (and the query's other words when
    they fit), cut at spaces; returns (text, its offset)."""
    if len(text) <= CONTEXT:
        return text, 0
    for s, e in spans or ():
        if s >= start and e - start <= CONTEXT * 3 // 4:
            end = max(end, e)
    pad = max(0, CONTEXT - (end - start)) // 2
    left, right = max(0, start - pad), min(len(text), end + pad)
    if left == 0:  # the room one side does not use goes to the other
        right = min(len(text), max(right, CONTEXT))
    if right == len(text):
        left = max(0, min(left, len(text) - CONTEXT))
    if left > 0:
        space = text.find(" ", left, start)
        left = space + 1 if space != -1 else left
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space != -1 else right
    return text[left:right], left


def _meta(doc: Doc) -> dict:
    if doc.kind == "scene":
        return {"ref": doc.meta["ref"], "chapter": doc.meta["chapter"], "pov": doc.meta["pov"]}
    return {"entity": f"{doc.kind}/{doc.meta['id']}"}


def make_query(text: str, mode: str, kind: str | None = None, status: str | None = None, **filters) -> Query:
    """A Query with its kind and status checked: `character` and `characters` both work."""
    from narrative_cli.model.scene import STATUSES

    if kind is not None:
        if kind in ("scene", "scenes", "prose"):
            kind = "scenes"
        else:
            from narrative_cli.canon_ops import kind_from_word

            kind = kind_from_word(kind)
    if status is not None and status not in STATUSES:
        raise UsageError(f"--status: unknown status '{status}'", hint=f"statuses are: {', '.join(STATUSES)}")
    return Query(text, mode, kind=kind, status=status, **filters)

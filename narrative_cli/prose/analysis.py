"""One scene's prose, analysed once and cached: paragraphs, quotes, speakers, mentions, estimates."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from narrative_cli.prose.dialogue import ACTOR, NEAR, Quote, TagFinder, narration, quote_style, quotes
from narrative_cli.prose.estimate import Estimate, estimate
from narrative_cli.prose.names import Mention, NameIndex, alternation, learn_pronouns, pronoun
from narrative_cli.prose.speakers import attribute
from narrative_cli.prose.text import Paragraph, last_sentence, letters, paragraphs

CHARACTERS = ("characters",)
# Unnamed or non-canon people are possible antecedents of he/she too (`a man`, `Mrs. Gardiner`).
# `he was a man who...`, `the face of a man`: a description, not another person.
PREDICATE = re.compile(r"\b(?:was|is|were|are|be|been|being|like|as|of|such)\s+$")
OTHERS = {
    "?he": re.compile(r"\b(?:(?:[Aa]n?|[Tt]he|[Tt]his|[Tt]hat)\s+(?:\w+\s+)?(?:man|boy|fellow|gentleman)"
                      r"|(?:Mr\.|Sir|Lord|Captain|Colonel)\s[A-Z][a-z]+)\b"),
    "?she": re.compile(r"\b(?:(?:[Aa]n?|[Tt]he|[Tt]his|[Tt]hat)\s+(?:\w+\s+)?(?:woman|girl|lady|maid)"
                       r"|(?:Mrs\.|Miss|Lady|Madam|Ms\.)\s[A-Z][a-z]+)\b"),
}
# `a man in a brown coat sat down`: a verb after a short prepositional phrase
AFTER_PHRASE = re.compile(r"\s+(?:in|with|from|of|at|on)\s[^.,;:!?\"“”]{0,40}?\s(?:sat|stood|came|went|was|had|"
                          r"said|[a-z]+ed)\b")
# `I` as the subject a beat opens with (`I shook my head.`, `Then I said`), not `Seeing, I suppose, ...`
NOT_SUBJECT_I = r"(?!\s+(?:suppose|think|fancy|fear|believe|confess|own|remember|dare say|trust)\b)"
FIRST_WORDS_I = re.compile(rf"[\W_]*(?:(?:Then|And|So|But|Now|Here|There|Again|Presently)\s+)?I\b{NOT_SUBJECT_I}")
ANY_I = re.compile(rf"\bI\b{NOT_SUBJECT_I}")
SUBJECT = re.compile(r"\b([Hh]e|[Ss]he)\b")


@dataclass
class SceneProse:
    paragraphs: list[Paragraph]
    quotes: list[Quote]
    mentions: list[Mention]  # every canon kind
    estimate: Estimate
    pov: str | None  # the POV's ref
    cast: list[str] = field(default_factory=list)  # refs of pov + participants
    _by_paragraph: dict[int, list[Quote]] = field(default_factory=dict, repr=False, compare=False)
    _indexed: int = field(default=-1, repr=False, compare=False)  # len(quotes) when last indexed

    def quotes_in(self, paragraph: Paragraph) -> list[Quote]:
        """The quotes of one paragraph, in order; indexed once so rules need not scan the whole scene."""
        if self._indexed != len(self.quotes):
            self._by_paragraph = {}
            for q in self.quotes:
                self._by_paragraph.setdefault(id(q.paragraph), []).append(q)
            self._indexed = len(self.quotes)
        return self._by_paragraph.get(id(paragraph), [])

    def quoted(self, mention: Mention) -> bool:
        return any(q.start <= mention.start < q.end for q in self.quotes_in(mention.paragraph))

    def mentions_of(self, ref: str, in_narration: bool = False) -> list[Mention]:
        return [m for m in self.mentions if ref in m.refs and not (in_narration and self.quoted(m))]

    def spoken_by(self, ref: str) -> list[Quote]:
        return [q for q in self.quotes if q.speaker == ref]

    @property
    def first_person(self) -> bool:
        return self.estimate.person == "first"


def _spans(paras: list[Paragraph], style: str) -> dict[int, list[Quote]]:
    """Each paragraph's quotes; a speech left open before an inset (verse, a letter's lines)
    runs on into the paragraph after it when that one does not reopen it."""
    spans, open_speech = {}, False
    for p in paras:
        head = p.text.lstrip("*_ ")[:1]
        inside = open_speech and p.after_inset and p.kind != "quote" and head not in "\"“‘'"
        spans[p.index] = quotes(p, style, inside)
        if p.kind != "quote":
            open_speech = bool(spans[p.index]) and not spans[p.index][-1].closed
    return spans


class ProseIndex:
    """Prose analysis for every scene of a project, built lazily and cached by scene path."""

    def __init__(self, project) -> None:
        self.project = project
        characters = list(project.entities.get("characters", {}).values())
        self.people = NameIndex(r for r in characters if not r.deleted)
        self.canon = NameIndex(project.all_entities())
        self.tags = TagFinder(alternation(self.people.terms) if self.people.terms else "")
        self.pronouns = {r.ref: pronoun(r) for r in characters}
        self._cache: dict[str, SceneProse] = {}
        self._learned: dict[str, str] | None = None
        self._resolved: dict[tuple, str | None] = {}
        self._paragraphs: dict[str, list[Paragraph]] = {}

    def resolve(self, ref: str | None, kinds=CHARACTERS) -> str | None:
        """A card or canon reference -> `kind/id`, or None; cached, rules ask the same thing often."""
        from narrative_cli.refs import resolve

        if not ref:
            return None
        key = (ref, kinds)
        if key not in self._resolved:
            found = resolve(self.project, ref, kinds)
            self._resolved[key] = found.record.ref if found.record and not found.record.deleted else None
        return self._resolved[key]

    def scene(self, scene) -> SceneProse:
        if scene.rel not in self._cache:
            self._cache[scene.rel] = self._analyse(scene)
        return self._cache[scene.rel]

    def paragraphs(self, scene) -> list[Paragraph]:
        """Prose paragraphs of a scene (headings left out), parsed once."""
        if scene.rel not in self._paragraphs:
            found = paragraphs(scene.prose, scene.body_line)
            self._paragraphs[scene.rel] = [p for p in found if p.kind != "heading"]
        return self._paragraphs[scene.rel]

    def _analyse(self, scene) -> SceneProse:
        paras = self.paragraphs(scene)
        style = quote_style(scene.prose)
        spans = _spans(paras, style)
        letter = letters(paras)  # a letter's "I" is its writer's, not the narrator's
        pieces = [p.plain[a:b] for p in paras if p.index not in letter for a, b in narration(p, spans[p.index])]
        pov = self.resolve(scene.card.pov)
        cast = [r for r in (pov, *(self.resolve(x) for x in scene.card.participants)) if r]
        prose = SceneProse(paras, [], [m for p in paras for m in self.canon.find(p)],
                           estimate(" ".join(pieces)), pov, list(dict.fromkeys(cast)))
        for p in paras:
            prose.quotes += spans[p.index]
        attribute(self, prose, paras, spans, scene)
        return prose

    def subjects(self, paragraph: Paragraph, spans: list[Quote], mentions: list[Mention],
                 upto: int | None = None) -> list[str]:
        """Characters named as a subject in a paragraph's narration (before `upto`), in order, each once.

        Subject position (`Elena shook her head`, a name opening a sentence)
        matters: in `he looked at Elizabeth` Elizabeth neither speaks nor is `he`.
        Unnamed people (`a man`, `Mrs. Gardiner`) are "?he" and "?she".
        """
        limit = len(paragraph.text) if upto is None else upto
        found = [ref for at, ref in self.subject_spans(paragraph, spans, mentions) if at < limit]
        return list(dict.fromkeys(found))

    def subject_spans(self, paragraph: Paragraph, spans: list[Quote], mentions: list[Mention]) -> list[tuple]:
        """(offset, ref) of every subject of `subjects`, in order."""
        inside = [(q.start, q.end) for q in spans]
        found = [(m.start, m.ref) for m in mentions
                 if m.ref and not any(a <= m.start < b for a, b in inside) and _subject(paragraph.text, m)]
        covered = [(m.start, m.end) for m in mentions]
        for token, pattern in OTHERS.items():
            for match in pattern.finditer(paragraph.text):
                if any(a <= match.start() < b for a, b in inside + covered) or not _acts(paragraph.text, match.end()):
                    continue
                if not PREDICATE.search(paragraph.text[max(0, match.start() - 12):match.start()]):
                    found.append((match.start(), token))
        return sorted(found)

    def related(self, owner: str, kind: str) -> list[str]:
        """The characters `owner`'s canon names by a relationship of this kind (`mother`, `friend`)."""
        record = self.project.entities.get("characters", {}).get(owner.split("/", 1)[-1])
        ties = getattr(getattr(record, "model", None), "relationships", []) or []
        found = [self.resolve(str(t.to)) for t in ties if str(t.kind).lower() == kind]
        return [r for r in dict.fromkeys(found) if r]

    def beat(self, p: Paragraph, spans: list[Quote], people: list[Mention], first_person: bool = False,
             piece: tuple[int, int] | None = None, last: bool = False) -> tuple[str, str, int] | None:
        """The subject of the narration next to the speech: `Elena shook her head. "No."`.

        Only the first stretch of narration counts (or `piece`); when it comes
        before the speech, only its last sentence, the one that leads into it.
        Its first subject (`last`: its last) is a name in subject position
        (ref, "beat"), he/she ("he", "pronoun"), or in a first-person scene `I`
        ("I", "pov"): opening the stretch when first, anywhere when last; then its offset.
        """
        text = p.text
        if piece is None:
            pieces = [(a, b) for a, b in narration(p, spans) if re.search(r"[^\W\d_]", text[a:b])]
            if not pieces:
                return None
            piece = pieces[0]
            if spans and piece[1] <= spans[0].start:
                piece = (last_sentence(text, *piece), piece[1])
        found = [(m.start, m.ref, "beat") for m in people
                 if piece[0] <= m.start < piece[1] and m.ref and _subject(text, m)]
        found += [(m.start(), m.group(1).lower(), "pronoun") for m in SUBJECT.finditer(text, piece[0], piece[1])]
        if first_person:
            mine = ANY_I.finditer(text, piece[0], piece[1]) if last else [FIRST_WORDS_I.match(text, piece[0], piece[1])]
            found += [(m.end() - 1, "I", "pov") for m in mine if m]
        if not found:
            return None
        at, who, kind = max(found) if last else min(found)
        return who, kind, at

    def pronoun_of(self, ref: str) -> str | None:
        if self._learned is None:
            self._learned = learn_pronouns(self)
        return self.pronouns.get(ref) or self._learned.get(ref)


def _acts(text: str, end: int) -> bool:
    """An unnamed person who does something: `a man in a brown coat sat down`, `the man turned`."""
    window = text[end:end + NEAR]
    return bool(ACTOR.match(window) or AFTER_PHRASE.match(window))


def _subject(text: str, mention) -> bool:
    # windows, not the whole text before and after: a paragraph with 100,000 names was quadratic
    if ACTOR.match(text[mention.end:mention.end + NEAR]):
        return True
    i = mention.start - 1
    while i >= 0 and text[i] in " *_\"“”":
        i -= 1
    return i < 0 or text[i] in ".!?…,—:"

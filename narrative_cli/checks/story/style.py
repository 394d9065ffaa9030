"""Style consistency: name spellings and capitals, open quotes, tense/person drift, POV naming."""

from __future__ import annotations

import re
from typing import Iterator

from narrative_cli.checks.story.context import StoryContext
from narrative_cli.checks.story.registry import emit
from narrative_cli.diagnostics import Diagnostic, Location
from narrative_cli.fold import strip_accents
from narrative_cli.insight.names import TITLES
from narrative_cli.prose.names import AFTER, BEFORE, spaced
from narrative_cli.prose.text import sentences

CAPITALISED = re.compile(BEFORE + r"([A-ZÀ-Þ][^\W\d_]{2,})(?:['’]s)?" + AFTER)
# Always capitalised, so never "also used in lower case": `June` is not a misspelt `Jane`.
CALENDAR = {"January", "February", "March", "April", "June", "July", "August", "September", "October",
            "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
# Words after which a lower-case one-word name is the name misspelt, not a common noun with a modifier.
NOT_MODIFIERS = {"in", "at", "on", "onto", "to", "from", "into", "near", "through", "across", "via", "past", "beyond",
                 "inside", "outside", "around", "of", "for", "toward", "towards", "and", "or", "nor", "but", "with",
                 "by", "about", "reach", "reached", "left", "leave", "leaving", "visit", "visited", "saw", "see",
                 "is", "was", "are", "were", "as", "than", "like", "said", "asked", "told", "met", "meet", "called",
                 "then", "now", "when", "where", "there", "here", "so", "yet", "still", "back", "home", "up", "down",
                 "over", "under", "after", "before", "since", "until", "till", "upon", "within", "without", "behind"}
DETERMINERS = {"the", "a", "an", "her", "his", "their", "its", "my", "your", "our", "this", "that", "some", "no"}


def check(ctx: StoryContext) -> Iterator[Diagnostic]:
    words = _canon_words(ctx)
    nearest = _Nearest(words)
    spelled: dict[str, str] = {}  # lower case -> the first canon name written so, in canon order
    for term in ctx.prose.canon.terms:
        spelled.setdefault(term.lower(), term)
    lower = _lowercase_words(ctx)
    for scene in ctx.scenes:
        yield from _variants(ctx, scene, words, lower, nearest)
        yield from _capitals(ctx, scene, spelled)
        yield from _open_quotes(ctx, scene)
        yield from _pov_name(ctx, scene)
    yield from _drift(ctx, "tense", "S504")
    yield from _drift(ctx, "person", "S505")


def distance(a: str, b: str) -> int:
    """Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps."""
    prev2, prev = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i]
        for j, cb in enumerate(b, 1):
            cost = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ca != cb))
            if prev2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, prev2[j - 2] + 1)
            row.append(cost)
        prev2, prev = prev, row
    return prev[-1]


def _canon_words(ctx: StoryContext) -> dict[str, Location]:
    """Each capitalised word of a canon name -> where the name is written, for variant spotting.

    Titles are left out: `Admiralty` is a word of its own, not a misspelt `Admiral Croft`."""
    found = {}
    for record in ctx.project.all_entities():
        for name, where in _names_at(ctx, record):
            for word in re.findall(r"[^\W\d_]+", str(name)):
                if word[:1].isupper() and len(word) >= 4 and word not in found and word not in TITLES:
                    found[word] = where
    return found


def _names_at(ctx: StoryContext, record) -> list[tuple[str, Location]]:
    named = [(record.model.name, ctx.entity_at(record, "name"))]
    return named + [(alias, ctx.entity_at(record, "aliases", i)) for i, alias in enumerate(record.model.aliases)]


def _lowercase_words(ctx: StoryContext) -> set[str]:
    """Words the prose also uses in lower case are ordinary words, not misspelt names."""
    found: set[str] = set()
    for scene in ctx.scenes:
        found.update(re.findall(r"\b[a-zà-ÿ]+\b", scene.prose))
    return found


def _close(word: str, canon: str) -> bool:
    if strip_accents(word) == strip_accents(canon):
        return True
    if word in (canon + "s", canon + "es"):
        return False  # the family: `the Bennets`, `the Collinses`
    if abs(len(word) - len(canon)) > 2 or word[0].lower() != canon[0].lower():
        return False
    limit = 1 if len(canon) <= 6 else 2
    return distance(word.lower(), canon.lower()) <= limit


class _Nearest:
    """word -> the first canon word (in canon order) it is a variant of, remembered.

    Only canon words with the same folded spelling, or the same first letter and
    a length within two, can be close, so only those are compared: a big cast no
    longer costs every distinct capitalised word a pass over every canon word.
    """

    def __init__(self, canon: dict[str, Location]) -> None:
        self.order = list(canon)
        self.by_stripped: dict[str, list[int]] = {}
        self.by_head: dict[str, list[int]] = {}
        for i, word in enumerate(self.order):
            self.by_stripped.setdefault(strip_accents(word), []).append(i)
            self.by_head.setdefault(word[0].lower(), []).append(i)
        self.found: dict[str, str | None] = {}

    def __call__(self, word: str) -> str | None:
        if word not in self.found:
            near = set(self.by_stripped.get(strip_accents(word), ()))
            near.update(i for i in self.by_head.get(word[0].lower(), ()) if abs(len(self.order[i]) - len(word)) <= 2)
            self.found[word] = next((self.order[i] for i in sorted(near) if _close(word, self.order[i])), None)
        return self.found[word]


def _variants(ctx: StoryContext, scene, canon: dict[str, Location], lower: set[str],
              nearest: "_Nearest") -> Iterator[Diagnostic]:
    seen = set()
    for paragraph in ctx.prose.scene(scene).paragraphs:
        for match in CAPITALISED.finditer(paragraph.text):
            word = match.group(1)
            if word in canon or word in seen or word.isupper() or word.lower() in lower or word in CALENDAR:
                continue
            near = nearest(word)
            if near and _sentence_start(paragraph.text, match.start(), _starts(paragraph)):
                continue
            if near:
                seen.add(word)
                line, col = paragraph.where(match.start())
                yield emit("S501", f"'{word}' looks like a variant of the canon name '{near}'",
                           Location(scene.rel, line, col), related=(canon[near],),
                           hint=f"write '{near}', or add '{word}' as an alias if it is meant")


def _starts(paragraph) -> set[int]:
    return {s.start for s in sentences(paragraph)}


def _sentence_start(text: str, at: int, starts: set[int]) -> bool:
    head = text[:at].rstrip("\"“‘'*_( ")
    return at in starts or not head or head.endswith((".", "!", "?", "…", "\n", ":"))


def _capitals(ctx: StoryContext, scene, spelled: dict[str, str]) -> Iterator[Diagnostic]:
    terms = ctx.prose.canon.terms
    if not terms:
        return
    seen = set()
    for paragraph in ctx.prose.scene(scene).paragraphs:
        for start, end in ctx.prose.canon.find_any_case(paragraph.text):
            found = spaced(paragraph.text[start:end])  # a name may break over two lines
            if found in terms or found in seen or _shouted(found):
                continue
            term = spelled[found.lower()]
            if _same_but_article(found, term) or \
                    (found[1:] == term[1:] and _sentence_start(paragraph.text, start, _starts(paragraph))):
                continue
            if found.islower() and _common_noun(term, paragraph.text[:start]):
                continue
            seen.add(found)
            line, col = paragraph.where(start)
            record = ctx.record(sorted(terms[term])[0])
            where = next((at for name, at in _names_at(ctx, record) if name == term), Location(record.rel, 1, 1))
            yield emit("S502", f"'{found}' is written '{term}' in canon", Location(scene.rel, line, col),
                       related=(where,), hint=f"write '{term}'")


def _shouted(found: str) -> bool:
    """ALL CAPS, whole or one word (`Mrs. EDWARD Ferrars`): emphasis, not a wrong capital."""
    return found.isupper() or any(len(w) > 1 and w.isupper() for w in re.findall(r"[^\W\d_]+", found))


def _same_but_article(found: str, term: str) -> bool:
    """`the Salt Office` and `The Salt Office` are one name; only the article's case differs."""
    head, _, rest = found.partition(" ")
    t_head, _, t_rest = term.partition(" ")
    return bool(rest) and head.lower() in DETERMINERS and head.lower() == t_head.lower() and rest == t_rest


def _common_noun(term: str, before: str) -> bool:
    """All lower case after a determiner (`her teeth`), or a `the ...` name used as a common noun (`the pans`),
    or a one-word name after a modifier, which a proper noun does not take: `the warm bath`, `a country
    parsonage`, `Mansfield parsonage` (not `to bath`, `reached bath`: those are the town)."""
    previous = re.findall(r"[^\W\d_]+", before)
    if term.split(" ")[0].lower() in DETERMINERS or bool(previous) and previous[-1].lower() in DETERMINERS:
        return True
    if " " in term or not previous or before.rstrip() != before.rstrip(" ,;:.!?\"“”‘’'()—–-*_"):
        return False
    word = previous[-1]
    if word.lower() in NOT_MODIFIERS or word.lower().endswith("ed"):
        return False
    at = len(before.rstrip()) - len(word)
    return word.islower() or not _sentence_start(before, at, set())  # `Mansfield parsonage`, not `Then bath`


def _open_quotes(ctx: StoryContext, scene) -> Iterator[Diagnostic]:
    prose = ctx.prose.scene(scene)
    paras = prose.paragraphs
    for i, paragraph in enumerate(paras):
        last = prose.quotes_in(paragraph)[-1:]
        if not last or last[0].closed:
            continue
        j = i + 1
        while paragraph.kind != "quote" and j < len(paras) and paras[j].kind == "quote":
            j += 1  # a block quote inside the speech (verse, a letter) does not end it
        nxt = paras[j].text.lstrip("*_ ") if j < len(paras) else ""
        if nxt.startswith(("\"", "“", "‘", "'")):
            continue  # a speech running on into the next paragraph reopens it there
        if j < len(paras) and prose.quotes_in(paras[j])[:1] and prose.quotes_in(paras[j])[0].continued:
            continue  # the speech runs on after an inset (`I have read worse charades.` + verse + more)
        line, col = paragraph.where(last[0].start)
        yield emit("S503", "this quotation is never closed", Location(scene.rel, line, col),
                   hint="close it at the end of the paragraph, or open the next paragraph with a quote mark "
                        "if the speech runs on")


def _pov_name(ctx: StoryContext, scene) -> Iterator[Diagnostic]:
    prose = ctx.prose.scene(scene)
    if not prose.pov or not prose.first_person:
        return
    for m in prose.mentions_of(prose.pov, in_narration=True):
        line, col = m.where
        yield emit("S506", f"the narrator is {m.term} ('I') in this first-person scene, but the narration "
                           f"names {m.term} as someone else", Location(scene.rel, line, col),
                   related=(ctx.card_at(scene, "pov"),),
                   hint="use 'I' for the narrator, or the other character's name; names in dialogue are fine")
        return


def _drift(ctx: StoryContext, what: str, code: str) -> Iterator[Diagnostic]:
    """Compare each scene with its two nearest scenes of the same POV (any POV when it has none).

    Both must agree with each other and differ from the scene: one odd
    neighbour is not evidence, and the first or last scene is compared with the
    two on its one side.
    """
    scenes = ctx.scenes
    value = {s.rel: getattr(ctx.prose.scene(s).estimate, what) for s in scenes}
    judged = [s for s in scenes if value[s.rel]]
    by_pov: dict[str | None, list] = {}
    for s in judged:
        by_pov.setdefault(s.card.pov, []).append(s)
    position = {id(s): i for pool in by_pov.values() for i, s in enumerate(pool)}
    for i, scene in enumerate(judged):
        pool = by_pov[scene.card.pov] if scene.card.pov else judged
        at = position[id(scene)] if scene.card.pov else i
        before, after = pool[max(0, at - 2):at], pool[at + 1:at + 3]
        near = before[-1:] + after[:1] if before and after else (before[-2:] or after[:2])
        theirs = {value[s.rel] for s in near}
        mine = value[scene.rel]
        if len(near) == 2 and len(theirs) == 1 and mine not in theirs:
            other = theirs.pop()
            yield emit(code, f"the narration is in the {mine} {what} here, but in the {other} {what} in "
                             f"{' and '.join(s.ref for s in near)}",
                       Location(scene.rel, scene.body_line, 1),
                       related=tuple(Location(s.rel, s.body_line, 1) for s in near),
                       hint=f"rewrite in the {other} {what}, or silence {code} in this scene's card if it is deliberate")

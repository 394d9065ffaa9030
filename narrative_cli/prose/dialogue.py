"""Quoted speech and who says it.

Attribution follows how novels mark speakers, most explicit first:
1. a dialogue tag next to the quote: `said Elena`, `Reyes said`, `Elena asked
   quietly`, `I said` (the POV in first-person scenes), `she said` (a pronoun,
   resolved only when exactly one candidate fits);
2. the paragraph convention: one speaker per paragraph, so untagged quotes
   share the paragraph's tagged speaker;
3. an action beat: `Elena shook her head. "No."` when the narration of the
   paragraph names exactly one character.
Pluperfect or habitual tags (`Ines had said`, `used to say`) are memories,
so they are deliberately not matched as present speech.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from narrative_cli.prose.text import Paragraph

SAY_VERBS = (
    "said|says|asked|asks|replied|replies|answered|answers|whispered|whispers|shouted|shouts|"
    "muttered|mutters|murmured|murmurs|called|calls|cried|cries|snapped|snaps|added|adds|"
    "continued|continues|yelled|yells|demanded|demands|insisted|insists|agreed|agrees|admitted|"
    "repeated|repeats|offered|warned|warns|breathed|hissed|growled|barked|explained|explains|"
    "protested|observed|remarked|pressed|countered|conceded|interrupted|corrected|ventured|"
    "began|begins|went on|goes on|told|tells|sang|sings|shrugged|laughed|sighed|lied|announced|"
    "declared|suggested|whimpered|groaned|grunted|roared|screamed|pleaded|begged|promised|"
    "conceded|allowed|corrected|finished|managed|breathes|hisses|snarled|spat|recited|read|"
    "returned|rejoined|resumed|exclaimed|exclaims|retorted|responded|inquired|enquired|persisted|urged|"
    "whispered|stammered|faltered|sobbed|teased|joked|reasoned|reminded|objected|assured|interposed|"
    "thought|thinks|bawled|grumbled|shrieked|gasped|cautioned|commented|confessed|echoed|"
    "exclaimed|mused|mumbled|panted|quoted|rejoined|remonstrated|retorted|sneered|stormed|wailed|proceeded"
)
# The head of a descriptive tag: `said the old man`, `her mother replied`, `cried the strong woman`.
NOUNS = (
    "man|gentleman|fellow|boy|lad|father|brother|son|uncle|husband|king|lord|master|stranger|visitor|"
    "doctor|waiter|servant|captain|woman|lady|girl|mother|sister|daughter|aunt|wife|queen|mistress|maid|"
    "widow|friend|companion|guest|host|figure|child|creature|other|prisoner|officer|clerk|landlord|"
    "landlady|nurse|driver|guard|porter|keeper|priest|soldier|colonel|major|baronet|butler|cousin|niece|"
    "nephew|grandmother|grandfather|judge|jailer|gaoler|latter|former"
)
DESCRIPTION = rf"(?:[Aa]n?|[Tt]he|[Hh]is|[Hh]er|[Mm]y|[Oo]ur|[Tt]heir|[Tt]his|[Tt]hat)\s+(?:[a-z-]+\s+){{0,2}}(?:{NOUNS})\b"
PRONOUNS = r"he|she|He|She|I"
# A sentence end that is not the dot of Mr. / Mrs. / Dr. / St.
STOP = re.compile(r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)[.!?;]")
# A name in subject position: followed by a finite verb (`Reyes crouched`, `Pip said`).
NEAR = 120  # characters after a name that ACTOR reads (a verb a few words on)
ACTOR = re.compile(
    rf"^\s+(?:\w+ly\s+)?(?:{SAY_VERBS}|[a-z]+ed|was|had|could|would|did|went|came|saw|knew|thought|took|made|"
    rf"got|gave|found|told|felt|left|kept|held|stood|sat|ran|began|brought|caught|fell|heard|put|set|shook|"
    rf"spoke|threw|wore|drew|rose|led|lay|lost|paid|sent|struck|woke)\b")

# Characters that can be quote marks in each style; `_mark` decides what each one does.
MARKS = {"double": re.compile("[\"“”]"), "single": re.compile("[‘’']")}


@dataclass
class Quote:
    paragraph: Paragraph
    start: int  # the opening mark
    end: int  # after the closing mark, or the paragraph's end when left open
    closed: bool
    continued: bool = False  # the speech began before this paragraph: `start` is not a mark
    speaker: str | None = None  # a character ref
    how: str | None = None  # tag | pronoun | paragraph | beat | pov | turn
    tag: str | None = None  # the tag's word (name or pronoun), even when it could not be resolved

    @property
    def text(self) -> str:
        inner = self.paragraph.text[self.start + (not self.continued):self.end]
        return inner[:-1] if self.closed else inner


def quote_style(body: str) -> str:
    """'double' ("..." and “...”), or 'single' for British-style ‘...’ when a text has no double quotes."""
    if re.search(r"[\"“”]", body):
        return "double"
    openings = len(re.findall(r"(?:^|[\s(—–])[‘'](?=\w)", body, re.MULTILINE))
    return "single" if openings >= 2 else "double"


def quotes(paragraph: Paragraph, style: str = "double", inside: bool = False) -> list[Quote]:
    """Quoted spans, straight or curly; a straight mark opens or closes by its neighbours.

    In single style an apostrophe inside a word (don’t, Elena’s) is never a quote mark.
    A mark opening a line inside an open quotation reopens it (quoted verse or a letter
    with a mark at each line's head, as older books print them). `inside`: the paragraph
    continues a speech left open before an inset, so its first mark closes.
    """
    text = paragraph.text
    found: list[Quote] = []
    start = 0 if inside else None
    marks = MARKS["double" if style == "double" else "single"]
    for candidate in marks.finditer(text):  # marks only
        i = candidate.start()
        kind = _mark(text, i, style)
        if kind == "close" and start is not None and style != "double" and _possessive(text, i, style, marks):
            continue
        if start is not None and kind in ("toggle", "open") and _line_head(text, i):
            continue  # `"And waste its fragrance...`: the next line of the same quotation
        if kind == "open" and start is None:
            start = i
        elif kind == "close" and start is not None:
            found.append(Quote(paragraph, start, i + 1, True, continued=inside and not found))
            start = None
        elif kind == "toggle":
            if start is None:
                start = i
            else:
                found.append(Quote(paragraph, start, i + 1, True, continued=inside and not found))
                start = None
    if start is not None:
        found.append(Quote(paragraph, start, len(text), False, continued=inside and not found))
    return found


def _line_head(text: str, i: int) -> bool:
    """A mark that opens a wrapped line and is followed by a word (a closing mark never is)."""
    j = i - 1  # walk back over the blanks only: slicing the line for every mark was quadratic
    while j >= 0 and text[j] in " \t":
        j -= 1
    return j >= 0 and text[j] == "\n" and text[i + 1:i + 2].isalpha()


def _mark(text: str, i: int, style: str) -> str | None:
    ch = text[i]
    if style == "double":
        return {"“": "open", "”": "close", "\"": "toggle"}.get(ch)
    if ch not in "‘’'":
        return None
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isalnum() and after.isalnum():
        return None  # an apostrophe: don’t, Elena’s
    if ch in "‘'" and (before.isspace() or before in "(—–\"") and not after.isspace():
        return "open"
    if ch in "’'" and not before.isspace() and (after.isspace() or after in ".,;:!?—–)*_"):
        return "close"
    return None


def _possessive(text: str, i: int, style: str, marks: re.Pattern) -> bool:
    """`‘Take the boys’ boat,’ she said`: an s’ followed by a word is a plural possessive, not the
    end of the speech, when the next mark in the paragraph can close it. When the next mark
    opens a quotation instead (`‘boys’ and ‘girls’`) or there is none, the s’ closes."""
    if text[i - 1:i] not in ("s", "S") or not re.match(r"\s[^\W\d_]", text[i + 1:i + 3]):
        return False
    for after in marks.finditer(text, i + 1):
        kind = _mark(text, after.start(), style)
        if kind:
            return kind == "close"
    return False


def narration(paragraph: Paragraph, spans: list[Quote]) -> list[tuple[int, int]]:
    """The (start, end) pieces of a paragraph outside its quotes."""
    pieces, at = [], 0
    for q in spans:
        if q.start > at:
            pieces.append((at, q.start))
        at = q.end
    if at < len(paragraph.text):
        pieces.append((at, len(paragraph.text)))
    return pieces


class TagFinder:
    """Dialogue-tag patterns built around the project's character names."""

    def __init__(self, name_alternation: str) -> None:
        # Unknown capitalised names come last: `said Fitzwilliam` is a tag for someone not in
        # canon, which must stop guesses (paragraph, turns) rather than be missed.
        unknown = r"(?:(?:Mr\.|Mrs\.|Miss|Sir|Lady|Lord|Dr\.|Captain)\s)?[A-Z][a-z]+"
        known = f"{name_alternation}|" if name_alternation else ""
        names = f"{known}{DESCRIPTION}|{PRONOUNS}|{unknown}"
        verb = rf"(?:{SAY_VERBS})"
        adverb = r"(?:\w+ly\s+)?"
        self.after = re.compile(
            rf"^[\s,—–-]*(?:{verb}\s+(?P<w1>{names})(?![\w-])|(?P<w2>{names})\s+{adverb}{verb}\b)")
        self.before = re.compile(
            rf"(?<![\w-])(?:(?P<w1>{names})\s+{adverb}{verb}|{verb}\s+(?P<w2>{names}))\s*[,:—–-]?\s*$")

    def tag(self, paragraph: Paragraph, spans: list[Quote], i: int) -> tuple[str, int] | None:
        """(the tag's name or pronoun, its offset) for quote i: after the quote first, then before it."""
        text = paragraph.text
        q = spans[i]
        nxt = spans[i + 1].start if i + 1 < len(spans) else len(text)
        after = text[q.end:nxt]
        cut = STOP.search(after)
        match = self.after.match(after[:cut.start() if cut else len(after)])
        if match:
            group = "w1" if match.group("w1") else "w2"
            return match.group(group), q.end + match.start(group)
        prev = spans[i - 1].end if i else 0
        before = text[prev:q.start]
        pieces = [m.end() for m in STOP.finditer(before)]
        before = before[pieces[-1]:] if pieces else before
        match = self.before.search(before)
        if match:
            group = "w1" if match.group("w1") else "w2"
            return match.group(group), q.start - len(before) + match.start(group)
        return None

"""Finding proper nouns in prose: capitalised runs, with what surrounds them.

A capitalised word is a name only if the text itself says so: it must appear
capitalised in the middle of a sentence, and its lowercase form must be rarer
than that (so "Hope" at the start of a sentence is not a character when the
book says "hope" twenty times). Titles (Mr, Captain...) are kept apart from
the name they precede, and the words around each mention are evidence for a
guess at its kind.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

# A hyphen joins a word (Anne-Marie), a double hyphen is a dash: "Mr. Darcy--that Mr. Darcy" is two names
TOKEN_RE = re.compile(r"[^\W\d_](?:[\w'’]|-(?!-))*")
# "Elena's", "I'm", "Don't": the name (or the stopword) is what comes before the clitic
CLITIC_RE = re.compile(r"(?:['’](?:s|m|ve|ll|d|re)|n['’]t|['’])$", re.IGNORECASE)
STOPWORDS = frozenset("""
a about above after again against all almost also although always am among an and another any anyone anything
are around as at away back be because been before being below beside besides between both but by can cannot
come could dare did do does doing done down during each either else enough even ever every everyone everything
except few for from further had has have having he her here hers herself him himself his how however i if in
indeed instead into is it its itself just last least less let like many may me meanwhile might mine more most
much must my myself neither never nevertheless next no none nor not nothing now of off often oh on once one only
or other others otherwise ought our ours ourselves out over own perhaps please quite rather really same shall
she should since so some somebody someone something sometimes still such than that the their theirs them
themselves then there therefore these they this those though through thus till to today together tomorrow too
toward towards under until up upon us very was we well were what whatever when whenever where wherever whether
which while who whoever whole whom whose why will with within without would yes yet you your yours yourself
ah ay aye alas hush hello goodbye good dear nay sure thank thanks poor pray ha hm hmm ok okay mine
monday tuesday wednesday thursday friday saturday sunday january february march april june july august
september october november december christmas easter chapter book part volume god lord sir madam
""".split())
# Capitalised but naming no one in the story, on their own: oaths and interjections ("Heaven knows",
# "Humph", "Bless me"), parents addressed, feast days (like months), and adjectives of nations and styles
# ("English gentleman", "French novels", "Gothic").
NOT_NAMES = frozenset("""
Heaven Heavens Providence Humph Bless Mamma Mama Papa Esq Michaelmas Midsummer Lammas Candlemas Whitsuntide
Martinmas English French Irish Scotch Scottish Welsh British Italian German Spanish Dutch Portuguese Russian
Swiss American Indian Gothic Grecian Roman
""".split())
TITLES = {
    "Mr": "m", "Mrs": "f", "Miss": "f", "Ms": "f", "Dr": "", "Doctor": "", "Captain": "", "Capt": "",
    "Colonel": "", "General": "", "Major": "", "Lieutenant": "", "Sergeant": "", "Admiral": "", "Professor": "",
    "Lady": "f", "Lord": "m", "Sir": "m", "Dame": "f", "Madam": "f", "Madame": "f", "Mme": "f", "Mademoiselle": "f",
    "Master": "m", "Mistress": "f", "Aunt": "f", "Uncle": "m", "King": "m", "Queen": "f", "Prince": "m",
    "Princess": "f", "Duke": "m", "Duchess": "f", "Count": "m", "Countess": "f", "Baron": "m", "Baroness": "f",
    "Father": "m", "Brother": "m", "Sister": "f", "Mother": "f", "Saint": "", "St": "", "Judge": "",
    "Inspector": "", "Reverend": "m", "Rev": "m", "Old": "", "Young": "", "Little": "",
}
ABBREVIATIONS = frozenset({"Mr", "Mrs", "Ms", "Dr", "St", "Capt", "Rev", "Mme"})
# Describe rather than address: "Little Henry" opening a sentence is "little Henry".
DESCRIPTIVE = frozenset({"Old", "Young", "Little", "Saint", "St"})
# A form of address after a name starts another name: "Miss Woodhouse Miss Taylor", "Mansfield Park Mr. Crawford".
ADDRESS = frozenset({"Mr", "Mrs", "Ms", "Miss", "Dr", "Mme"})
SPEECH = frozenset("said says say asked asks replied replies cried answered shouted whispered muttered called "
                   "told added continued exclaimed murmured observed returned thought laughed smiled nodded "
                   "sighed wrote".split())
PRONOUNS = frozenset("he she him her his hers himself herself".split())
PLACE_PREPS = frozenset("in at on onto off to from into towards toward near through across reached leaving left via past "
                        "visit visited reach beyond inside outside around".split())
PLACE_WORDS = frozenset("Street Road Lane Square Harbor Harbour Port Town City Village Park Hall House Manor "
                        "Castle Abbey Court Gate Bridge River Bay Sea Lake Island Isle Hill Hills Mountain "
                        "Mountains Wood Woods Forest Field Fields Pans Cove Point Inn Tower Market Quay Docks "
                        "Shire Valley Moor Marsh Coast Road Cross Place".split())
# Words that open a place's name ("Castle Dracula", "Mount Doom", "Lake Geneva").
LEADING_PLACE_WORDS = frozenset("Castle Mount Lake Fort Cape Isle Loch Glen Port Point".split())
FACTION_WORDS = frozenset("Guild Order Company Office Kin Council Brotherhood Sisterhood Society Church League "
                          "Navy Army Watch Assembly Party Clan Circle Syndicate Legion Regiment Bank "
                          "Ministry Houses Lodge Academy Union Board Committee Commission Trust Bureau Agency "
                          "Department Corporation Firm Institute Foundation Federation Association Club "
                          "Cartel Consortium Senate Parliament Tribunal Crew Gang Authority Service".split())


@dataclass
class Mention:
    """One occurrence of a capitalised run in the prose."""

    core: str  # the name without a leading title: "Darcy"
    title: str | None  # "Mr", "Captain" or None
    form: str  # as written, minus leading stopwords: "Mr. Darcy", "Harbor Master Crane"
    path: str
    line: int
    initial: bool  # starts a sentence (so its capital letter proves nothing)
    unit: int  # paragraph number, unique across the project
    character: float = 0.0  # evidence for each kind
    location: float = 0.0
    faction: float = 0.0

    @property
    def titled(self) -> str:
        """The name with its title only: "Lady Catherine" (not "Right Honourable Lady Catherine")."""
        if not self.title:
            return self.core
        return f"{self.title}{'.' if self.title in ABBREVIATIONS else ''} {self.core}"


@dataclass
class Scan:
    """Everything `suggest` needs from the prose, gathered in one pass."""

    mentions: list[Mention] = field(default_factory=list)
    lower: Counter = field(default_factory=Counter)  # lowercase word -> occurrences
    units: list[tuple[str, str]] = field(default_factory=list)  # (scene path, paragraph text)


def scan_paragraph(scan: Scan, path: str, lines: list[tuple[int, str]]) -> None:
    """Add the mentions of one paragraph; `lines` are (file line, plain text)."""
    unit = len(scan.units)
    text, line_of = _join(lines)
    scan.units.append((path, text))
    tokens = [_token(m) for m in TOKEN_RE.finditer(text)]
    for word, _, _ in tokens:
        if word[0].islower():
            scan.lower[word] += 1
    i = 0
    while i < len(tokens):
        if not tokens[i][0][0].isupper():
            i += 1
            continue
        j = _run_end(text, tokens, i)
        _add_run(scan, path, unit, text, tokens, i, j, line_of)
        i = j


def _token(match: re.Match) -> tuple[str, int, int]:
    word = match.group()
    base = CLITIC_RE.sub("", word) or word
    return base, match.start(), match.start() + len(base)


def _join(lines: list[tuple[int, str]]):
    starts, parts, offset = [], [], 0
    for number, text in lines:
        starts.append((offset, number))
        parts.append(text)
        offset += len(text) + 1

    def line_of(pos: int) -> int:
        found = starts[0][1]
        for start, number in starts:
            if start > pos:
                break
            found = number
        return found

    return " ".join(parts), line_of


def _run_end(text: str, tokens: list, i: int) -> int:
    """Capitalised words joined by single spaces (or "Mr. " after an abbreviated title) form one name."""
    j = i + 1
    while j < len(tokens) and tokens[j][0][0].isupper():
        gap = text[tokens[j - 1][2]:tokens[j][1]]
        if gap != " " and not (gap == ". " and tokens[j - 1][0] in ABBREVIATIONS) and not _plural_possessive(gap, tokens[j - 1][0]):
            break
        if tokens[j][0] in ADDRESS and tokens[j - 1][0] not in TITLES:
            break
        j += 1
    return j


def _plural_possessive(gap: str, word: str) -> bool:
    """"Lovers' Vows" is one title: a plural possessive joins the next capitalised word."""
    return gap in ("' ", "’ ") and word.endswith("s")


def _is_initial(text: str, tokens: list, i: int) -> bool:
    if i == 0:
        return True
    gap = text[tokens[i - 1][2]:tokens[i][1]]
    ended = gap.strip().rstrip("\"”’')]*_")  # 'she said.” Elena' starts a sentence too
    if ended.endswith((".", "!", "?", "…")) and not (gap == ". " and tokens[i - 1][0] in ABBREVIATIONS):
        return True
    return gap.endswith(('"', "“", "‘", "'", "(", "—", ":")) and not gap.startswith(("”", '"'))


def _add_run(scan: Scan, path: str, unit: int, text: str, tokens: list, i: int, j: int, line_of) -> None:
    words = [t[0] + (text[t[2]] if _plural_possessive(text[t[2]:u[1]], t[0]) else "")
             for t, u in zip(tokens[i:j], tokens[i + 1:j])] + [tokens[j - 1][0]]
    initial = _is_initial(text, tokens, i)
    start = 0
    while start < len(words) and words[start].lower() in STOPWORDS:
        start, initial = start + 1, False  # "But Elizabeth": the name is not what starts the sentence
    title, first = None, start
    for k in range(start, len(words) - 1):  # "Right Honourable Lady Catherine": the last title wins
        if words[k] in TITLES:
            title, first = words[k], k + 1
    if initial and start == 0 and title is not None and words[start] not in TITLES:
        start = first - 1  # "Console Lady Catherine as well as you can": the verb is not part of the name
    elif initial and start == 0 and first == 1 and title in DESCRIPTIVE:
        title, start = None, 1  # "Little Henry must remain the heir": the adjective's capital proves nothing
    core = words[first:]
    if not core or core[-1].lower() in STOPWORDS or (len(core) == 1 and (len(core[0]) < 2 or core[0] in TITLES)):
        return
    if len(core) == 1 and title is None and core[0] in NOT_NAMES:
        return
    form = " ".join(w + ("." if w in ABBREVIATIONS and n < len(words) - 1 else "") for n, w in
                    enumerate(words[start:], start))
    mention = Mention(" ".join(core), title, form, path, line_of(tokens[i + start][1]),
                      initial and start == 0 and title is None, unit)
    _weigh(mention, tokens, i + start, j, core)  # "The Lighthouse Board": the article is evidence too
    scan.mentions.append(mention)


def _weigh(mention: Mention, tokens: list, i: int, j: int, core: list[str]) -> None:
    """Evidence for the kind, from the words around this one mention."""
    before = [t[0].lower() for t in tokens[max(0, i - 3):i]]
    after = [t[0].lower() for t in tokens[j:j + 3]]
    if mention.title and mention.title not in DESCRIPTIVE:
        mention.character += 1
    if SPEECH.intersection(before + after):
        mention.character += 1
    if PRONOUNS.intersection(t[0].lower() for t in tokens[j:j + 6]):
        mention.character += 0.3
    preposition = before[-2] if len(before) > 1 and before[-1] == "the" else (before[-1] if before else "")
    if preposition in PLACE_PREPS:  # "in Greywell", "onto the Teeth"
        mention.location += 1
    if len(core) > 1 and (core[-1] in PLACE_WORDS or core[0] in LEADING_PLACE_WORDS) or core[-1].endswith("shire"):
        mention.location += 1.5  # "Box Hill", "Castle Dracula"; Hill alone is a surname
    if core[-1] in FACTION_WORDS and before and before[-1] == "the":
        mention.faction += 2

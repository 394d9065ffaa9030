"""`narrative suggest`: what the prose knows that the canon does not (yet).

Three kinds of suggestion, each with the evidence behind it:
- entities: recurring proper nouns that name no canon entity, ranked by count,
  with their first appearance and a guessed kind;
- aliases: names that probably belong to an existing entity ("Voss" for Elena
  Voss, "Captain Reyes" for Reyes, a nickname always seen beside her);
- relationships: canon characters who share many scenes and paragraphs but
  have no relationship recorded either way.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from narrative_cli.insight.names import (
    ADDRESS,
    DESCRIPTIVE,
    LEADING_PLACE_WORDS,
    PLACE_WORDS,
    TITLES,
    Mention,
    Scan,
    scan_paragraph,
)
from narrative_cli.insight.text import paragraphs
from narrative_cli.store.project import Project

SCHEMA = "narrative-suggest/1"
MERGE_MIN = 3  # a full name seen fewer times may be two names side by side ("from London Lydia came")
PARTIAL_KINDS = ("characters", "locations", "factions", "items")  # "Heron" is not the event "Wreck of the Heron"


def _plain(name: str) -> str:
    """"The Salt Office" and "Salt Office" are one name."""
    folded = name.casefold()
    return folded[4:] if folded.startswith("the ") else folded


@dataclass
class Candidate:
    name: str
    core: str  # the name without its title, for merging "Elizabeth" into "Elizabeth Bennet"
    mentions: list[Mention] = field(default_factory=list)
    forms: Counter = field(default_factory=Counter)

    @property
    def count(self) -> int:
        return len(self.mentions)

    @property
    def kind(self) -> str:
        return guess_kind(self.mentions)

    @property
    def scenes(self) -> set[str]:
        return {m.path for m in self.mentions}

    def to_json(self) -> dict:
        first = self.mentions[0]
        return {"name": self.name, "kind": self.kind, "count": self.count, "scenes": len(self.scenes),
                "first": {"path": first.path, "line": first.line},
                "forms": dict(self.forms.most_common())}


def scan_project(project: Project) -> Scan:
    scan = Scan()
    for scene in project.all_scenes():
        for para in paragraphs(scene.prose, scene.body_line):
            scan_paragraph(scan, scene.rel, para.lines)
    return scan


def guess_kind(mentions: list[Mention]) -> str:
    """character, location, faction or unknown: the share of mentions with evidence for each."""
    n = len(mentions) or 1
    faction = sum(m.faction for m in mentions) / n
    location = sum(m.location for m in mentions) / n
    character = sum(m.character for m in mentions) / n
    if faction >= 0.5:
        return "faction"
    if any(m.title in ADDRESS for m in mentions):  # "Miss Mina Murray" once: a person, however often
        return "character"                      # letters went "to" and "from" her
    if location >= 0.6 and location > character:
        return "location"
    if character >= 0.12 and character >= location:
        return "character"
    if location >= 0.2:
        return "location"
    return "unknown"


def candidates(scan: Scan) -> list[Candidate]:
    """Group mentions by name, keep those the text itself proves are names, merge unambiguous short forms."""
    groups: dict[str, list[Mention]] = defaultdict(list)
    for mention in scan.mentions:
        groups[mention.core].append(mention)
    proven = {core: ms for core, ms in groups.items() if _is_name(core, ms, scan.lower)}
    proven = {core: ms for core, ms in proven.items() if not _family(core, proven)}
    found = []
    for core, ms in proven.items():
        found += _split_titles(core, ms)
    return _merge_short_forms(found)


def _is_name(core: str, mentions: list[Mention], lower: Counter) -> bool:
    inside = sum(not m.initial for m in mentions)
    if not inside:
        return False  # only ever seen starting a sentence: the capital proves nothing
    if " " in core:
        return True
    return lower[core.lower()] < inside


def _family(core: str, proven: dict) -> bool:
    """"the Dashwoods", "the Miss Musgroves", "the Lucases": a family or a group of sisters, not one person.
    The members must be named a few times: `Phillips` is no plural of a stray `Phillip` seen once."""
    if " " in core or not core.endswith("s"):
        return False
    singular = [c for c in (core[:-1], core[:-2] if core.endswith("es") else None) if c in proven]
    return any(len(proven[c]) >= MERGE_MIN for c in singular)


def _split_titles(core: str, mentions: list[Mention]) -> list[Candidate]:
    """Mr. Bennet and Mrs. Bennet are two people: a name seen with several titles splits by title.
    A rank is a title of its own (Admiral Croft and Mrs. Croft, Dr. and Mrs. Grant, General and
    Captain Tilney). The bare name goes with the title that has most of the titled mentions, if it
    clearly dominates."""
    titled = Counter(m.title for m in mentions if m.title and m.title not in DESCRIPTIVE)
    if len(titled) < 2:
        return [_candidate(_usual_name(core, mentions), mentions)]
    main, n = titled.most_common(1)[0]
    bare_home = main if n >= 0.7 * sum(titled.values()) else None
    by_title: dict[str | None, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_title[m.title if m.title in titled else bare_home].append(m)
    return [_candidate(Counter(x.titled for x in ms if x.title).most_common(1)[0][0] if title else core, ms)
            for title, ms in by_title.items()]


def _usual_name(core: str, mentions: list[Mention]) -> str:
    """"Lady Catherine" rather than "Catherine" when the book mostly says it that way."""
    forms = Counter(m.titled for m in mentions if m.title)
    if forms:
        form, n = forms.most_common(1)[0]
        if n * 2 >= len(mentions):
            return form
    return core


def _candidate(name: str, mentions: list[Mention]) -> Candidate:
    return Candidate(name, mentions[0].core, list(mentions), Counter(m.form for m in mentions))


def _place_name(words: list[str]) -> bool:
    return words[0] in LEADING_PLACE_WORDS or words[-1] in PLACE_WORDS


def _merge_short_forms(found: list[Candidate]) -> list[Candidate]:
    """"Elizabeth" joins "Elizabeth Bennet" when no other full name starts (or ends) with it. A place
    named after someone is no full name of theirs: Count "Dracula" stays out of "Castle Dracula"."""
    full = [c for c in found if " " in c.core and c.count >= MERGE_MIN]
    firsts = Counter(c.core.split()[0] for c in full)
    lasts = Counter(c.core.split()[-1] for c in full)
    by_name = {id(c): c for c in found}
    for short in [c for c in found if " " not in c.name]:
        home = None
        if firsts[short.name] == 1 and not lasts[short.name]:
            home = next(c for c in full if c.core.split()[0] == short.name)
        elif lasts[short.name] == 1 and not firsts[short.name]:
            home = next(c for c in full if c.core.split()[-1] == short.name)
        if home is not None and _place_name(home.core.split()) and guess_kind(short.mentions) == "character":
            home = None
        if home is not None and id(home) in by_name:
            home.mentions += short.mentions
            home.forms.update(short.forms)
            home.name = _usual_name(home.core, home.mentions)
            del by_name[id(short)]
    for c in by_name.values():
        c.mentions.sort(key=lambda m: m.unit)
    return list(by_name.values())


@dataclass
class Canon:
    """What the canon already names: every name and alias of each live entity, lowercased."""

    names: dict[str, set[str]]  # ref -> names
    owner: dict[str, set[str]]  # lowercased name -> refs
    tokens: dict[str, set[str]]  # a word of a name -> refs whose names contain it

    @classmethod
    def of(cls, project: Project) -> "Canon":
        names, owner, tokens = {}, defaultdict(set), defaultdict(set)
        for record in project.all_entities():
            names[record.ref] = {_plain(n) for n in record.names}
            for n in record.names:
                owner[_plain(n)].add(record.ref)
                for word in n.split():
                    if word not in TITLES and record.kind in PARTIAL_KINDS:
                        tokens[word.casefold()].add(record.ref)
        return cls(names, dict(owner), dict(tokens))

    def known(self, candidate: Candidate) -> set[str]:
        forms = {_plain(f) for f in candidate.forms} | {_plain(candidate.name)}
        return set().union(*(self.owner.get(f, set()) for f in forms))

    def partial(self, candidate: Candidate) -> set[str]:
        """Entities whose names contain every word of this one ("Voss" -> Elena Voss)."""
        words = [w.casefold() for w in candidate.name.split() if w not in TITLES]
        found = [self.tokens.get(w, set()) for w in words]
        return set.intersection(*found) if found else set()


def suggest(project: Project, min_count: int = 3) -> dict:
    scan = scan_project(project)
    canon = Canon.of(project)
    cards = _cards(project)
    entities, aliases = [], []
    for cand in sorted(candidates(scan), key=lambda c: (-c.count, c.name)):
        alias = _alias_for(cand, canon, cards, min_count)
        if alias:
            aliases += alias
        elif not canon.known(cand) and cand.count >= min_count:
            entities.append(cand)
    return {"schema": SCHEMA, "min_count": min_count,
            "entities": [c.to_json() for c in entities],
            "aliases": sorted(aliases, key=lambda a: (-a["count"], a["alias"])),
            "relationships": relationships(project, scan, canon, cards)}


def _cards(project: Project) -> dict[str, set[str]]:
    """scene path -> characters on its card (pov + participants), as `characters/<id>` refs."""
    found = {}
    for scene in project.all_scenes():
        refs = (scene.card.pov, *scene.card.participants)
        found[scene.rel] = {r if "/" in r else f"characters/{r}" for r in refs if r}
    return found


def _alias_for(cand: Candidate, canon: Canon, cards: dict, min_count: int) -> list[dict]:
    known = canon.known(cand)
    if known:  # the name is canon; a titled form of it may not be ("Captain Reyes")
        titled = Counter(m.form for m in cand.mentions if m.title)
        return [_alias(ref, form, n, cand, "a titled form of a canon name")
                for form, n in titled.items() if n >= min_count
                for ref in sorted(known) if _plain(form) not in canon.names[ref]]
    if cand.count < min_count:
        return []
    partial = canon.partial(cand)
    if len(partial) == 1:
        ref = next(iter(partial))
        return [_alias(ref, cand.name, cand.count, cand, "part of the canon name")]
    ref = _companion(cand, canon, cards)
    if ref:
        return [_alias(ref, cand.name, cand.count, cand, "appears only where this character is on the scene card")]
    return []


def _alias(ref: str, alias: str, count: int, cand: Candidate, reason: str) -> dict:
    first = next((m for m in cand.mentions if m.form == alias), cand.mentions[0])
    return {"entity": ref, "alias": alias, "count": count, "reason": reason,
            "first": {"path": first.path, "line": first.line}}


def _companion(cand: Candidate, canon: Canon, cards: dict) -> str | None:
    """A nickname: a character-like name always in scenes whose card lists one character whose name
    starts the same way (Pip, Pilar)."""
    scenes = cand.scenes
    if cand.kind != "character" or len(scenes) < 2:
        return None
    present = Counter(ref for path in scenes for ref in cards.get(path, ()))
    for ref, n in present.most_common():
        if n / len(scenes) < 0.8:
            break
        if any(name[:2] == cand.name[:2].casefold() for name in canon.names.get(ref, ())):
            return ref
    return None


def relationships(project: Project, scan: Scan, canon: Canon, cards: dict) -> list[dict]:
    """Pairs of canon characters on the same scene cards (2+ scenes) or named in the same paragraphs
    (2+), with no relationship either way. A name alone does not put someone in a scene: the dead
    are remembered in scenes they are not in."""
    characters = {r.ref: r for r in project.all_entities() if r.kind == "characters"}
    in_unit: dict[int, set[str]] = defaultdict(set)
    for m in scan.mentions:
        for ref in canon.owner.get(_plain(m.form), set()) | canon.owner.get(_plain(m.core), set()):
            if ref in characters:
                in_unit[m.unit].add(ref)
    scenes = _pairs(refs & characters.keys() for refs in cards.values())
    paras = _pairs(in_unit.values())
    found = []
    for a, b in sorted(set(scenes) | set(paras)):
        if (scenes[a, b] >= 2 or paras[a, b] >= 2) and not _related(characters[a], b) \
                and not _related(characters[b], a):
            found.append({"a": a, "b": b, "scenes": scenes[a, b], "paragraphs": paras[a, b]})
    return sorted(found, key=lambda p: (-p["paragraphs"], -p["scenes"], p["a"], p["b"]))


def _pairs(groups) -> Counter:
    counts: Counter = Counter()
    for refs in groups:
        ordered = sorted(refs)
        counts.update((a, b) for i, a in enumerate(ordered) for b in ordered[i + 1:])
    return counts


def _related(record, other: str) -> bool:
    bare = other.split("/", 1)[1]
    return any(rel.to in (other, bare) for rel in record.model.relationships)

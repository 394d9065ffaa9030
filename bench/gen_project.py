"""Generate large, valid, deterministic narrative projects for every benchmark.

    python bench/gen_project.py OUT --scenes 5000 --canon 2000 [--words 500] [--git]   # cards (default)
    python bench/gen_project.py OUT --style novel [--words 560000] [--chapters 60]
    python bench/gen_project.py OUT --style book [--words 560000] [--chapters 365]

One module, because every bench needs the same guarantees (a valid project;
the same seed gives the same bytes), and three styles, because each needs
different text. --words counts per scene for cards, in the whole book otherwise.

- cards (`generate`; validate, check, stats): 20 scenes a chapter with full
  scene cards, word-salad prose, --canon files of all six kinds whose
  relationships and references all resolve.
- novel (`generate_novel`; search, stats, suggest, check; was gen_big.py):
  20 scenes a chapter, a cast of about 40 characters and 8 places named in
  the prose and in dialogue, lines wrapped at 72.
- book (`generate_book`; export; was export_generate.py): 4 scenes a chapter
  (scene breaks), no canon, Markdown that exercises exporters: straight quotes,
  apostrophes, `--`, `...`, *italics*, the odd block quote; a Git repository.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import textwrap
import uuid
from dataclasses import dataclass
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"  # gitignored home of generated projects that benches keep
SCENES_PER_CHAPTER = 20

SHARES = (("characters", 40), ("locations", 20), ("factions", 10), ("items", 10), ("magic", 5), ("events", 15))
WORDS = ("the salt road ran inland past the harbor and the old customs house where guards counted "
         "every crate twice she said nothing he waited by the door tide wind rope lantern ledger "
         "cipher knot oath captain smuggler court assize mountain river bridge bell market widow "
         "quiet grey cold bright heavy slow sudden careful open closed again before after under "
         "across through against toward within without never always almost only still").split()

# novel (search_speed's queries look for these words and places)
FIRST = ("Elena Tomas Ines Pilar Aurelio Marta Joren Silas Hana Bram Cato Delia Evander Fenna Gideon Hester "
         "Ivo Jonna Kasimir Liesl Matthias Nell Oskar Petra Quill Rosa Stellan Tilde Ulric Vera").split()
LAST = "Voss Reyes Marrow Anselm Crane Holt Vane Ferris Lark Stroud".split()
PLACES = "Port Verrin|Greywell|the White Pans|Lisk|the Teeth|Saltmarsh|Harbor Town|the Assize Hall".split("|")
STATUSES = ("draft", "draft", "revised", "final")
VALUES = ("hope", "fear", "trust", "doubt", "safety", "danger")

SPEAKERS = ("Elena", "Reyes", "Ines", "Pilar", "Aurelio", "Natasha", "Pierre", "Andrei")


@dataclass(frozen=True)
class Prose:
    """How sentences look in one style: the features a bench's users rely on."""

    vocab: tuple[str, ...]
    lengths: tuple[int, int]  # words per sentence, inclusive
    ends: str | tuple[str, ...]
    places: tuple[str, ...] = ()  # sometimes "in <place>"
    marks: bool = False  # *emphasis* and `--` dashes


NOVEL = Prose(tuple(("the salt road ran inland past the pans and the wind came off the sea with a smell of tar and "
                     "rope she counted guards twice and kept her hands still while the clerk read the ledger aloud "
                     "in a voice that had never been afraid of anything except silence lantern harbor tide crate "
                     "cipher oath knot morning evening gate wall cart mule bread water coin debt favour river "
                     "bridge storm light").split()), (8, 18), ".....?!", tuple(PLACES))
BOOK = Prose(tuple(("the a of and to in he she was it his her that with had as for on at by they not but from "
                    "road salt harbor quay tide captain ledger crate guard office river city night morning letter "
                    "horse wagon marsh court prince army field window door table candle silence voice hand face "
                    "walked said looked turned waited counted remembered carried opened closed answered "
                    "whispered").split()), (6, 18), (".", ".", ".", "...", "!", "?"), marks=True)


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def _chapter(root: Path, name: str, chapter_yaml: str) -> Path:
    """Make one chapter folder; styles keep their own folder names so old outputs stay byte-identical."""
    folder = root / "manuscript" / name
    folder.mkdir(parents=True, exist_ok=True)
    _write(folder / "chapter.yaml", chapter_yaml)
    return folder


def _git(root: Path) -> None:
    """One commit of everything: benches that diff, verify or export from Git need history."""
    who = ["-c", "user.name=Bench", "-c", "user.email=bench@example.org"]
    subprocess.run(["git", "init", "-q", "--initial-branch=main"], cwd=root, check=True)
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    subprocess.run(["git", *who, "commit", "-q", "-m", "Generated"], cwd=root, check=True)


def _sentence(rng: random.Random, prose: Prose, names: list[str] | tuple[str, ...] = ()) -> str:
    """One sentence; every random draw is conditional on a feature, so each style keeps its old sequence."""
    words = [rng.choice(prose.vocab) for _ in range(rng.randint(*prose.lengths))]
    if names and rng.random() < 0.5:
        words.insert(rng.randrange(len(words)), rng.choice(names))
    if prose.places and rng.random() < 0.2:
        words.insert(rng.randrange(len(words)), f"in {rng.choice(prose.places)}")
    if prose.marks and rng.random() < 0.15:
        i = rng.randrange(len(words))
        words[i] = f"*{words[i]}*"
    if prose.marks and rng.random() < 0.05:
        words.insert(rng.randrange(len(words)), "--")
    text = " ".join(words)
    return text[0].upper() + text[1:] + rng.choice(prose.ends)


def _body(target: int, paragraph) -> list[str]:
    """Paragraphs from `paragraph()` until about `target` words (a paragraph may overshoot)."""
    paragraphs, count = [], 0
    while count < target:
        paragraphs.append(paragraph())
        count += len(paragraphs[-1].split())
    return paragraphs


def _ids(kind: str, count: int) -> list[str]:
    stem = kind.rstrip("s")
    return [f"{stem}-{i:05d}" for i in range(count)]


def _counts(total: int) -> dict[str, int]:
    counts = {kind: total * share // 100 for kind, share in SHARES}
    counts["characters"] += total - sum(counts.values())
    return counts


def _salad(rng: random.Random, words: int) -> str:
    """Exactly `words` words: validate and check time per word, so sizes must be exact."""
    paragraphs, left = [], words
    while left > 0:
        n = min(left, rng.randint(40, 90))
        text = " ".join(rng.choice(WORDS) for _ in range(n))
        paragraphs.append(text[0].upper() + text[1:] + ".")
        left -= n
    return "\n\n".join(paragraphs) + "\n"


def _phrase(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def _entity(rng: random.Random, kind: str, ident: str, ids: dict[str, list[str]]) -> str:
    """A canon file with every reference kind its `kind` allows, so validate resolves them all."""
    chars, places = ids["characters"], ids["locations"] or ids["characters"]
    lines = [f"# generated: {ident}", f"name: {ident.replace('-', ' ').title()}",
             f"aliases: [{kind[:3].title()} {ident.split('-')[1]}]", f"summary: >-\n  {_phrase(rng, 30)}",
             f"tags: [{rng.choice(WORDS)}, {rng.choice(WORDS)}]", "relationships:"]
    for _ in range(3):
        other_kind = rng.choice([k for k in ids if ids[k]])
        ref = rng.choice(ids[other_kind])  # bare ids and kind/id, as writers mix them
        lines += [f"  - to: {other_kind + '/' if rng.random() < 0.5 else ''}{ref}", f"    kind: {rng.choice(WORDS)}",
                  f"    note: {_phrase(rng, 12)}"]
    extra = {
        "characters": [f"role: {rng.choice(['protagonist', 'rival', 'mentor', 'minor'])}", "status: alive",
                       f'born: "{rng.randint(250, 300)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"',
                       f"voice: {_phrase(rng, 10)}"],
        "locations": ["region: the coast"] + ([f"parent: {places[0]}"] if ident != places[0] else []),
        "factions": [f"leader: characters/{rng.choice(chars)}",
                     f"members: [{', '.join('characters/' + rng.choice(chars) for _ in range(4))}]"],
        "items": [f"owner: characters/{rng.choice(chars)}", "properties: {material: iron}"],
        "magic": ["rules: [salt remembers]", "costs: [a memory]", "limits: [not on running water]"],
        "events": [f'when: "312-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"',
                   f"participants: [{', '.join('characters/' + rng.choice(chars) for _ in range(3))}]",
                   f"location: locations/{rng.choice(places)}"],
    }[kind]
    return "\n".join(lines + extra + ["custom:", f"  seed: {rng.randint(0, 10**6)}"]) + "\n"


def _card_scene(rng: random.Random, index: int, ids: dict[str, list[str]], words: int) -> str:
    chars, places = ids["characters"], ids["locations"] or ids["characters"]
    pov = rng.choice(chars)
    others = [rng.choice(chars) for _ in range(2)]
    card = [
        "---", f"title: Scene {index}", f"pov: characters/{pov}",
        f"participants: [{', '.join('characters/' + c for c in [pov, *others])}]",
        f"location: locations/{rng.choice(places)}",
        f'when: "312-{1 + index // 400:02d}-{1 + index % 28:02d}"',
        f"goal: {_phrase(rng, 8)}", f"conflict: {_phrase(rng, 8)}",
        "entering_value: hope", "exiting_value: fear",
        f"what_changes: {_phrase(rng, 10)}",
        f"status: {rng.choice(['draft', 'revised', 'final'])}", "---",
    ]
    return "\n".join(card) + "\n" + _salad(rng, words)


def generate(out: Path, scenes: int, canon: int, seed: int = 1, words: int = 500, git: bool = False) -> Path:
    """Style `cards`: write the project into `out` (which must not exist) and return it."""
    rng = random.Random(seed)
    out.mkdir(parents=True)
    ident = uuid.UUID(int=rng.getrandbits(128), version=4)
    _write(out / "narrative.yaml", f"format: 1\ntitle: Synthetic {scenes}x{canon}\nauthor: Bench Writer\n"
           f"language: en\nidentifier: urn:uuid:{ident}\nscene_break: \"* * *\"\n")
    _write(out / ".gitignore", ".narrative/\n")
    ids = {kind: _ids(kind, n) for kind, n in _counts(canon).items()}
    for kind, names in ids.items():
        (out / "canon" / kind).mkdir(parents=True)
        for name in names:
            _write(out / "canon" / kind / f"{name}.yaml", _entity(rng, kind, name, ids))
    for index in range(scenes):
        chapter, number = divmod(index, SCENES_PER_CHAPTER)
        if number == 0:
            folder = _chapter(out, f"{chapter + 1:03d}-chapter-{chapter + 1}",
                              f"title: Chapter {chapter + 1}\nstatus: draft\n")
        _write(folder / f"{number + 1:02d}-scene-{index}.md", _card_scene(rng, index, ids, words))
    if git:
        _git(out)
    return out


def _novel_scene(rng: random.Random, words: int, characters: list[tuple[str, str]]) -> str:
    """A scene whose cast is named in the prose and in dialogue, so search, suggest and check find them."""
    cast = rng.sample(characters, 3)
    names = [n for _, n in cast]
    card = (f"pov: {cast[0][0]}\nparticipants: [{', '.join(i for i, _ in cast)}]\n"
            f"status: {rng.choice(STATUSES)}\nentering_value: {rng.choice(VALUES)}\n"
            f"exiting_value: {rng.choice(VALUES)}\n")

    def paragraph() -> str:
        para = " ".join(_sentence(rng, NOVEL, names) for _ in range(rng.randint(2, 6)))
        return f'"{para}" said {rng.choice(names)}.' if rng.random() < 0.3 else para

    body = "\n\n".join("\n".join(textwrap.wrap(p, 72)) for p in _body(words, paragraph))
    return f"---\n{card}---\n{body}\n"


def _novel_canon(root: Path, characters: list[tuple[str, str]]) -> None:
    """The cast as character files and PLACES as locations: names in the prose resolve to canon."""
    people, places = root / "canon" / "characters", root / "canon" / "locations"
    people.mkdir(parents=True, exist_ok=True)
    places.mkdir(parents=True, exist_ok=True)
    for ident, name in characters:
        _write(people / f"{ident}.yaml", f"name: {name}\nsummary: A generated character.\n")
    for place in PLACES:
        name = place.removeprefix("the ")
        _write(places / f"{name.lower().replace(' ', '-')}.yaml", f"name: {name}\n")


def generate_novel(out: Path, words: int = 560_000, chapters: int = 60, seed: int = 1, git: bool = False) -> Path:
    """Style `novel`: about `words` words over `chapters` chapters of 20 scenes."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    _write(out / "narrative.yaml", f"format: 1\ntitle: The Long Road\nauthor: Bench Writer\n"
           f"identifier: urn:uuid:{uuid.UUID(int=seed)}\nword_target: {words + words // 5}\n")
    names = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(40)]
    characters = sorted({(n.lower().replace(" ", "-"), n) for n in names})
    _novel_canon(out, characters)
    per_scene = words // (chapters * SCENES_PER_CHAPTER)
    for c in range(1, chapters + 1):
        folder = _chapter(out, f"{c:02d}-chapter-{c}", f"title: Chapter {c}\n")
        for s in range(1, SCENES_PER_CHAPTER + 1):
            _write(folder / f"{s:02d}-scene-{s}.md", _novel_scene(rng, per_scene, characters))
    if git:
        _git(out)
    return out


def _book_paragraph(rng: random.Random) -> str:
    """Narration, dialogue (quotes and apostrophes for smart typography) or, rarely, a block quote."""
    if rng.random() < 0.35:
        speaker = rng.choice(SPEAKERS)
        return f'"{_sentence(rng, BOOK)}" {speaker} said. "It\'s {rng.choice(BOOK.vocab)}, isn\'t it?"'
    if rng.random() < 0.01:
        return "> " + _sentence(rng, BOOK)
    return " ".join(_sentence(rng, BOOK) for _ in range(rng.randint(2, 6)))


def generate_book(out: Path, words: int = 560_000, chapters: int = 365, scenes: int = 4, seed: int = 1,
                  git: bool = True) -> Path:
    """Style `book`: about `words` words, `scenes` scenes a chapter; a Git repository by default, as export expects."""
    rng = random.Random(seed)
    (out / "manuscript").mkdir(parents=True)
    _write(out / "narrative.yaml",
           f"format: 1\ntitle: {out.name.replace('-', ' ').title()}\nauthor: Bench Writer\nlanguage: en\n"
           "identifier: urn:uuid:00000000-0000-4000-8000-000000000560\ndescription: A generated book.\n"
           "rights: Public domain\nscene_break: \"* * *\"\ncontact: {name: Bench Writer, email: b@example.org}\n")
    per_scene = words // (chapters * scenes)
    for c in range(1, chapters + 1):
        folder = _chapter(out, f"{c:03d}-chapter-{c}", f"title: Chapter title {c}\n")
        for s in range(1, scenes + 1):
            paras = _body(per_scene - 20, lambda: _book_paragraph(rng))  # -20: lone dashes are not words
            _write(folder / f"{s:02d}-scene-{s}.md", "---\nstatus: final\n---\n" + "\n\n".join(paras) + "\n")
    if git:
        _git(out)
    return out


STYLES = {"cards": (generate, {"scenes": 5000, "canon": 2000, "words": 500}),
          "novel": (generate_novel, {"words": 560_000, "chapters": 60}),
          "book": (generate_book, {"words": 560_000, "chapters": 365})}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--style", choices=sorted(STYLES), default="cards")
    parser.add_argument("--scenes", type=int, help="cards: scenes (default 5000)")
    parser.add_argument("--canon", type=int, help="cards: canon files (default 2000)")
    parser.add_argument("--chapters", type=int, help="novel: chapters (default 60); book: (default 365)")
    parser.add_argument("--words", type=int, help="cards: words per scene (500); novel, book: in all (560000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--git", action="store_true", help="also make it a Git repository (book: always)")
    args = parser.parse_args(argv)
    make, defaults = STYLES[args.style]
    given = {k: getattr(args, k) for k in ("scenes", "canon", "chapters", "words") if getattr(args, k) is not None}
    if wrong := sorted(given.keys() - defaults.keys()):
        parser.error(f"--style {args.style} takes no --{', --'.join(wrong)}")
    if args.out.exists():
        parser.error(f"{args.out} exists; choose a new folder")
    make(args.out, **{**defaults, **given}, seed=args.seed, git=args.git or args.style == "book")
    print(f"wrote {args.out} ({args.style}, seed {args.seed})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

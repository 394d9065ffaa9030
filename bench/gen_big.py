"""Generate a large narrative project for timing `search`, `stats` and `suggest`.

    python bench/gen_big.py OUT [--words 560000] [--chapters 60] [--seed 1]

Deterministic for a given seed. Writes plain files (no Git, no write path):
it is a fixture, not a user action. Each scene has a full scene card, so
filters (--pov, --status, --chapter) have something to select.
"""

from __future__ import annotations

import argparse
import random
import uuid
from pathlib import Path

WORDS = ("the salt road ran inland past the pans and the wind came off the sea with a smell of tar and rope "
         "she counted guards twice and kept her hands still while the clerk read the ledger aloud in a voice "
         "that had never been afraid of anything except silence lantern harbor tide crate cipher oath knot "
         "morning evening gate wall cart mule bread water coin debt favour river bridge storm light").split()
FIRST = ("Elena Tomas Ines Pilar Aurelio Marta Joren Silas Hana Bram Cato Delia Evander Fenna Gideon Hester "
         "Ivo Jonna Kasimir Liesl Matthias Nell Oskar Petra Quill Rosa Stellan Tilde Ulric Vera").split()
LAST = "Voss Reyes Marrow Anselm Crane Holt Vane Ferris Lark Stroud".split()
PLACES = "Port Verrin|Greywell|the White Pans|Lisk|the Teeth|Saltmarsh|Harbor Town|the Assize Hall".split("|")
STATUSES = ("draft", "draft", "revised", "final")
VALUES = ("hope", "fear", "trust", "doubt", "safety", "danger")


def sentence(rng: random.Random, names: list[str]) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 18))]
    if rng.random() < 0.5:
        words.insert(rng.randrange(len(words)), rng.choice(names))
    if rng.random() < 0.2:
        words.insert(rng.randrange(len(words)), f"in {rng.choice(PLACES)}")
    text = " ".join(words)
    return text[0].upper() + text[1:] + rng.choice(".....?!")


def scene_text(rng: random.Random, words: int, card: str, names: list[str]) -> str:
    paragraphs, count = [], 0
    while count < words:
        para = " ".join(sentence(rng, names) for _ in range(rng.randint(2, 6)))
        if rng.random() < 0.3:
            para = f'"{para}" said {rng.choice(names)}.'
        count += len(para.split())
        paragraphs.append(_wrap(para))
    return f"---\n{card}---\n" + "\n\n".join(paragraphs) + "\n"


def _wrap(text: str, width: int = 72) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width))


def write_canon(root: Path, characters: list[tuple[str, str]]) -> None:
    folder = root / "canon" / "characters"
    folder.mkdir(parents=True, exist_ok=True)
    for ident, name in characters:
        (folder / f"{ident}.yaml").write_text(f"name: {name}\nsummary: A generated character.\n")
    places = root / "canon" / "locations"
    places.mkdir(parents=True, exist_ok=True)
    for place in PLACES:
        name = place.removeprefix("the ")
        (places / f"{name.lower().replace(' ', '-')}.yaml").write_text(f"name: {name}\n")


def generate(out: Path, total_words: int, chapters: int, seed: int) -> None:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    (out / "narrative.yaml").write_text(
        f"format: 1\ntitle: The Long Road\nauthor: Bench Writer\nidentifier: urn:uuid:{uuid.UUID(int=seed)}\n"
        f"word_target: {total_words + total_words // 5}\n")
    names = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(40)]
    characters = sorted({(n.lower().replace(" ", "-"), n) for n in names})
    write_canon(out, characters)
    scenes_per_chapter = 20
    per_scene = total_words // (chapters * scenes_per_chapter)
    for c in range(1, chapters + 1):
        folder = out / "manuscript" / f"{c:02d}-chapter-{c}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "chapter.yaml").write_text(f"title: Chapter {c}\n")
        for s in range(1, scenes_per_chapter + 1):
            cast = rng.sample(characters, 3)
            card = (f"pov: {cast[0][0]}\nparticipants: [{', '.join(i for i, _ in cast)}]\n"
                    f"status: {rng.choice(STATUSES)}\nentering_value: {rng.choice(VALUES)}\n"
                    f"exiting_value: {rng.choice(VALUES)}\n")
            text = scene_text(rng, per_scene, card, [n for _, n in cast])
            (folder / f"{s:02d}-scene-{s}.md").write_text(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--words", type=int, default=560_000)
    parser.add_argument("--chapters", type=int, default=60)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.out, args.words, args.chapters, args.seed)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()

"""Generate large narrative projects for the export benchmark (into bench/out/, gitignored).

    python bench/export_generate.py            # war-and-peace (560k words, 365 chapters) and 100k
    python bench/export_generate.py --words 100000 --chapters 60 --name novel-100k

The prose is deterministic (seeded) and looks like a novel to the exporters:
paragraphs of narration and dialogue with straight quotes, apostrophes,
`--` dashes, `...`, some *italics* and **bold**, and the odd block quote.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"
WORDS = ("the a of and to in he she was it his her that with had as for on at by they not but from "
         "road salt harbor quay tide captain ledger crate guard office river city night morning letter "
         "horse wagon marsh court prince army field window door table candle silence voice hand face "
         "walked said looked turned waited counted remembered carried opened closed answered whispered").split()
NAMES = ("Elena", "Reyes", "Ines", "Pilar", "Aurelio", "Natasha", "Pierre", "Andrei")


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(6, 18))]
    if rng.random() < 0.15:
        i = rng.randrange(len(words))
        words[i] = f"*{words[i]}*"
    if rng.random() < 0.05:
        words.insert(rng.randrange(len(words)), "--")
    words[0] = words[0].capitalize()
    return " ".join(words) + rng.choice([".", ".", ".", "...", "!", "?"])


def paragraph(rng: random.Random) -> str:
    if rng.random() < 0.35:
        speaker = rng.choice(NAMES)
        return f'"{sentence(rng)}" {speaker} said. "It\'s {rng.choice(WORDS)}, isn\'t it?"'
    if rng.random() < 0.01:
        return "> " + sentence(rng)
    return " ".join(sentence(rng) for _ in range(rng.randint(2, 6)))


def generate(name: str, words: int, chapters: int, scenes: int = 4, seed: int = 1) -> Path:
    rng = random.Random(seed)
    root = OUT / name
    shutil.rmtree(root, ignore_errors=True)
    per_scene = words // (chapters * scenes)
    (root / "manuscript").mkdir(parents=True)
    (root / "narrative.yaml").write_text(
        f"format: 1\ntitle: {name.replace('-', ' ').title()}\nauthor: Bench Writer\nlanguage: en\n"
        "identifier: urn:uuid:00000000-0000-4000-8000-000000000560\ndescription: A generated book.\n"
        "rights: Public domain\nscene_break: \"* * *\"\ncontact: {name: Bench Writer, email: b@example.org}\n",
        encoding="utf-8")
    for c in range(1, chapters + 1):
        folder = root / "manuscript" / f"{c:03d}-chapter-{c}"
        folder.mkdir()
        (folder / "chapter.yaml").write_text(f"title: Chapter title {c}\n", encoding="utf-8")
        for s in range(1, scenes + 1):
            paras, count = [], 0
            while count < per_scene - 20:  # lands near the target: lone dashes are not words
                text = paragraph(rng)
                paras.append(text)
                count += len(text.split())
            (folder / f"{s:02d}-scene-{s}.md").write_text("---\nstatus: final\n---\n" + "\n\n".join(paras) + "\n",
                                                           encoding="utf-8")
    for args in (["init", "-q"], ["add", "-A"], ["-c", "user.name=Bench", "-c", "user.email=b@example.org",
                                                  "commit", "-q", "-m", "Generated"]):
        subprocess.run(["git", *args], cwd=root, check=True)
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int)
    parser.add_argument("--chapters", type=int)
    parser.add_argument("--name")
    args = parser.parse_args()
    if args.words:
        print(generate(args.name or f"book-{args.words}", args.words, args.chapters or 100))
        return
    print(generate("war-and-peace", 560_000, 365))
    print(generate("novel-100k", 100_000, 60))


if __name__ == "__main__":
    main()

"""Time `narrative diff` on a large project: N chapters x M scenes of ~W words, then a
revision that renumbers every scene of one chapter in three, edits a sentence in one
scene in ten, moves a chapter and renames characters.

    python bench/review_diff.py --chapters 60 --scenes 20 --words 1500
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WORDS = ("salt road harbor tide ledger cipher guard quay lantern gull rope tar brine court judge "
         "night morning rain wall gate cart mule dust well knot oath debt light water stone").split()


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(6, 18))]
    return " ".join(words).capitalize() + "."


def scene_text(rng: random.Random, words: int) -> str:
    paragraphs, count = [], 0
    while count < words:
        para = [sentence(rng) for _ in range(rng.randint(2, 6))]
        count += sum(len(s.split()) for s in para)
        paragraphs.append(" ".join(para))
    return "---\ntitle: A scene\npov: ada\nstatus: draft\n---\n" + "\n\n".join(paragraphs) + "\n"


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


def generate(root: Path, chapters: int, scenes: int, words: int) -> None:
    rng = random.Random(7)
    (root / "canon" / "characters").mkdir(parents=True)
    (root / "narrative.yaml").write_text("format: 1\ntitle: Bench\nauthor: B\nlanguage: en\n"
                                         "identifier: urn:uuid:00000000-0000-4000-8000-000000000000\n")
    for c in range(200):
        (root / "canon" / "characters" / f"person-{c}.yaml").write_text(f"name: Person {c}\nrole: extra {c}\n")
    (root / "canon" / "characters" / "ada.yaml").write_text("name: Ada\n")
    for c in range(1, chapters + 1):
        folder = root / "manuscript" / f"{c * 10:03d}-chapter-{c}"
        folder.mkdir(parents=True)
        for s in range(1, scenes + 1):
            (folder / f"{s * 10:03d}-scene-{s}.md").write_text(scene_text(rng, words))
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "-c", "user.name=b", "-c", "user.email=b@b", "commit", "-qm", "bench")


def change(root: Path) -> None:
    rng = random.Random(11)
    chapters = sorted((root / "manuscript").iterdir())
    for n, folder in enumerate(chapters):
        scenes = sorted(folder.glob("*.md"))
        for k, scene in enumerate(scenes):
            if k % 10 == 0:
                text = scene.read_text()
                scene.write_text(text.replace(".", ". " + sentence(rng), 1))
            if n % 3 == 0:
                scene.rename(scene.with_name(f"{int(scene.name[:3]) + 5:03d}{scene.name[3:]}"))
    last = chapters[-1]
    last.rename(last.with_name(f"999{last.name[3:]}"))
    for c in range(0, 200, 20):
        path = root / "canon" / "characters" / f"person-{c}.yaml"
        path.write_text(path.read_text().replace(f"Person {c}", f"Persona {c}"))
        path.rename(path.with_name(f"persona-{c}.yaml"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--chapters", type=int, default=60)
    parser.add_argument("--scenes", type=int, default=20)
    parser.add_argument("--words", type=int, default=1500)
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out" / "review-diff")
    args = parser.parse_args()
    if args.out.exists():
        subprocess.run(["rm", "-rf", str(args.out)], check=True)
    args.out.mkdir(parents=True)
    generate(args.out, args.chapters, args.scenes, args.words)
    change(args.out)
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1"}
    for fmt in ("json", "markdown", "text"):
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "narrative_cli", "diff", "--format", fmt],
                              cwd=args.out, env=env, capture_output=True, text=True)
        elapsed = time.perf_counter() - start
        first = done.stdout.splitlines()[2 if fmt != "json" else 0] if done.stdout else done.stderr
        print(f"diff --format {fmt}: {elapsed:.2f} s, exit {done.returncode}, {len(done.stdout)} bytes; {first[:120]}")


if __name__ == "__main__":
    main()

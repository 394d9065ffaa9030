"""Generate a large, valid, deterministic narrative project for benchmarks.

    python bench/gen_project.py OUT --scenes 5000 --canon 2000 [--seed 1] [--words 500] [--git]

N scenes of about --words words each, with full scene cards (pov, participants,
location, when, goal, conflict, values, what_changes, status), grouped 20 to a
chapter; M canon files spread over the six kinds, with relationships and
kind-specific references that all resolve. The same seed gives the same bytes,
so other benches (export, check, stats) can reuse it: `from gen_project import generate`.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import uuid
from pathlib import Path

SHARES = (("characters", 40), ("locations", 20), ("factions", 10), ("items", 10), ("magic", 5), ("events", 15))
WORDS = ("the salt road ran inland past the harbor and the old customs house where guards counted "
         "every crate twice she said nothing he waited by the door tide wind rope lantern ledger "
         "cipher knot oath captain smuggler court assize mountain river bridge bell market widow "
         "quiet grey cold bright heavy slow sudden careful open closed again before after under "
         "across through against toward within without never always almost only still").split()
SCENES_PER_CHAPTER = 20


def _ids(kind: str, count: int) -> list[str]:
    stem = kind.rstrip("s")
    return [f"{stem}-{i:05d}" for i in range(count)]


def _counts(total: int) -> dict[str, int]:
    counts = {kind: total * share // 100 for kind, share in SHARES}
    counts["characters"] += total - sum(counts.values())
    return counts


def _prose(rng: random.Random, words: int) -> str:
    paragraphs, left = [], words
    while left > 0:
        n = min(left, rng.randint(40, 90))
        text = " ".join(rng.choice(WORDS) for _ in range(n))
        paragraphs.append(text[0].upper() + text[1:] + ".")
        left -= n
    return "\n\n".join(paragraphs) + "\n"


def _entity(rng: random.Random, kind: str, ident: str, ids: dict[str, list[str]]) -> str:
    chars, places = ids["characters"], ids["locations"] or ids["characters"]
    lines = [f"# generated: {ident}", f"name: {ident.replace('-', ' ').title()}",
             f"aliases: [{kind[:3].title()} {ident.split('-')[1]}]",
             f"summary: >-\n  {' '.join(rng.choice(WORDS) for _ in range(30))}",
             f"tags: [{rng.choice(WORDS)}, {rng.choice(WORDS)}]", "relationships:"]
    for _ in range(3):
        other_kind = rng.choice([k for k in ids if ids[k]])
        ref = rng.choice(ids[other_kind])  # bare ids and kind/id, as writers mix them
        lines += [f"  - to: {other_kind + '/' if rng.random() < 0.5 else ''}{ref}", f"    kind: {rng.choice(WORDS)}",
                  f"    note: {' '.join(rng.choice(WORDS) for _ in range(12))}"]
    extra = {
        "characters": [f"role: {rng.choice(['protagonist', 'rival', 'mentor', 'minor'])}", "status: alive",
                       f'born: "{rng.randint(250, 300)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"',
                       f"voice: {' '.join(rng.choice(WORDS) for _ in range(10))}"],
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


def _scene(rng: random.Random, index: int, ids: dict[str, list[str]], words: int) -> str:
    chars, places = ids["characters"], ids["locations"] or ids["characters"]
    pov = rng.choice(chars)
    others = [rng.choice(chars) for _ in range(2)]
    card = [
        "---", f"title: Scene {index}", f"pov: characters/{pov}",
        f"participants: [{', '.join('characters/' + c for c in [pov, *others])}]",
        f"location: locations/{rng.choice(places)}",
        f'when: "312-{1 + index // 400:02d}-{1 + index % 28:02d}"',
        f"goal: {' '.join(rng.choice(WORDS) for _ in range(8))}",
        f"conflict: {' '.join(rng.choice(WORDS) for _ in range(8))}",
        "entering_value: hope", "exiting_value: fear",
        f"what_changes: {' '.join(rng.choice(WORDS) for _ in range(10))}",
        f"status: {rng.choice(['draft', 'revised', 'final'])}", "---",
    ]
    return "\n".join(card) + "\n" + _prose(rng, words)


def generate(out: Path, scenes: int, canon: int, seed: int = 1, words: int = 500, git: bool = False) -> Path:
    """Write the project into `out` (which must not exist) and return it."""
    rng = random.Random(seed)
    out.mkdir(parents=True)
    ident = uuid.UUID(int=rng.getrandbits(128), version=4)
    (out / "narrative.yaml").write_text(
        f"format: 1\ntitle: Synthetic {scenes}x{canon}\nauthor: Bench Writer\nlanguage: en\n"
        f"identifier: urn:uuid:{ident}\nscene_break: \"* * *\"\n", encoding="utf-8")
    (out / ".gitignore").write_text(".narrative/\n", encoding="utf-8")
    ids = {kind: _ids(kind, n) for kind, n in _counts(canon).items()}
    for kind, names in ids.items():
        folder = out / "canon" / kind
        folder.mkdir(parents=True)
        for name in names:
            (folder / f"{name}.yaml").write_text(_entity(rng, kind, name, ids), encoding="utf-8")
    for index in range(scenes):
        chapter, number = divmod(index, SCENES_PER_CHAPTER)
        folder = out / "manuscript" / f"{chapter + 1:03d}-chapter-{chapter + 1}"
        if number == 0:
            folder.mkdir(parents=True)
            (folder / "chapter.yaml").write_text(f"title: Chapter {chapter + 1}\nstatus: draft\n", encoding="utf-8")
        (folder / f"{number + 1:02d}-scene-{index}.md").write_text(_scene(rng, index, ids, words), encoding="utf-8")
    if git:
        env_args = ["-c", "user.name=Bench", "-c", "user.email=bench@example.org"]
        subprocess.run(["git", "init", "-q", "--initial-branch=main"], cwd=out, check=True)
        subprocess.run(["git", "add", "-A"], cwd=out, check=True)
        subprocess.run(["git", *env_args, "commit", "-q", "-m", "Generated"], cwd=out, check=True)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--scenes", type=int, default=5000)
    parser.add_argument("--canon", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--words", type=int, default=500, help="words per scene")
    parser.add_argument("--git", action="store_true", help="also make it a Git repository with one commit")
    args = parser.parse_args(argv)
    if args.out.exists():
        print(f"{args.out} exists; choose a new folder", file=sys.stderr)
        return 2
    generate(args.out, args.scenes, args.canon, args.seed, args.words, args.git)
    print(f"wrote {args.out}: {args.scenes} scenes, {args.canon} canon files (seed {args.seed})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The harder case: characters written by one novelist, attributed by narrative itself.

Pride and Prejudice becomes a narrative project (one scene per chapter, a canon
file per character with aliases); narrative's prose layer attributes the
dialogue (tags, pronouns, paragraphs, beats, turns) exactly as for a user's
book, and `narrative_cli.voice` fingerprints each character. Per character the
first 70% of their attributed words train and the rest is cut into unseen
passages. Attribution mistakes stay in: this measures the whole pipeline.

Run:  PYTHONPATH=.:bench python bench/voice_characters.py [--passage 250]
"""

from __future__ import annotations

import argparse
import re
import shutil
from pathlib import Path

from narrative_cli.store.project import load_project
from narrative_cli.voice.delta import VoiceModel
from narrative_cli.voice.report import passages

CAST = {
    "elizabeth": ("Elizabeth Bennet", ["Elizabeth", "Lizzy", "Eliza"], "she"),
    "darcy": ("Fitzwilliam Darcy", ["Mr. Darcy", "Darcy"], "he"),
    "mrs-bennet": ("Mrs. Bennet", [], "she"),
    "mr-bennet": ("Mr. Bennet", [], "he"),
    "jane": ("Jane Bennet", ["Jane", "Miss Bennet"], "she"),
    "bingley": ("Charles Bingley", ["Mr. Bingley", "Bingley"], "he"),
    "collins": ("William Collins", ["Mr. Collins", "Collins"], "he"),
    "lady-catherine": ("Lady Catherine de Bourgh", ["Lady Catherine"], "she"),
    "wickham": ("George Wickham", ["Mr. Wickham", "Wickham"], "he"),
    "lydia": ("Lydia Bennet", ["Lydia"], "she"),
    "miss-bingley": ("Caroline Bingley", ["Miss Bingley"], "she"),
}
CONFIG = ("format: 1\ntitle: Pride and Prejudice\nauthor: Jane Austen\n"
          "identifier: urn:uuid:00000000-0000-4000-8000-000000001342\n")


def build(root: Path) -> Path:
    import voice_rdata as rdata
    from voice_corpus import LIBRARY, fetch

    lines = rdata.lazyload(fetch() / LIBRARY / "janeaustenr" / "data")["prideprejudice"]
    shutil.rmtree(root, ignore_errors=True)
    (root / "canon" / "characters").mkdir(parents=True)
    (root / "narrative.yaml").write_text(CONFIG)
    for ident, (name, aliases, pronoun) in CAST.items():
        alias_text = ", ".join(f'"{a}"' for a in aliases)
        (root / "canon" / "characters" / f"{ident}.yaml").write_text(
            f'name: "{name}"\naliases: [{alias_text}]\ncustom: {{pronouns: {pronoun}}}\n')
    text = "\n".join(lines)
    chapters = re.split(r"\n(?:Chapter \d+)\n", text)[1:]
    folder = root / "manuscript" / "01-pride-and-prejudice"
    folder.mkdir(parents=True)
    for i, body in enumerate(chapters, 1):
        (folder / f"{i:02d}-chapter-{i}.md").write_text(body.replace("_", "*"))
    return root


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--passage", type=int, default=250)
    parser.add_argument("--min-words", type=int, default=1500)
    parser.add_argument("--only", default="", help="comma-separated character ids to compare (default: all)")
    args = parser.parse_args()
    from voice_corpus import CACHE

    project = load_project(build(CACHE / "pride-and-prejudice"))
    words: dict[str, list[str]] = {}
    for p in passages(project):
        words.setdefault(p.character.split("/")[1], []).extend(p.text.split())
    voiced = {k: w for k, w in words.items() if len(w) >= args.min_words}
    if args.only:
        voiced = {k: w for k, w in voiced.items() if k in args.only.split(",")}
    train, test = {}, {}
    for k, w in voiced.items():
        cut = int(len(w) * 0.7)
        train[k] = [" ".join(w[i:i + args.passage]) for i in range(0, cut - args.passage + 1, args.passage)]
        test[k] = [" ".join(w[i:i + args.passage]) for i in range(cut, len(w) - args.passage + 1, args.passage)]
    model = VoiceModel.fit(train, mfw=150)
    total = right = 0
    print("attributed words: " + ", ".join(f"{k} {len(w)}" for k, w in sorted(words.items(), key=lambda x: -len(x[1]))))
    for k, passages_ in test.items():
        hits = sum(model.rank(t)[0]["label"] == k for t in passages_)
        total, right = total + len(passages_), right + hits
        print(f"  {k:<14} {hits}/{len(passages_)} unseen {args.passage}-word passages")
    print(f"{len(test)} characters: {right}/{total} = {100 * right / max(total, 1):.1f}% (chance {100 / len(test):.0f}%)")


if __name__ == "__main__":
    main()

"""Speaker attribution accuracy on hand-annotated chapters of public-domain novels.

The gold projects live in tests/story/voice_gold/<book>/ (chapters copied from
/work/shared/corpus, a canon of the speakers, and gold.tsv: one row per quoted
span, the speaker read by a person). Each quotation the prose layer finds is
matched to its gold row by line and opening words; accuracy counts speech only
(rows marked `-` are not speech, `*` several speakers at once: reported apart).

Kinds, read from the paragraph's tag as the prose layer found it:
  named        a tag names the speaker (`said Alice`, `the March Hare said`)
  pronoun      a pronoun or description tag (`she said`, `said the strong woman`, `said I`)
  untagged     no tag in the paragraph (turns, beats, vocatives, long speeches)

Run:  PYTHONPATH=. python bench/quote_attribution.py [--show-errors]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent / "tests" / "story"
SETS = {  # development chapters (the sieves were written looking at these) and held-out ones
    "dev": (HERE / "voice_gold", ("hound", "alice", "two-cities")),
    "heldout": (HERE / "voice_heldout", ("hound", "two-cities")),
    "blind": (HERE / "voice_blind", ("time-machine", "dracula")),
}
# Scored apart, never pooled into `all` nor floored by a test: chapters annotated by a second
# reader after the code was frozen (gold.tsv has a fourth column, the kind as that reader reads it).
EXTRA_SETS = {
    "blind2": (HERE / "voice_blind2", ("two-cities", "alice")),
}
GOLD = SETS["dev"][0]


def gold_rows(book: str, gold: Path = GOLD) -> list[tuple[int, str, str]]:
    rows = []
    for line in (gold / book / "gold.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        number, opening, speaker = line.split("\t")[:3]
        rows.append((int(number), opening, speaker))
    return rows


def predictions(root: Path) -> list[dict]:
    """One dict per quoted span, read through ProseIndex only, so that an older checkout of
    narrative (PYTHONPATH=/path/to/old) is scored the same way for a before/after figure."""
    from narrative_cli.prose import ProseIndex
    from narrative_cli.store.project import load_project

    project = load_project(root)
    index = ProseIndex(project)
    found = []
    for scene in project.all_scenes():
        prose = index.scene(scene)
        for p in prose.paragraphs:
            parts = prose.quotes_in(p)
            kind = _kind(parts)
            for q in parts:
                found.append({"line": p.where(q.start)[0], "text": q.text, "kind": kind, "how": q.how,
                              "speaker": q.speaker.split("/", 1)[1] if q.speaker else None})
    return found


def _kind(parts: list) -> str:
    """As `narrative voice quotes` reads a paragraph's tag: named, pronoun (he/she/I, descriptions), untagged."""
    for q in parts:
        if q.tag:
            plain = q.tag in ("he", "she", "He", "She", "I") or q.tag[:1].islower() \
                or q.tag.split()[0] in ("A", "An", "The", "His", "Her", "My", "Our", "Their", "This", "That")
            return "pronoun" if plain and q.how != "tag" else "named"
    return "untagged"


def reader_kinds(book: str, gold: Path) -> list[str | None]:
    """The fourth column of gold.tsv when there is one (the annotator's own reading of the tag)."""
    kinds = []
    for line in (gold / book / "gold.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        cells = line.split("\t")
        kinds.append(cells[3] if len(cells) > 3 else None)
    return kinds


def score(book: str, gold_dir: Path = GOLD) -> list[dict]:
    """One dict per gold row: gold speaker, predicted speaker, kind, how, right."""
    import ast

    found = predictions(gold_dir / book)
    by_key: dict[tuple[int, str], list[dict]] = {}
    for q in found:
        by_key.setdefault((q["line"], q["text"][:40]), []).append(q)
    rows = []
    for number, opening, gold in gold_rows(book, gold_dir):
        text = ast.literal_eval(opening)
        match = by_key.get((number, text), [])
        q = match.pop(0) if match else None
        speaker = q["speaker"] if q else None
        rows.append({"book": book, "line": number, "text": text, "gold": gold, "speaker": speaker,
                     "how": q["how"] if q else "missing", "kind": q["kind"] if q else "untagged",
                     "right": speaker == gold})
    for row, kind in zip(rows, reader_kinds(book, gold_dir)):
        row["reader_kind"] = kind
    return rows


def report(rows: list[dict]) -> dict:
    speech = [r for r in rows if r["gold"] not in ("-", "*")]
    out = {"speech": len(speech), "right": sum(r["right"] for r in speech)}
    for kind in ("named", "pronoun", "untagged"):
        part = [r for r in speech if r["kind"] == kind]
        out[kind] = (sum(r["right"] for r in part), len(part))
    other = [r for r in rows if r["gold"] == "-"]
    out["not_speech"] = (sum(r["speaker"] is None for r in other), len(other))
    out["found"] = (sum(r["how"] != "missing" for r in rows), len(rows))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--show-errors", action="store_true")
    parser.add_argument("--set", choices=[*SETS, *EXTRA_SETS, "all"], default="all")
    args = parser.parse_args()
    every = []
    for name in (SETS if args.set == "all" else [args.set] if args.set in SETS else []):
        print(f"== {name}")
        every += run(*SETS[name], args.show_errors)
    if args.set == "all":
        line("all", report(every))
    for name in (EXTRA_SETS if args.set == "all" else [args.set] if args.set in EXTRA_SETS else []):
        print(f"== {name} (second reader, not pooled above)")
        run(*EXTRA_SETS[name], args.show_errors)
    sys.exit(0)


def line(label: str, r: dict) -> None:
    print(f"{label:<11} {r['right']}/{r['speech']} = {100 * r['right'] / r['speech']:.1f}%  "
          + "  ".join(f"{k} {r[k][0]}/{r[k][1]} ({100 * r[k][0] / max(r[k][1], 1):.0f}%)"
                      for k in ("named", "pronoun", "untagged")))


def run(gold_dir: Path, books: tuple[str, ...], show_errors: bool) -> list[dict]:
    every = []
    for book in books:
        start = time.perf_counter()
        rows = score(book, gold_dir)
        elapsed = time.perf_counter() - start
        every += rows
        r = report(rows)
        print(f"{book:<11} {r['right']}/{r['speech']} = {100 * r['right'] / r['speech']:.1f}%  "
              + "  ".join(f"{k} {r[k][0]}/{r[k][1]}" for k in ("named", "pronoun", "untagged"))
              + f"  not speech left unattributed {r['not_speech'][0]}/{r['not_speech'][1]}  ({elapsed:.2f} s)")
        if show_errors:
            for row in rows:
                if not row["right"] and row["gold"] not in ("-", "*"):
                    print(f"    {row['line']:>4} {row['gold']:<11} got {row['speaker']} ({row['how']}, "
                          f"{row['kind']}) {row['text'][:40]!r}")
    line("pooled", report(every))
    r = report(every)
    print(f"{'found':<11} {r['found'][0]}/{r['found'][1]} = {100 * r['found'][0] / max(r['found'][1], 1):.1f}% "
          "of the gold quotations matched by line and opening words")
    if every and all(row.get("reader_kind") for row in every):
        speech = [row for row in every if row["gold"] not in ("-", "*")]
        print("by reader   " + "  ".join(
            f"{k} {sum(x['right'] for x in part)}/{len(part)} ({100 * sum(x['right'] for x in part) / max(len(part), 1):.0f}%)"
            for k in ("named", "pronoun", "untagged")
            for part in [[x for x in speech if x["reader_kind"] == k]]))
    return every


if __name__ == "__main__":
    main()

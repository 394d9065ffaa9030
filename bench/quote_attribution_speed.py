"""How long speaker attribution takes on a long novel.

Builds a project of about 560,000 words from A Tale of Two Cities (the corpus copy,
every chapter repeated --copies times, as new chapters), then times the prose
layer with attribution (every scene's quotes and speakers, what `check`, `voice`
and `brief` read) and `narrative check` end to end.

Run:  PYTHONPATH=. python bench/quote_attribution_speed.py [--copies 4] [--out /tmp/tc-560k]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

CORPUS = Path("/work/shared/corpus/two-cities")


def build(out: Path, copies: int) -> int:
    shutil.rmtree(out, ignore_errors=True)
    (out / "manuscript").mkdir(parents=True)
    shutil.copy(CORPUS / "narrative.yaml", out / "narrative.yaml")
    chapters = sorted(p for p in (CORPUS / "manuscript").iterdir() if p.is_dir())
    n = 0
    for copy in range(copies):
        for chapter in chapters:
            n += 1
            shutil.copytree(chapter, out / "manuscript" / f"{n:03d}-chapter")
    return n


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=4)
    parser.add_argument("--out", type=Path, default=Path("/tmp/tc-560k"))
    args = parser.parse_args()
    chapters = build(args.out, args.copies)
    from narrative_cli.prose import ProseIndex
    from narrative_cli.store.project import load_project

    project = load_project(args.out)
    words = sum(s.words for s in project.all_scenes())
    start = time.perf_counter()
    index = ProseIndex(project)
    quotes = sum(len(index.scene(s).quotes) for s in project.all_scenes())
    prose = time.perf_counter() - start
    print(f"{chapters} chapters, {words:,} words, {quotes:,} quoted spans")
    print(f"prose layer with attribution: {prose:.2f} s")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "narrative_cli", "check", str(args.out)], capture_output=True)
    print(f"narrative check end to end: {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()

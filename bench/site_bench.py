"""`narrative site` on a book of War and Peace's size, and `serve`'s rebuild after a one-scene edit.

    python bench/site_bench.py [--style book|novel] [--words 560000] [--keep DIR]

Generates the book with gen_project.py (book: 365 chapters of 4 scenes, a Git repository, no
canon; novel: 60 chapters of 20 scenes with a cast of ~40 named in the prose and 100 canon files),
then times:
- build: `narrative site` in a new process (wall and CPU of the child), best of 3;
- serve: in one process, what `serve` does on a save: a full build, then one scene's prose
  edited and the fast path (that scene read again, its chapter through the Manuscript builder,
  the chapter and home pages rewritten), best of 5; then the full rebuild that follows it.
The fast path's chapter page is read back and must hold the edit, so a fast wrong answer fails.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def generate(out: Path, style: str, words: int) -> None:
    subprocess.run([sys.executable, str(HERE / "gen_project.py"), str(out), "--style", style, "--words", str(words)],
                   check=True, capture_output=True)
    if not (out / ".git").exists():
        env = {**os.environ, "GIT_AUTHOR_NAME": "B", "GIT_AUTHOR_EMAIL": "b@x", "GIT_COMMITTER_NAME": "B",
               "GIT_COMMITTER_EMAIL": "b@x"}
        for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "bench"]):
            subprocess.run(["git", *args], cwd=out, check=True, env=env)


def time_build(root: Path, site: Path) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "narrative_cli", "site", str(root), "-o", str(site)], check=True,
                   capture_output=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def time_serve(root: Path, site: Path) -> tuple[list[float], float]:
    from narrative_cli.site.rebuild import Rebuilder

    rebuilder = Rebuilder(root, site)
    rebuilder.full()
    scene = sorted((root / "manuscript").rglob("*.md"))[len(list((root / "manuscript").rglob("*.md"))) // 2]
    rel = str(scene.relative_to(root))
    fast = []
    for i in range(5):
        scene.write_text(scene.read_text(encoding="utf-8") + f"\nA bench sentence number {i}.\n", encoding="utf-8")
        started = time.perf_counter()
        written = rebuilder.fast([rel])
        fast.append(time.perf_counter() - started)
        info = rebuilder.data.scenes[rel]
        page = (site / info.url.split("#")[0]).read_text(encoding="utf-8")
        assert written and f"A bench sentence number {i}." in page, "the fast path lost the edit"
    started = time.perf_counter()
    rebuilder.full()
    return fast, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--style", default="book", choices=("book", "novel"))
    parser.add_argument("--words", type=int, default=560000)
    parser.add_argument("--keep", type=Path)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="site-bench-"))
    root = args.keep or work / "book"
    if not root.exists():
        generate(root, args.style, args.words)
    try:
        builds = [time_build(root, work / f"site-{i}") for i in range(3)]
        wall, cpu = min(builds)
        print(f"site build ({args.style}, {args.words:,} words): best wall {wall:.2f} s, CPU {cpu:.2f} s "
              f"(all: {', '.join(f'{w:.2f}/{c:.2f}' for w, c in builds)})")
        fast, full = time_serve(root, work / "site-serve")
        print(f"serve after a one-scene edit: fast path best {min(fast) * 1000:.0f} ms "
              f"(all: {', '.join(f'{t * 1000:.0f}' for t in fast)} ms); full rebuild after it {full:.2f} s")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

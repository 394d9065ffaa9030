"""Time `narrative search` on a generated 560,000-word project, as a user runs it (a new process each time).

    python bench/search_speed.py [--root /tmp/big] [--runs 5]

Three situations: cold (no index yet: load, parse every scene, write the
cache), warm (nothing changed: the cached index is read), and one scene edited
(the project is loaded again, only that scene is re-parsed). The target is a
warm search under 0.5 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
QUERIES = [
    ("words", ["lantern harbor"]),
    ("phrase", ["port verrin", "--phrase"]),
    ("regex", [r"\bsalt (road|pans)\b", "--regex"]),
    ("filtered", ["oath", "--chapter", "30", "--status", "final"]),
    ("json", ["cipher", "--format", "json", "--limit", "1000"]),
]


CPU: list[float] = []  # CPU seconds of each run: unlike wall time, not inflated by other jobs


def run(root: Path, args: list[str]) -> float:
    import resource

    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "narrative_cli", "search", *args], cwd=root, env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return wall


def words(root: Path) -> int:
    sys.path.insert(0, str(REPO))
    from narrative_cli.insight.text import count_words
    from narrative_cli.store.project import load_project

    return sum(count_words(s.body) for s in load_project(root).all_scenes())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, help="an existing generated project (default: generate one)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    root = args.root
    if root is None:
        root = Path(tempfile.mkdtemp(prefix="narrative-big-")) / "big"
        subprocess.run([sys.executable, str(REPO / "bench" / "gen_project.py"), str(root), "--style", "novel"],
                       check=True)
    print(f"project: {root} ({words(root):,} words of prose); load average {os.getloadavg()[0]:.1f}")
    shutil.rmtree(root / ".narrative", ignore_errors=True)
    print(f"cold (no index):      {run(root, ['tide']):.2f} s")
    scene = next((root / "manuscript").glob("*/01-*.md"))
    for name, query in QUERIES:
        CPU.clear()
        times = [run(root, query) for _ in range(args.runs)]
        print(f"warm {name:<9}        median {statistics.median(times):.3f} s  max {max(times):.3f} s"
              f"  (cpu median {statistics.median(CPU):.3f} s)")
    edits = []
    for i in range(args.runs):
        scene.write_text(scene.read_text() + f"\nAn edit number {i}.\n")
        edits.append(run(root, ["lantern harbor"]))
    print(f"after editing a scene: median {statistics.median(edits):.2f} s")


if __name__ == "__main__":
    main()

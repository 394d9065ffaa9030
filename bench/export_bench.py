"""Time `narrative export epub|docx` against pandoc on the same text, side by side in one run.

    python bench/export_bench.py               # both generated books, median of 5
    python bench/export_bench.py --runs 3 --only novel-100k

Projects come from bench/gen_project.py --style book (made here when missing). pandoc reads
the same book as one Markdown file (`narrative export md`, not timed) and writes
the same format with a table of contents and smart typography (its default).
Wall time and peak resident memory are measured per process (os.wait4). narrative's
bytecode is compiled first, as `pip install` does: with PYTHONDONTWRITEBYTECODE set (some
containers do) every run would otherwise compile edited modules from source again.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from gen_project import OUT, generate_book  # noqa: E402

BOOKS = {"war-and-peace": (560_000, 365), "novel-100k": (100_000, 60)}


def measure(cmd: list[str]) -> tuple[float, float]:
    """(seconds, peak MiB) of one process."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "CI": "true"}
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}")
    return elapsed, usage.ru_maxrss / 1024


def commands(root: Path, out: Path) -> dict[str, list[str]]:
    # what the `narrative` console script runs (pip writes it); `python -m` would add runpy's imports
    narrative = [sys.executable, "-c", "from narrative_cli.entry import main; main()", "export"]
    title = f"--metadata=title:{root.name}"
    return {
        "narrative epub": [*narrative, "epub", str(root), "-o", str(out / "n.epub"), "--quiet"],
        "pandoc epub": ["pandoc", str(out / "book.md"), "-t", "epub3", "--toc", title, "-o", str(out / "p.epub")],
        "narrative docx": [*narrative, "docx", str(root), "-o", str(out / "n.docx"), "--quiet"],
        "pandoc docx": ["pandoc", str(out / "book.md"), "-t", "docx", "--toc", title, "-o", str(out / "p.docx")],
    }


def bench(name: str, runs: int) -> list[str]:
    words, chapters = BOOKS[name]
    root = OUT / name
    if not root.is_dir():
        generate_book(root, words, chapters)
    out = OUT / f"{name}-results"
    out.mkdir(exist_ok=True)
    subprocess.run([sys.executable, "-m", "narrative_cli", "export", "md", str(root), "-o", str(out / "book.md"),
                    "--quiet"], env={**os.environ, "PYTHONPATH": str(REPO)}, check=True)
    cmds = commands(root, out)
    times: dict[str, list[float]] = {k: [] for k in cmds}
    peaks: dict[str, float] = {k: 0.0 for k in cmds}
    for _ in range(runs):  # interleaved, so load on the machine hits every tool alike
        for label, cmd in cmds.items():
            seconds, peak = measure(cmd)
            times[label].append(seconds)
            peaks[label] = max(peaks[label], peak)
    med = {k: statistics.median(v) for k, v in times.items()}
    rows = []
    for fmt in ("epub", "docx"):
        ours, theirs = med[f"narrative {fmt}"], med[f"pandoc {fmt}"]
        rows.append(f"| {name} | {fmt} | {ours:.3f} s | {peaks[f'narrative {fmt}']:.0f} MiB | {theirs:.3f} s | "
                    f"{peaks[f'pandoc {fmt}']:.0f} MiB | {ours / theirs:.3f}x |")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", choices=sorted(BOOKS))
    args = parser.parse_args()
    if not shutil.which("pandoc"):
        raise SystemExit("pandoc is not installed (apt-get install -y pandoc)")
    compileall.compile_dir(str(REPO / "narrative_cli"), quiet=1)
    print("| book | format | narrative (median) | narrative peak | pandoc (median) | pandoc peak | ratio |")
    print("|---|---|---|---|---|---|---|")
    for name in ([args.only] if args.only else list(BOOKS)):
        for row in bench(name, args.runs):
            print(row, flush=True)


if __name__ == "__main__":
    main()

"""Time `narrative import BOOK.docx` against `pandoc BOOK.docx -t markdown` on the same DOCX.

    python bench/import_bench.py               # War and Peace's size, median of 5
    python bench/import_bench.py --runs 3 --only novel-100k

The DOCX is narrative's own export of a bench/gen_project.py --style book project (made here
when missing, not timed). narrative's run is the whole command: reading and checking the zip,
parsing the XML, finding chapters and scenes, creating the project (`narrative init`'s template,
validation, two Git commits) and renaming it into place. pandoc only converts to one Markdown
file. Wall time and peak resident memory per process (os.wait4), runs interleaved.
"""

from __future__ import annotations

import argparse
import compileall
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from export_bench import BOOKS, measure  # noqa: E402
from gen_project import OUT, generate_book  # noqa: E402


def docx_for(name: str) -> Path:
    words, chapters = BOOKS[name]
    root = OUT / name
    if not (root / "narrative.yaml").exists():
        generate_book(root, words, chapters, seed=1)
    out = OUT / f"{name}-import"
    out.mkdir(parents=True, exist_ok=True)
    docx = out / f"{name}.docx"
    if not docx.exists():
        subprocess.run([sys.executable, "-m", "narrative_cli", "export", "docx", "--project", str(root), "-o", str(docx),
                        "--quiet"], check=True, cwd=REPO, env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
    return docx


def bench(name: str, runs: int) -> str:
    docx = docx_for(name)
    work = docx.parent
    narrative = [sys.executable, "-c", "from narrative_cli.entry import main; main()", "import", str(docx)]
    pandoc = ["pandoc", str(docx), "-t", "markdown", "-o", str(work / "p.md")]
    times: dict[str, list[float]] = {"narrative": [], "pandoc": []}
    peaks: dict[str, float] = {"narrative": 0.0, "pandoc": 0.0}
    for _ in range(runs):
        dest = work / "imported"
        shutil.rmtree(dest, ignore_errors=True)
        for tool, cmd in (("narrative", narrative + [str(dest)]), ("pandoc", pandoc)):
            seconds, peak = measure(cmd)
            times[tool].append(seconds)
            peaks[tool] = max(peaks[tool], peak)
    ours, theirs = statistics.median(times["narrative"]), statistics.median(times["pandoc"])
    size = docx.stat().st_size / 2**20
    return (f"| {name} ({size:.1f} MiB DOCX) | {ours:.3f} s | {peaks['narrative']:.0f} MiB | {theirs:.3f} s | "
            f"{peaks['pandoc']:.0f} MiB | {ours / theirs:.3f}x |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", choices=sorted(BOOKS))
    args = parser.parse_args()
    if not shutil.which("pandoc"):
        raise SystemExit("pandoc is not installed (apt-get install -y pandoc)")
    compileall.compile_dir(str(REPO / "narrative_cli"), quiet=1)
    print("| book | narrative import (median) | peak | pandoc -t markdown (median) | peak | ratio |")
    print("|---|---|---|---|---|---|")
    for name in [args.only] if args.only else list(BOOKS):
        print(bench(name, args.runs), flush=True)


if __name__ == "__main__":
    main()

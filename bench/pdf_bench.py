"""Time `narrative export pdf` (Typst) against WeasyPrint on the same book, side by side in one run.

    pip install weasyprint           # into the venv, for this bench only (not a dependency)
    python bench/pdf_bench.py                  # War and Peace's size, median of 3
    python bench/pdf_bench.py --runs 1 --only novel-100k

The book comes from bench/gen_project.py --style book (made here when missing). WeasyPrint
reads the same text as one HTML file made from narrative's own EPUB chapters (not timed),
with a print stylesheet asking for what the Typst interior does: a 6x9 page, mirrored
margins, the same shipped font, justified and hyphenated text, chapters on right-hand pages,
running heads and folios. Wall time and peak resident memory per process (os.wait4).
"""

from __future__ import annotations

import argparse
import compileall
import re
import shutil
import statistics
import subprocess
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from export_bench import BOOKS, measure  # noqa: E402
from gen_project import OUT, generate_book  # noqa: E402

FONTS = REPO / "templates" / "print" / "fonts"
CSS = """
@font-face { font-family: Lib; src: url("%(fonts)s/LinLibertine_R.otf"); }
@font-face { font-family: Lib; font-style: italic; src: url("%(fonts)s/LinLibertine_RI.otf"); }
@font-face { font-family: Lib; font-weight: bold; src: url("%(fonts)s/LinLibertine_RB.otf"); }
@font-face { font-family: Lib; font-weight: bold; font-style: italic; src: url("%(fonts)s/LinLibertine_RBI.otf"); }
@page { size: 6in 9in; margin: 0.775in 0.65in 0.775in 0.75in;
        @top-center { content: string(head); font: 9pt Lib; font-variant: small-caps; } }
@page :left { margin-left: 0.65in; margin-right: 0.75in; @top-left { content: counter(page); font: 9pt Lib; } }
@page :right { margin-left: 0.75in; margin-right: 0.65in; @top-right { content: counter(page); font: 9pt Lib; } }
@page chapter-open { @top-center { content: none; } @top-left { content: none; } @top-right { content: none; } }
html { font: 11pt/1.36 Lib; hyphens: auto; text-align: justify; orphans: 2; widows: 2; }
section { break-before: right; }
h1 { page: chapter-open; margin-top: 1.8in; text-align: center; font-weight: normal; string-set: head content(); }
p { margin: 0; text-indent: 1.2em; }
h1 + p, hr + p { text-indent: 0; }
hr { border: 0; text-align: center; margin: 1em 0; } hr::after { content: "* * *"; }
blockquote { margin: 0.9em 1.5em; }
"""


def weasy_html(root: Path, out: Path) -> Path:
    """The book as one HTML file from narrative's EPUB chapters (setup, not timed)."""
    epub = out / "book.epub"
    subprocess.run([sys.executable, "-m", "narrative_cli", "export", "epub", str(root), "-o", str(epub), "--quiet"],
                   env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"}, check=True)
    with zipfile.ZipFile(epub) as archive:
        names = sorted(n for n in archive.namelist() if re.search(r"text/chapter-\d+\.xhtml$", n))
        bodies = [re.search(r"<body[^>]*>(.*)</body>", archive.read(n).decode(), re.S).group(1) for n in names]
    html = out / "book.html"
    html.write_text(f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"/><style>{CSS % {"fonts": FONTS}}'
                    f'</style></head><body>{"".join(bodies)}</body></html>', encoding="utf-8")
    return html


def bench(name: str, runs: int) -> str:
    words, chapters = BOOKS[name]
    root = OUT / name
    if not root.is_dir():
        generate_book(root, words, chapters)
    out = OUT / f"{name}-pdf"
    out.mkdir(exist_ok=True)
    html = weasy_html(root, out)
    weasyprint = shutil.which("weasyprint", path=str(Path(sys.executable).parent)) or shutil.which("weasyprint")
    if not weasyprint:
        raise SystemExit("WeasyPrint is not installed: pip install weasyprint (bench only)")
    narrative = [sys.executable, "-c", "from narrative_cli.entry import main; main()", "export"]
    cmds = {"narrative": [*narrative, "pdf", str(root), "-o", str(out / "n.pdf"), "--quiet"],
            "weasyprint": [weasyprint, str(html), str(out / "w.pdf")]}
    times: dict[str, list[float]] = {k: [] for k in cmds}
    peaks = {k: 0.0 for k in cmds}
    for _ in range(runs):  # interleaved, so load on the machine hits both alike
        for label, cmd in cmds.items():
            seconds, peak = measure(cmd)
            times[label].append(seconds)
            peaks[label] = max(peaks[label], peak)
            print(f"  {label}: {seconds:.2f} s, {peak:.0f} MiB", file=sys.stderr, flush=True)
    ours, theirs = statistics.median(times["narrative"]), statistics.median(times["weasyprint"])
    pages = [_pages(out / f) for f in ("n.pdf", "w.pdf")]
    return (f"| {name} | {ours:.2f} s | {peaks['narrative']:.0f} MiB | {pages[0]} | {theirs:.2f} s | "
            f"{peaks['weasyprint']:.0f} MiB | {pages[1]} | {ours / theirs:.3f}x |")


def _pages(pdf: Path) -> int:
    found = re.search(rb"/Type\s*/Pages\b(?:(?!>>).)*?/Count\s+(\d+)", re.S, pdf.read_bytes())
    return int(found.group(1)) if found else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", choices=sorted(BOOKS))
    args = parser.parse_args()
    compileall.compile_dir(str(REPO / "narrative_cli"), quiet=1)
    print("| book | narrative pdf (median) | peak | pages | WeasyPrint (median) | peak | pages | ratio |")
    print("|---|---|---|---|---|---|---|---|")
    for name in ([args.only] if args.only else ["war-and-peace"]):
        print(bench(name, args.runs), flush=True)


if __name__ == "__main__":
    main()

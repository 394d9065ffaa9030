"""Rank `narrative suggest` on a real novel with an empty canon: do the main characters come first?

The text is Jane Austen's *Pride and Prejudice* (public domain) from the Debian
package r-cran-janeaustenr, fetched with the ordinary Debian client, no web
access needed beyond the Debian mirror:

    cd /tmp && apt-get download r-cran-janeaustenr
    python bench/suggest_novel.py /tmp/r-cran-janeaustenr_*.deb

The package stores each novel as an R character vector (one element per line)
in a lazy-load database (data/Rdata.rdx + Rdata.rdb). bench/voice_rdata.py reads
it without R. The script turns the book into a
narrative project (one chapter folder and one scene per chapter, empty canon),
runs `suggest` through the CLI's core, times it and scores the top 10 against
the cast and places of the novel listed here by hand.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

# Named people and places of Pride and Prejudice (a suggestion naming any of them is correct).
TRUTH = set("""Elizabeth Darcy Bingley Jane Bennet Wickham Collins Lydia Kitty Catherine Charlotte Lucas Gardiner
Mary Hurst Georgiana Fitzwilliam Phillips Denny Forster Lizzy Eliza Caroline Louisa Anne Bourgh Jenkinson Reynolds
William Maria Longbourn Netherfield Pemberley Meryton Rosings Hunsford Lambton Brighton London Hertfordshire
Derbyshire Kent Bath Scotland Gracechurch Ramsgate Oakham Bromley Pratt Chamberlayne Harriet Long Watson
Lady Mrs Mr Miss Sir Colonel""".split())
MAIN = {"Elizabeth", "Darcy", "Bingley", "Jane", "Bennet", "Wickham", "Collins", "Lydia", "Catherine"}


def read_novel(deb: Path, name: str = "prideprejudice") -> list[str]:
    import voice_rdata  # the one R data reader of bench/

    with tempfile.TemporaryDirectory(prefix="austen-") as out:
        subprocess.run(["dpkg-deb", "-x", str(deb), out], check=True)
        folder = next(Path(out).rglob("janeaustenr/data/Rdata.rdx")).parent
        return voice_rdata.lazyload(folder)[name]


def write_project(lines: list[str], root: Path) -> int:
    """One chapter folder per "Chapter N" heading, the chapter as one scene; returns the chapter count."""
    root.mkdir(parents=True)
    (root / "narrative.yaml").write_text("format: 1\ntitle: Pride and Prejudice\nauthor: Jane Austen\n"
                                         "identifier: urn:uuid:00000000-0000-4000-8000-000000001342\n")
    chapters: list[list[str]] = []
    for line in lines:
        if re.fullmatch(r"(?i)chapter [0-9ivxlc]+\.?", line.strip()):
            chapters.append([])
        elif chapters:
            chapters[-1].append(line)
    for n, body in enumerate(chapters, 1):
        folder = root / "manuscript" / f"{n:02d}-chapter-{n}"
        folder.mkdir(parents=True)
        (folder / "01-text.md").write_text("\n".join(body).strip() + "\n")
    return len(chapters)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("deb", type=Path, help="r-cran-janeaustenr_*.deb from `apt-get download`")
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--novel", default="prideprejudice",
                        help="prideprejudice (scored) or emma, persuasion, mansfieldpark, northangerabbey, "
                             "sensesensibility (listed for scoring by eye)")
    args = parser.parse_args()
    from narrative_cli.insight.suggest import suggest
    from narrative_cli.store.project import load_project

    with tempfile.TemporaryDirectory(prefix="novel-") as tmp:
        root = Path(tmp) / "novel"
        chapters = write_project(read_novel(args.deb, args.novel), root)
        start = time.perf_counter()
        result = suggest(load_project(root))
        elapsed = time.perf_counter() - start
    top = result["entities"][:args.top]
    if args.novel != "prideprejudice":
        print(f"{chapters} chapters, suggest took {elapsed:.2f} s")
        for i, e in enumerate(top, 1):
            print(f"{i:2d}. {e['name']:<22} {e['kind']:<10} {e['count']:>4}")
        return
    right = [e for e in top if set(e["name"].replace(".", "").split()) & (TRUTH - {"Lady", "Mrs", "Mr", "Miss", "Sir", "Colonel"})]
    print(f"{chapters} chapters, suggest took {elapsed:.2f} s, {len(result['entities'])} suggestions")
    for i, e in enumerate(top, 1):
        mark = "ok " if e in right else "-- "
        print(f"{i:2d}. {mark}{e['name']:<22} {e['kind']:<10} {e['count']:>4}  first {e['first']['path']}:{e['first']['line']}")
    print(f"precision@{args.top}: {len(right)}/{len(top)}")
    first5 = [e["name"] for e in top[:5]]
    print("top 5 all main characters:", all(set(n.replace(".", "").split()) & MAIN for n in first5))


if __name__ == "__main__":
    main()

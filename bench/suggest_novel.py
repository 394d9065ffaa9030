"""Rank `narrative suggest` on a real novel with an empty canon: do the main characters come first?

The text is Jane Austen's *Pride and Prejudice* (public domain) from the Debian
package r-cran-janeaustenr, fetched with the ordinary Debian client, no web
access needed beyond the Debian mirror:

    cd /tmp && apt-get download r-cran-janeaustenr
    python bench/suggest_novel.py /tmp/r-cran-janeaustenr_*.deb

The package stores each novel as an R character vector (one element per line)
in a lazy-load database (data/Rdata.rdx + Rdata.rdb). The few lines of R
unserialisation below read it without R. The script turns the book into a
narrative project (one chapter folder and one scene per chapter, empty canon),
runs `suggest` through the CLI's core, times it and scores the top 10 against
the cast and places of the novel listed here by hand.
"""

from __future__ import annotations

import argparse
import gzip
import re
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

# Named people and places of Pride and Prejudice (a suggestion naming any of them is correct).
TRUTH = set("""Elizabeth Darcy Bingley Jane Bennet Wickham Collins Lydia Kitty Catherine Charlotte Lucas Gardiner
Mary Hurst Georgiana Fitzwilliam Phillips Denny Forster Lizzy Eliza Caroline Louisa Anne Bourgh Jenkinson Reynolds
William Maria Longbourn Netherfield Pemberley Meryton Rosings Hunsford Lambton Brighton London Hertfordshire
Derbyshire Kent Bath Scotland Gracechurch Ramsgate Oakham Bromley Pratt Chamberlayne Harriet Long Watson
Lady Mrs Mr Miss Sir Colonel""".split())
MAIN = {"Elizabeth", "Darcy", "Bingley", "Jane", "Bennet", "Wickham", "Collins", "Lydia", "Catherine"}


class RReader:
    """Just enough of R's XDR serialisation for character vectors and named lists."""

    def __init__(self, data: bytes):
        self.data, self.pos, self.refs = data, 0, []
        assert data[:2] == b"X\n", "not an XDR R serialisation"
        self.pos = 2
        version = self.int()
        self.int(), self.int()
        if version == 3:
            skip = self.int()  # the native encoding's name
            self.pos += skip

    def int(self) -> int:
        (value,) = struct.unpack_from(">i", self.data, self.pos)
        self.pos += 4
        return value

    def item(self):
        flags = self.int()
        kind, has_attr, has_tag = flags & 0xFF, flags & (1 << 9), flags & (1 << 10)
        if kind in (254, 242):  # NILVALUE, empty env
            return None
        if kind == 255:  # a reference to an earlier symbol
            return self.refs[(flags >> 8) - 1]
        if kind == 1:  # symbol
            name = self.item()
            self.refs.append(name)
            return name
        if kind == 9:  # CHARSXP
            n = self.int()
            text = None if n == -1 else self.data[self.pos:self.pos + n].decode("utf-8", "replace")
            self.pos += max(n, 0)
            return text
        if kind == 2:  # pairlist: attributes
            attr = self.item() if has_attr else None
            tag = self.item() if has_tag else None
            head, rest = self.item(), self.item()
            return [(tag, head)] + (rest or []) if attr is None else [(tag, head)] + (rest or [])
        n = self.int()
        if kind == 16:
            value = [self.item() for _ in range(n)]
        elif kind == 19:
            value = [self.item() for _ in range(n)]
        elif kind in (10, 13):
            value = list(struct.unpack_from(f">{n}i", self.data, self.pos))
            self.pos += 4 * n
        elif kind == 14:
            value = list(struct.unpack_from(f">{n}d", self.data, self.pos))
            self.pos += 8 * n
        else:
            raise ValueError(f"R type {kind} not supported")
        if has_attr:
            attrs = dict(self.item())
            if "names" in attrs and kind == 19:
                return dict(zip(attrs["names"], value))
        return value


def read_novel(deb: Path, name: str = "prideprejudice") -> list[str]:
    with tempfile.TemporaryDirectory(prefix="austen-") as out:
        subprocess.run(["dpkg-deb", "-x", str(deb), out], check=True)
        base = next(Path(out).rglob("janeaustenr/data/Rdata.rdx")).with_suffix("")
        index = RReader(gzip.decompress(base.with_suffix(".rdx").read_bytes())).item()
        offset, length = (int(v) for v in index["variables"][name])
        chunk = base.with_suffix(".rdb").read_bytes()[offset:offset + length]
    return RReader(zlib.decompress(chunk[4:])).item()


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

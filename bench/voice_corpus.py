"""Public-domain voices for the voice benchmark, fetched the same way every time, offline.

Source: Debian's packaged R data sets (no R needed; bench/voice_rdata.py reads them):
  apt-get download r-cran-janeaustenr r-cran-tokenizers r-cran-wordcloud   (after `apt-get update` on a fresh machine)
- Jane Austen: the six novels (janeaustenr)           -> the dialogue, in quotes
- Herman Melville: Moby-Dick (tokenizers::mobydick)    -> the dialogue, in quotes
- Barack Obama: State of the Union 2010 and 2011 (wordcloud::SOTU) -> speech
Quoted dialogue is cut out with narrative's own prose layer (narrative_cli.prose).
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from narrative_cli.prose.dialogue import quotes
from narrative_cli.prose.text import Paragraph

PACKAGES = ("r-cran-janeaustenr", "r-cran-tokenizers", "r-cran-wordcloud")
CACHE = Path(os.environ.get("NARRATIVE_BENCH_CACHE", Path.home() / ".cache" / "narrative-bench"))
LIBRARY = "usr/lib/R/site-library"


def fetch() -> Path:
    """The unpacked packages (downloaded once with apt-get download, then reused)."""
    root = CACHE / "voice"
    unpacked = root / "x"
    if all((unpacked / LIBRARY / p.removeprefix("r-cran-")).is_dir() for p in PACKAGES):
        return unpacked
    root.mkdir(parents=True, exist_ok=True)
    try:
        subprocess.run(["apt-get", "download", *PACKAGES], cwd=root, check=True, capture_output=True, text=True)
    except (OSError, subprocess.CalledProcessError) as exc:
        detail = getattr(exc, "stderr", "") or str(exc)
        raise SystemExit(f"cannot fetch {', '.join(PACKAGES)} with apt-get download (Debian/Ubuntu; "
                         f"run `apt-get update` first): {detail.strip()}") from None
    for deb in root.glob("*.deb"):
        subprocess.run(["dpkg-deb", "-x", str(deb), str(unpacked)], check=True)
    return unpacked


def dialogue(text: str) -> str:
    """The quoted speech of a novel, paragraph by paragraph, in reading order."""
    spoken = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
        paragraph = Paragraph(0, " ".join(block.split()), 1)
        spoken += [q.text for q in quotes(paragraph) if q.closed]
    return "\n".join(spoken)


def voices() -> dict[str, str]:
    import voice_rdata as rdata

    lib = fetch() / LIBRARY
    austen = rdata.lazyload(lib / "janeaustenr" / "data")
    order = ("sensesensibility", "prideprejudice", "mansfieldpark", "emma", "northangerabbey", "persuasion")
    melville = rdata.lazyload(lib / "tokenizers" / "data")["mobydick"]["mobydick"]
    sotu = rdata.rdata(lib / "wordcloud" / "data" / "SOTU.RData")["SOTU"]
    speeches = [doc["content"] for doc in sotu["content"]] if isinstance(sotu, dict) else []
    return {
        "austen": "\n".join(dialogue("\n".join(austen[name])) for name in order),
        "melville": dialogue(melville),
        "obama": "\n".join("\n".join(s) if isinstance(s, list) else s for s in speeches),
    }

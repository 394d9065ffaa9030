"""Time `narrative check` on a big project: the example's scenes copied into many chapters.

Run:  PYTHONPATH=. python bench/story_check_speed.py [--chapters 100] [--out /tmp/big-salt-road]
Dates are shifted by ten years per copy (flashbacks keep theirs) so the copies stay a
consistent story: the expected result is "no problems found".
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "the-salt-road"


def build(out: Path, chapters: int) -> int:
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(EXAMPLE, out)
    shutil.rmtree(out / "manuscript")
    scenes = sorted((EXAMPLE / "manuscript").glob("*/*.md"))
    count = 0
    for c in range(1, chapters + 1):
        folder = out / "manuscript" / f"{c:03d}-part"
        folder.mkdir(parents=True)
        for s, scene in enumerate(scenes, 1):
            text = scene.read_text()
            if "flashback: true" not in text:  # flashbacks keep their date, before Ines's death
                text = re.sub(r'when: "(\d+)-', lambda m: f'when: "{int(m.group(1)) + 10 * c}-', text)
            (folder / f"{s:02d}-scene.md").write_text(text)
            count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--chapters", type=int, default=100)
    parser.add_argument("--out", type=Path, default=Path("/tmp/big-salt-road"))
    args = parser.parse_args()
    scenes = build(args.out, args.chapters)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "narrative_cli", "check", str(args.out)],
                          capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    last = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr.strip()[-200:]
    print(f"{scenes} scenes: narrative check in {elapsed:.1f} s, exit {done.returncode}: {last}")


if __name__ == "__main__":
    main()

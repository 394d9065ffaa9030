"""`narrative progress` on a long generated history: cold, warm, and after one new commit.

    python bench/progress_bench.py [--commits 5000] [--days 400] [--keep DIR]

Builds a project whose history has COMMITS commits spread over DAYS days (git
fast-import: seconds, not minutes), each adding 5-70 words to one of 200 scenes
(one in seven removing up to 40), drafted front to back with revisits, by one
of three authors: about a novel's length at the end. Then times:
- cold: `narrative progress` with no cache (every commit diffed and counted);
- warm: again, with the cache;
- +1 commit: one more commit by `git commit`, then `narrative progress`;
each as the wall time of a new process, best of 3, plus the in-process time of
history_words() alone. The totals are checked against the words the generator
wrote, so a fast wrong answer fails the bench.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

AUTHORS = (("Ada Quill", "ada@example.org"), ("Bo Stone", "bo@example.org"), ("Cy Marsh", "cy@example.org"))
CONFIG = ("format: 1\ntitle: Bench\nauthor: Ada Quill\nidentifier: urn:uuid:00000000-0000-4000-8000-00000000beef\n"
          "word_target: 200000\nprogress:\n  deadline: 2027-12-31\n  daily: 500\n")


def build(root: Path, commits: int, days: int, seed: int = 7) -> int:
    """Write the history; return the manuscript's word count at HEAD."""
    rng = random.Random(seed)
    root.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", "--initial-branch=main"], cwd=root, check=True)
    (root / ".gitignore").write_text(".narrative/\n")
    scenes: dict[str, list[str]] = {}
    start = dt.datetime(2025, 1, 6, 9, 0, tzinfo=dt.timezone.utc)
    stream = []
    for i in range(commits):
        # drafting runs front to back through 40 chapters of 5 scenes; one commit in five revisits an earlier one
        at = i * 200 // commits if rng.random() < 0.8 else rng.randint(0, i * 200 // commits)
        rel = f"manuscript/{at // 5 + 1:02d}-chapter/{at % 5 + 1:02d}-scene.md"
        words = scenes.setdefault(rel, [])
        if words and rng.random() < 0.15:
            del words[-rng.randint(1, min(len(words), 40)):]
        else:
            words.extend(f"word{rng.randint(0, 999)}" for _ in range(rng.randint(5, 70)))
        name, email = AUTHORS[i % 3]
        when = int((start + dt.timedelta(minutes=i * days * 24 * 60 // commits)).timestamp())
        body = "---\ntitle: Scene\nstatus: draft\n---\n" + " ".join(words) + "\n"
        files = {rel: body}
        if i == 0:
            files["narrative.yaml"] = CONFIG
            files[".gitignore"] = ".narrative/\n"
        stream.append(_commit(i, name, email, when, files))
    data = "".join(stream).encode("utf-8")
    subprocess.run(["git", "fast-import", "--quiet"], cwd=root, input=data, check=True)
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=root, check=True)
    return sum(len(w) for w in scenes.values())


def _commit(i: int, name: str, email: str, when: int, files: dict[str, str]) -> str:
    message = f"Write {i}\n"
    out = [f"commit refs/heads/main\nmark :{i + 1}\nauthor {name} <{email}> {when} +0000\n"
           f"committer {name} <{email}> {when} +0000\ndata {len(message.encode())}\n{message}"]
    if i:
        out.append(f"from :{i}\n")
    for rel, text in files.items():
        raw = text.encode("utf-8")
        out.append(f"M 100644 inline {rel}\ndata {len(raw)}\n{text}\n")
    return "".join(out)


def timed(args: list[str], cwd: Path, runs: int = 3) -> tuple[float, str]:
    best, out = 1e9, ""
    for _ in range(runs):
        t = time.perf_counter()
        done = subprocess.run(args, cwd=cwd, capture_output=True, text=True)
        best = min(best, time.perf_counter() - t)
        if done.returncode != 0:
            sys.exit(done.stderr)
        out = done.stdout
    return best, out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--commits", type=int, default=5000)
    parser.add_argument("--days", type=int, default=400)
    parser.add_argument("--keep", type=Path)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp())
    root = args.keep or tmp / "book"
    t = time.perf_counter()
    expected = build(root, args.commits, args.days)
    print(f"built {args.commits} commits over {args.days} days in {time.perf_counter() - t:.1f} s; "
          f"{expected:,} words at HEAD")
    exe = [shutil.which("narrative") or sys.exit("narrative is not installed"), "progress", "-f", "json"]
    cache = root / ".narrative" / "progress-cache.json"

    import json

    cold = []
    for _ in range(3):
        cache.unlink(missing_ok=True)
        cold.append(timed(exe, root, runs=1)[0])
    warm, out = timed(exe, root)
    assert json.loads(out)["words"] == expected, "the total differs from the words the generator wrote"
    added = []
    for n in range(3):
        scene = root / "manuscript" / "40-chapter" / "05-scene.md"
        scene.write_text(scene.read_text() + " ".join(["more"] * 100) + "\n")
        subprocess.run(["git", "commit", "-qam", f"one more {n}"], cwd=root, check=True,
                       env={**os.environ, "GIT_AUTHOR_NAME": "Ada Quill", "GIT_AUTHOR_EMAIL": "ada@example.org",
                            "GIT_COMMITTER_NAME": "Ada Quill", "GIT_COMMITTER_EMAIL": "ada@example.org"})
        took, out = timed(exe, root, runs=1)
        added.append(took)
        assert json.loads(out)["words"] == expected + 100 * (n + 1)

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from narrative_cli.history.progress import history_words

    cache.unlink(missing_ok=True)
    t = time.perf_counter()
    history_words(root)
    core_cold = time.perf_counter() - t
    t = time.perf_counter()
    history_words(root)
    core_warm = time.perf_counter() - t
    scene = root / "manuscript" / "40-chapter" / "05-scene.md"
    scene.write_text(scene.read_text() + "last words\n")
    subprocess.run(["git", "commit", "-qam", "last"], cwd=root, check=True)
    t = time.perf_counter()
    assert history_words(root)[-1].words == 2
    core_added = time.perf_counter() - t
    floor, _ = timed([exe[0], "--version"], root)
    print(f"narrative progress, cold (no cache):   {min(cold):.3f} s  (runs: {', '.join(f'{c:.3f}' for c in cold)})")
    print(f"narrative progress, warm:              {warm:.3f} s")
    print(f"narrative progress, after +1 commit:   {min(added):.3f} s  (runs: {', '.join(f'{a:.3f}' for a in added)})")
    print(f"history_words() in-process: cold {core_cold:.3f} s, warm {core_warm:.3f} s, "
          f"after +1 commit {core_added:.3f} s")
    print(f"for scale, `narrative --version` (interpreter and CLI start): {floor:.3f} s")
    print(f"cache size: {cache.stat().st_size / 1024:.0f} KiB")
    if not args.keep:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()

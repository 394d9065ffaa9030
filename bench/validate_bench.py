"""Time `narrative validate` on a large synthetic project, and `narrative --help`.

    python bench/validate_bench.py [--scenes 5000] [--canon 2000] [--runs 5] [--out bench/out/validate-5000x2000]

Generates the project with bench/gen_project.py (once; reused when it exists),
then runs each command --runs times in a fresh process, exactly as a user
would (`python -m narrative_cli`, this checkout on PYTHONPATH), and prints the
best and median wall-clock times. Targets (issue 2): validate < 3 s, --help < 0.3 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from gen_project import generate  # noqa: E402


def timed(args: list[str], runs: int, expect: int = 0) -> list[float]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "narrative_cli", *args], env=env, capture_output=True, text=True,
                              cwd=REPO)  # `-m` imports from the working folder first: make it this checkout
        times.append(time.perf_counter() - start)
        if done.returncode != expect:
            raise SystemExit(f"`narrative {' '.join(args)}` exited {done.returncode}:\n{done.stdout[-2000:]}{done.stderr}")
    return times


def report(label: str, times: list[float], target: float) -> bool:
    best, median = min(times), statistics.median(times)
    ok = median < target
    print(f"{label:<48} best {best:6.2f} s   median {median:6.2f} s   target < {target} s   {'OK' if ok else 'SLOW'}")
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scenes", type=int, default=5000)
    parser.add_argument("--canon", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    out = (args.out or REPO / "bench" / "out" / f"validate-{args.scenes}x{args.canon}").resolve()
    if not out.exists():
        start = time.perf_counter()
        generate(out, args.scenes, args.canon)
        print(f"generated {out} in {time.perf_counter() - start:.1f} s")
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in (out / "manuscript").rglob("*.md"))
    print(f"project: {args.scenes} scenes, {args.canon} canon files, {words:,} words; {os.cpu_count()} CPUs")
    ok = report(f"narrative validate ({args.scenes} scenes)", timed(["validate", str(out)], args.runs), 3.0)
    ok &= report("narrative --help", timed(["--help"], max(args.runs, 10)), 0.3)
    report("narrative validate --help (not a target)", timed(["validate", "--help"], max(args.runs, 10)), 0.5)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

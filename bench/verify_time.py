"""Time `narrative verify` cold (--full) and incremental on a history made by verify_gen.py.

Usage: PYTHONPATH=. python bench/verify_time.py /tmp/bench10k
Adds 50 signed commits (a push) after the cold run, then times the incremental run.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def timed(root: Path, *args: str) -> float:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "narrative_cli", "verify", *args], cwd=root,
                          env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin", "NARRATIVE_HOME": str(root / ".bench-home")},
                          capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    print(f"verify {' '.join(args) or '(incremental)'}: {elapsed:.2f} s  ->  {done.stdout.strip().splitlines()[-1]}")
    return elapsed


def main() -> None:
    root = Path(sys.argv[1])
    cold = min(timed(root, "--full") for _ in range(3))
    timed(root)  # fills the cache
    subprocess.run([sys.executable, str(REPO / "bench" / "verify_push.py"), str(root), "50"], check=True)
    warm = timed(root)
    print(f"best cold: {cold:.2f} s; incremental after a 50-commit push: {warm:.2f} s")


if __name__ == "__main__":
    main()

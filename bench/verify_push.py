"""Append N signed commits to a verify_gen.py history, as a push would bring them.

Usage: PYTHONPATH=. python bench/verify_push.py /tmp/bench10k 50
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from narrative_cli.history.audit import commit_signed
    from narrative_cli.trust.gate import current_manifest
    from narrative_cli.trust.identity import Signer

    root, count = Path(sys.argv[1]), int(sys.argv[2])
    people = json.loads((root / ".git" / "bench-keys.json").read_text())
    signers = [Signer(p["kid"], Ed25519PrivateKey.from_private_bytes(bytes.fromhex(p["seed"]))) for p in people]
    manifest = current_manifest(root)
    rng = random.Random(count)
    for n in range(count):
        path = f"canon/characters/person-{rng.randrange(200):03d}.yaml"
        (root / path).write_text(f"name: Person\nstatus: alive\nnotes: push {n} {rng.random()}\n")
        commit_signed(root, [path], f"Push {n}", "edit", None, [], rng.choice(signers), manifest.project_id,
                      manifest.version)
    print(f"added {count} signed commits")


if __name__ == "__main__":
    main()

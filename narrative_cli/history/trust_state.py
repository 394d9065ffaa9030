"""What `verify` remembers between runs.

Two files with different jobs:
- `.narrative/verify-cache.json` in the project (never committed): commit ids
  already verified. A commit id covers its whole ancestry, so a later run
  only checks commits that are not reachable from a cached tip. It is a
  speed-up only: `--full` ignores it, and it is dropped when anything that
  could change past verdicts (revocations, pins, rule version) changes.
- `$NARRATIVE_HOME/trust/<project_id>.json` (trust on first use, like
  known_hosts): the genesis commit, the highest manifest version and the last
  verified head. A later mismatch is R8 (genesis) or R13 (rollback/rewrite).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

RULES_VERSION = 1
MAX_TIPS = 16


@dataclass
class Cache:
    context: str = ""
    tips: list[str] = field(default_factory=list)
    genesis: str | None = None


def context_key(revoked: dict[str, str]) -> str:
    pins = {k: os.environ.get(k, "") for k in ("NARRATIVE_PROJECT_ID", "NARRATIVE_GENESIS_COMMIT")}
    blob = json.dumps({"rules": RULES_VERSION, "revoked": sorted(revoked.items()), "pins": pins}, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()


def cache_path(root: Path) -> Path:
    return root / ".narrative" / "verify-cache.json"


def load_cache(root: Path) -> Cache:
    try:
        data = json.loads(cache_path(root).read_text(encoding="utf-8"))
        tips = [t for t in data.get("tips", []) if re.fullmatch(r"[0-9a-f]{40}", str(t))]
        return Cache(str(data.get("context", "")), tips, data.get("genesis"))
    except (OSError, ValueError, AttributeError):
        return Cache()


def save_cache(root: Path, cache: Cache) -> None:
    from narrative_cli.store.files import atomic_write

    try:
        cache_path(root).parent.mkdir(exist_ok=True)
        atomic_write(cache_path(root), json.dumps({"context": cache.context, "tips": cache.tips[-MAX_TIPS:],
                                                   "genesis": cache.genesis}, indent=1))
    except OSError:
        pass  # a read-only checkout (CI, server hook) verifies fully every time


def trust_path(project_id: str) -> Path:
    from narrative_cli.trust.keys import home

    safe = re.sub(r"[^A-Za-z0-9._-]", "_", project_id)[:120]
    return home() / "trust" / f"{safe}.json"


def load_trust(project_id: str) -> dict | None:
    try:
        data = json.loads(trust_path(project_id).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else None
    except (OSError, ValueError):
        return None


def save_trust(project_id: str, genesis: str | None, version: int, ref: str, head: str) -> None:
    """Remember the genesis, the highest version seen, and the last verified head of `ref` (a branch)."""
    path = trust_path(project_id)
    previous = load_trust(project_id) or {}
    heads = dict(previous.get("heads") or {})
    if ref:
        heads[ref] = {"head": head, "version": version}
    data = {"project_id": project_id, "genesis_commit": previous.get("genesis_commit") or genesis,
            "highest_version": max(int(previous.get("highest_version", 0)), version), "heads": heads}
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        from narrative_cli.store.files import atomic_write

        atomic_write(path, json.dumps(data, indent=1, sort_keys=True))
    except OSError:
        pass


def pins(project_id: str) -> tuple[str | None, str | None, dict | None]:
    """(pinned project id, pinned genesis commit, TOFU record): CI variables win over the local file."""
    record = load_trust(project_id)
    pinned_id = os.environ.get("NARRATIVE_PROJECT_ID") or None
    pinned_genesis = os.environ.get("NARRATIVE_GENESIS_COMMIT") or (record or {}).get("genesis_commit")
    return pinned_id, pinned_genesis, record

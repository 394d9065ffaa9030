"""Manifest changes (`manifest init|renew|sign`, `collab add|rm|role|revoke`) as one transaction each.

trust/collab.py plans the change (who may, the new signed version); here it
is made: both files written and committed, or, on any failure (a full disk,
a kill), neither.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable


@dataclass
class Outcome:
    version: int
    commit: str | None
    note: str
    signatures: int = 0


def run(root: Path, planner: Callable, *args) -> Outcome:
    """`planner(root, *args)` under the write lock, then its files written and its commit landed."""
    from narrative_cli.ops.transaction import transaction

    with transaction(root) as tx:
        plan = planner(root, *args)
        tx.write(plan.files)
        sha = tx.land(plan.prepare()) if plan.prepare else None
    return Outcome(plan.version, sha, plan.note, plan.signatures)

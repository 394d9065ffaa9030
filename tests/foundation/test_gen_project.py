"""bench/gen_project.py makes valid, deterministic projects (other benches rely on both)."""

from __future__ import annotations

import sys

from narrative_cli.checks import validate
from narrative_cli.store.project import load_project
from tests.conftest import REPO
from tests.foundation.conftest import snapshot

sys.path.insert(0, str(REPO / "bench"))

from gen_project import generate  # noqa: E402


def test_generated_project_is_valid_and_deterministic(tmp_path):
    one = generate(tmp_path / "one", scenes=45, canon=30, seed=7, words=60)
    two = generate(tmp_path / "two", scenes=45, canon=30, seed=7, words=60)
    assert snapshot(one) == snapshot(two)
    loaded = load_project(one)
    assert validate(loaded) == []
    assert len(list(loaded.all_scenes())) == 45 and len(loaded.chapters) == 3
    assert sum(1 for _ in loaded.all_entities()) == 30
    assert {r.kind for r in loaded.all_entities()} == {"characters", "locations", "factions", "items", "magic",
                                                       "events"}
    assert snapshot(generate(tmp_path / "three", scenes=45, canon=30, seed=8, words=60)) != snapshot(one)

"""Small projects written from dicts, so each rule's test shows exactly what fires it."""

from __future__ import annotations

from pathlib import Path

import pytest

CONFIG = """format: 1
title: Test Book
author: Tester
identifier: urn:uuid:6f1c2b8e-4d3a-4c1e-9b7a-2f5e8d9c0a11
"""

PEOPLE = {
    "characters/elena-voss": {"name": "Elena Voss", "aliases": ["Elena"], "custom": {"pronouns": "she/her"}},
    "characters/tomas-reyes": {"name": "Tomas Reyes", "aliases": ["Reyes"], "custom": {"pronouns": "he/him"}},
    "locations/harbor": {"name": "Port Verrin", "aliases": ["the harbor"]},
    "locations/greywell": {"name": "Greywell"},
}


def _dump(data) -> str:
    from narrative_cli.store.yamlio import dump_yaml

    return dump_yaml(data)


def write_project(root: Path, canon: dict | None = None, scenes: dict | None = None, config: str = "") -> Path:
    """canon: {"kind/id": fields}; scenes: {"01-ch/01-scene": (card, body)}; config: extra narrative.yaml text."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "narrative.yaml").write_text(CONFIG + config)
    for ref, fields in {**PEOPLE, **(canon or {})}.items():
        if fields is None:
            continue
        path = root / "canon" / f"{ref}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_dump(fields))
    for rel, (card, body) in (scenes or {}).items():
        path = root / "manuscript" / f"{rel}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\n{_dump(card)}---\n{body}")
    return root


@pytest.fixture
def story(tmp_path):
    """build(canon=..., scenes=..., config=...) -> the codes of the story findings (and the findings)."""
    from narrative_cli.checks.story import check
    from narrative_cli.store.project import load_project

    counter = iter(range(1000))

    def build(**kw):
        root = write_project(tmp_path / f"p{next(counter)}", **kw)
        found = check(load_project(root))
        return Findings(found)

    return build


class Findings(list):
    @property
    def codes(self) -> list[str]:
        return [d.code for d in self]

    def only(self, code: str):
        return [d for d in self if d.code == code]

    def text(self) -> str:
        return "\n".join(d.format() for d in self)

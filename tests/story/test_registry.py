"""The rule table is the contract: stable, documented, tested."""

from __future__ import annotations

import re
from pathlib import Path

from narrative_cli.checks.story.registry import RULES, level_for, rule_for

ROOT = Path(__file__).resolve().parents[2]


def test_codes_and_names_are_unique_and_well_formed():
    assert len({r.code for r in RULES}) == len({r.name for r in RULES}) == len(RULES)
    assert all(re.fullmatch(r"S[1-5]\d\d", r.code) and re.fullmatch(r"[a-z]+(-[a-z]+)+", r.name) for r in RULES)


def test_every_rule_is_documented_with_code_and_name():
    docs = (ROOT / "docs" / "checks.md").read_text()
    assert [r.code for r in RULES if f"**{r.code} `{r.name}`**" not in docs] == []


def test_every_rule_has_a_test_that_names_it():
    tests = "".join(p.read_text() for p in (ROOT / "tests" / "story").glob("test_*.py") if p.name != "test_registry.py")
    assert [r.code for r in RULES if f'"{r.code}"' not in tests] == []


def test_settings_accept_codes_and_names_and_the_last_one_wins():
    assert rule_for("flat-scene") is rule_for("s305") is rule_for("S305")
    assert rule_for("nothing") is None
    assert level_for("S305", {"flat-scene": "off"}, {"S305": "error"}) == "error"
    assert level_for("S305", {"S101": "off"}) is None

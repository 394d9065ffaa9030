from __future__ import annotations

import pytest

from narrative_cli.trust.roles import PathChange, denials, describe, glob_match


@pytest.mark.parametrize("pattern,path,hit", [
    ("manuscript/02-*/**", "manuscript/02-road/01-a.md", True),
    ("manuscript/02-*/**", "manuscript/03-x/01-a.md", False),
    ("manuscript/02-*/*", "manuscript/02-road/sub/01-a.md", False),
    ("canon/**", "canon/characters/a.yaml", True),
    ("canon/*.yaml", "canon/characters/a.yaml", False),
])
def test_glob_per_segment(pattern, path, hit):
    assert glob_match(pattern, path) is hit


def test_role_table_and_scopes():
    edit = [PathChange("canon/characters/a.yaml", "1", "2")]
    assert denials("EDITOR", [], "edit", edit) == []
    assert denials("VIEWER", [], "edit", edit) == [("canon/characters/a.yaml", "edit")]
    assert denials("EDITOR", ["manuscript/**"], "edit", edit) == [("canon/characters/a.yaml", "scope (manuscript/**)")]
    assert denials("EDITOR", [], "edit", [PathChange("canon/characters/a.yaml", "1", None)]) == [
        ("canon/characters/a.yaml", "delete")]
    moved = [PathChange("canon/characters/a.yaml", "1", None), PathChange("canon/characters/b.yaml", None, "1")]
    assert denials("EDITOR", [], "edit", moved) == []
    assert denials("EDITOR", [], "edit", [PathChange("narrative.yaml", "1", "2")]) == [("narrative.yaml", "owner")]
    assert denials("OWNER", [], "edit", [PathChange("narrative.yaml", "1", "2")]) == []
    assert describe("edit") == "edit needs EDITOR or OWNER"
    assert describe("owner") == "changing this file needs OWNER"

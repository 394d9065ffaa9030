"""The Manuscript types live in export/model.py and the imports inside export/ point one way."""

from __future__ import annotations

import ast
from pathlib import Path

import narrative_cli.export as package

EXPORT = Path(package.__file__).parent


def _imports(path: Path) -> set[str]:
    """Every narrative_cli.export module a file imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("narrative_cli.export."):
            found.add(node.module.rsplit(".", 1)[1])
    return found


def test_model_imports_nothing_from_export_and_only_build_imports_the_builder():
    graph = {p.stem: _imports(p) for p in EXPORT.glob("*.py")}
    assert graph["model"] == set()
    assert sorted(name for name, uses in graph.items() if "manuscript" in uses) == ["build"]


def test_no_two_export_modules_import_each_other_in_a_circle():
    graph = {p.stem: _imports(p) for p in EXPORT.glob("*.py")}

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        for nxt in graph.get(start, ()):
            if nxt == goal or (nxt not in seen and reaches(nxt, goal, seen | {nxt})):
                return True
        return False

    circular = sorted(name for name in graph if reaches(name, name, {name}))
    assert circular == []

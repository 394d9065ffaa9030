"""store/subset.py: checking only the touched files finds exactly the errors a full load finds in them."""

from __future__ import annotations

import pytest

from narrative_cli.checks import validate
from narrative_cli.store.project import load_project
from narrative_cli.store.subset import load_subset
from narrative_cli.ops.writes import Change, _errors_in, apply
from tests.foundation.conftest import snapshot, write
from tests.foundation.test_goldens import CASE_DIRS, build_case


def _found(diags, rels):
    return [(d.code, d.message, str(d.location), d.related) for d in _errors_in(diags, rels)]


@pytest.mark.parametrize("case", CASE_DIRS, ids=[c.name for c in CASE_DIRS])
def test_subset_agrees_with_full_load_on_every_golden_case(case, tmp_path):
    root = build_case(case, tmp_path / "book")
    rels = sorted(p.relative_to(case / "files").as_posix() for p in (case / "files").rglob("*")
                  if p.is_file()) if (case / "files").is_dir() else []
    full = validate(load_project(root))
    for rel in rels + ["manuscript/01-arrival/01-dockside.md", "canon/characters/elena-voss.yaml"]:
        assert _found(validate(load_subset(root, [rel])), [rel]) == _found(full, [rel]), rel


def test_subset_agrees_on_every_example_file(example):
    full = validate(load_project(example))
    for path in sorted(example.rglob("*.*")):
        rel = path.relative_to(example).as_posix()
        if not rel.startswith(".git/"):
            assert _found(validate(load_subset(example, [rel])), [rel]) == _found(full, [rel]) == []


def test_subset_loads_only_what_references_reach(project):
    loaded = load_subset(project, ["manuscript/01-arrival/01-dockside.md"])
    assert sorted(r.ref for r in loaded.all_entities()) == [
        "characters/captain-reyes", "characters/elena-voss", "locations/harbor-town"]
    assert [s.rel for s in loaded.all_scenes()] == ["manuscript/01-arrival/01-dockside.md"]


def test_subset_does_not_follow_a_symlinked_kind_folder(project, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "ring.yaml").write_text("name: Ring\n")
    (project / "canon" / "items").symlink_to(outside)
    write(project, "canon/characters/elena-voss.yaml", "name: Elena\nrelationships: [{to: ring, kind: owns}]\n")
    rel = ["canon/characters/elena-voss.yaml"]
    assert _found(validate(load_subset(project, rel)), rel) == _found(validate(load_project(project)), rel) != []


def test_write_creating_a_duplicate_prefix_is_refused(project):
    """The duplicate is reported on the older file; the write is still refused, and nothing is written."""
    before = snapshot(project)
    from narrative_cli.errors import ProblemsFound

    with pytest.raises(ProblemsFound) as caught:
        apply(project, Change("create", "Dup", {"manuscript/01-arrival/01-aardvark.md": "Prose.\n"}))
    assert [d.format().split("\n")[0] for d in caught.value.diagnostics] == [
        "manuscript/01-arrival/01-dockside.md:1:1: error N304: prefix 1 is used twice"]
    assert snapshot(project) == before


def test_refused_write_reports_the_full_hint(project):
    from narrative_cli.errors import ProblemsFound

    with pytest.raises(ProblemsFound) as caught:
        apply(project, Change("create", "Typo", {"canon/items/ring.yaml": "name: Ring\nowner: elena-vos\n"}))
    assert caught.value.diagnostics[0].format() == (
        "canon/items/ring.yaml:2:1: error N401: owner: 'elena-vos' does not exist\n"
        "  hint: did you mean 'elena-voss'?")

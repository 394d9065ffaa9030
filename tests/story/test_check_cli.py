"""`narrative check` end to end on the bundled example and on broken copies of it."""

from __future__ import annotations

import json


def test_example_is_clean(example, cli):
    result = cli("check", cwd=example)
    assert (result.exit_code, result.stdout) == (0, "no problems found\n")


def test_a_dead_mentor_in_the_present_fails_with_both_sides(example, cli):
    scene = example / "manuscript/03-greywell/04-the-knot.md"
    scene.write_text(scene.read_text().replace("participants: [", "participants: [ines-marrow, ", 1))
    result = cli("check", "--format", "json", cwd=example)
    data = json.loads(result.stdout)
    assert result.exit_code == 1
    found = [d for d in data["diagnostics"] if d["code"] == "S101"]
    assert [(d["path"], d["message"]) for d in found] == [
        ("manuscript/03-greywell/04-the-knot.md",
         "Ines Marrow takes part here, but died on 311-10-14 (died) [dead-character-appears]")]
    assert found[0]["related"] == [{"path": "canon/characters/ines-marrow.yaml", "line": 9, "column": 1}]


def test_structural_errors_are_reported_and_fail(example, cli):
    (example / "canon/characters/captain-reyes.yaml").write_text("name: Tomas Reyes\nstatus: sleeping\n")
    result = cli("check", cwd=example)
    assert result.exit_code == 1
    assert "canon/characters/captain-reyes.yaml:2:1: error N204" in result.stdout


def test_warnings_fail_only_with_strict(example, cli):
    scene = example / "manuscript/01-arrival/01-dockside.md"
    scene.write_text(scene.read_text().replace("exiting_value: fear", "exiting_value: hope", 1))
    assert cli("check", cwd=example).exit_code == 0
    strict = cli("check", "--strict", "--rule", "flat-scene", cwd=example)
    assert strict.exit_code == 1
    assert strict.stdout.splitlines()[-1] == "0 errors, 1 warning"


def test_list_and_unknown_rule(cli, example):
    listed = cli("check", "--list", "--format", "json")
    rules = json.loads(listed.stdout)
    assert {"code": "S305", "name": "flat-scene", "severity": "warning", "family": "cards",
            "summary": "the scene's value does not turn (entering_value == exiting_value)"} in rules
    assert len({r["code"] for r in rules}) == len(rules) == len({r["name"] for r in rules})
    bad = cli("check", "--rule", "nonsense", cwd=example)
    assert bad.exit_code == 2
    assert "unknown rule 'nonsense'" in bad.stderr


def test_rules_can_be_chosen_by_code_name_or_list(example, cli):
    scene = example / "manuscript/01-arrival/01-dockside.md"
    scene.write_text(scene.read_text().replace("exiting_value: fear", "exiting_value: hope", 1))
    for args in (["--rule", "S305"], ["--rule", "flat-scene"], ["--rule", "S101,flat-scene"]):
        result = cli("check", *args, "--format", "json", cwd=example)
        assert [d["code"] for d in json.loads(result.stdout)["diagnostics"]] == ["S305"], args
    assert json.loads(cli("check", "--rule", "S101", "--format", "json", cwd=example).stdout)["diagnostics"] == []

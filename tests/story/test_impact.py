"""`narrative impact`: dependents, and simulated changes checked by the same rules, without writing."""

from __future__ import annotations

import hashlib
import json


def _digest(root) -> str:
    files = sorted(p for p in root.rglob("*") if p.is_file() and ".git" not in p.parts)
    return hashlib.sha256(b"".join(p.read_bytes() for p in files)).hexdigest()


def test_dependents_of_a_character(example, cli):
    result = cli("impact", "pilar-anselm", "--format", "json", cwd=example)
    data = json.loads(result.stdout)
    assert result.exit_code == 0
    assert [s["scene"] for s in data["scenes"]] == ["01-02", "01-03", "02-01", "02-03", "03-02", "03-03", "03-04"]
    assert data["scenes"][4]["how"] == ["pov", "participant", "mentioned"]
    assert data["referenced_by"] == ["characters/captain-reyes", "characters/elena-voss", "events/the-greywell-assize"]
    assert "simulation" not in data


def test_events_that_change_an_entity(example, cli):
    data = json.loads(cli("impact", "ines-ledger", "--format", "json", cwd=example).stdout)
    assert data["changed_by"] == ["canon/events/the-wreck-of-the-heron.yaml"]


def test_simulated_death_lists_only_new_contradictions_and_writes_nothing(example, cli):
    before = _digest(example)
    result = cli("impact", "pilar-anselm", "--set", "status=dead", "--at", "03-02", cwd=example)
    assert result.exit_code == 1
    lines = [l for l in result.stdout.splitlines() if "S101" in l]
    assert [l.split(":")[0].strip() for l in lines] == [
        "canon/events/the-greywell-assize.yaml",
        "manuscript/03-greywell/03-the-assize.md",
        "manuscript/03-greywell/04-the-knot.md"]
    assert "if status=dead at 03-02: 3 new findings" in result.stdout
    assert _digest(example) == before
    assert cli("check", cwd=example).exit_code == 0


def test_a_harmless_change_adds_nothing(example, cli):
    result = cli("impact", "pilar-anselm", "--set", "status=dead", "--at", "03-04", "--format", "json", cwd=example)
    assert (result.exit_code, json.loads(result.stdout)["simulation"]["new_findings"]) == (0, [])


def test_without_at_the_change_holds_from_the_start(example, cli):
    data = json.loads(cli("impact", "ines-ledger", "--set", "owner=pilar-anselm", "--format", "json",
                          cwd=example).stdout)
    assert [(d["code"], d["path"]) for d in data["simulation"]["new_findings"]] == [
        ("S203", "canon/items/ines-ledger.yaml")]


def test_bad_set_values_are_usage_errors(example, cli):
    bad = cli("impact", "pilar-anselm", "--set", "status=sleeping", cwd=example)
    assert (bad.exit_code, bad.stderr.splitlines()[0]) == (
        2, "narrative: error: --set status: Input should be 'alive', 'dead', 'missing' or 'unknown'")
    nofield = cli("impact", "pilar-anselm", "--set", "colour=red", cwd=example)
    assert nofield.stderr.splitlines()[0] == "narrative: error: characters/pilar-anselm has no field 'colour'"
    assert cli("impact", "pilar-anselm", "--at", "03-02", cwd=example).exit_code == 2

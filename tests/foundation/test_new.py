"""`narrative new`: canon entities, chapters and scenes, each a file that validates, committed."""

from __future__ import annotations

import json

import pytest

from narrative_cli.checks import validate
from narrative_cli.store.project import load_project
from tests.conftest import git
from tests.foundation.conftest import snapshot, write

WORDS = ["character", "location", "faction", "item", "magic", "event"]
FOLDERS = ["characters", "locations", "factions", "items", "magic", "events"]


@pytest.mark.parametrize("word, folder", list(zip(WORDS, FOLDERS)))
def test_new_entity_of_every_kind_validates_and_commits(project, cli, word, folder):
    result = cli("new", word, "Bob Baker", cwd=project)
    assert result.exit_code == 0, result.stderr
    sha = git(project, "rev-parse", "HEAD").strip()
    assert result.stdout == (f"Create {folder}/bob-baker: canon/{folder}/bob-baker.yaml (commit {sha[:10]})\n")
    text = (project / f"canon/{folder}/bob-baker.yaml").read_text()
    assert text.startswith("name: Bob Baker\n# aliases: [Other Name]\n")
    assert validate(load_project(project)) == []
    assert git(project, "log", "-1", "--format=%B") == (
        f"Create {folder}/bob-baker\n\nNarrative-Action: create\nNarrative-Entity: {folder}/bob-baker\n"
        f"Narrative-Field: {folder}/bob-baker name - -> \"Bob Baker\"\n\n")


def test_new_json_output(project, cli):
    result = cli("new", "character", "Ines Marrow", "--format", "json", "--no-commit", cwd=project)
    assert json.loads(result.stdout) == {"action": "create", "entity": "characters/ines-marrow",
                                         "paths": ["canon/characters/ines-marrow.yaml"], "commit": None}
    assert git(project, "status", "--porcelain") == "?? canon/characters/ines-marrow.yaml\n"


@pytest.mark.parametrize("name, ident", [
    ("Élodie d'Arc", "elodie-d-arc"), ("Straße Nord", "strasse-nord"), ("Søren Ødegård", "soren-odegard"),
    ("The Old--Man", "the-old-man"), ("Agent 47", "agent-47"),
])
def test_names_become_ids_by_the_slug_rule(project, cli, name, ident):
    assert cli("new", "character", name, cwd=project).exit_code == 0
    assert (project / f"canon/characters/{ident}.yaml").read_text().startswith(f"name: {name}\n"
                                                                               if ":" not in name else "name:")


def test_name_spaces_are_normalised_and_empty_refused(project, cli):
    assert cli("new", "character", "  The   Old Man ", cwd=project).exit_code == 0
    assert (project / "canon/characters/the-old-man.yaml").read_text().startswith("name: The Old Man\n")
    result = cli("new", "character", "   ", "--id", "x", cwd=project)
    assert result.exit_code == 2
    assert result.stderr == ("narrative: error: the name is empty\n"
                             "  hint: give a name, e.g. narrative new character \"Bob Baker\"\n")


def test_collision_is_refused_with_a_hint(project, cli):
    before = snapshot(project)
    result = cli("new", "character", "Elena Voss", cwd=project)
    assert result.exit_code == 2
    assert result.stderr == ("narrative: error: characters/elena-voss already exists\n"
                             "  hint: choose another id with --id, e.g. --id elena-voss-2\n")
    assert snapshot(project) == before


def test_same_id_in_another_kind_is_allowed_and_says_how_to_refer(project, cli):
    result = cli("new", "location", "Elena Voss", cwd=project)
    assert result.exit_code == 0
    assert git(project, "log", "-1", "--format=%s") == (
        "Create locations/elena-voss (also characters/elena-voss: refer to it as locations/elena-voss)\n")
    # The bare id in the base project's relationships is now ambiguous only where any kind fits:
    assert [d.code for d in validate(load_project(project))] == []


@pytest.mark.parametrize("args, message", [
    (["--id", "../x"], "narrative: error: invalid id '../x'\n"
                       "  hint: ids are lowercase letters, digits and hyphens, at most 64 characters\n"),
    (["--id", "Bob"], "narrative: error: invalid id 'Bob'\n"
                      "  hint: ids are lowercase letters, digits and hyphens, at most 64 characters\n"),
    (["--id", ".hidden"], "narrative: error: invalid id '.hidden'\n"
                          "  hint: ids are lowercase letters, digits and hyphens, at most 64 characters\n"),
    (["--id", "a" * 65], f"narrative: error: invalid id '{'a' * 65}'\n"
                         "  hint: ids are lowercase letters, digits and hyphens, at most 64 characters\n"),
])
def test_bad_explicit_id(project, cli, args, message):
    before = snapshot(project)
    result = cli("new", "character", "Bob", *args, cwd=project)
    assert (result.exit_code, result.stderr) == (2, message)
    assert snapshot(project) == before


def test_name_without_letters_needs_an_id(project, cli):
    result = cli("new", "character", "???", cwd=project)
    assert result.exit_code == 2
    assert result.stderr == ("narrative: error: cannot make an id from '???'\n"
                             "  hint: give one with --id, e.g. --id the-stranger\n")
    assert cli("new", "character", "???", "--id", "the-stranger", cwd=project).exit_code == 0


def test_new_chapter_and_scene(project, cli):
    assert cli("new", "chapter", "The Road Inland", cwd=project).exit_code == 0
    assert (project / "manuscript/02-the-road-inland/chapter.yaml").read_text() == (
        "title: The Road Inland\nsynopsis: ''\nstatus: draft\n")
    result = cli("new", "scene", "At the Gate", "--chapter", "2", "--pov", "elena-voss", cwd=project)
    assert result.exit_code == 0, result.stderr
    rel = "manuscript/02-the-road-inland/01-at-the-gate.md"
    text = (project / rel).read_text()
    assert text.startswith("---\ntitle: At the Gate\npov: elena-voss\nparticipants:\n  - elena-voss\nlocation:\n")
    assert text.endswith("status: draft\n---\n\n")
    assert cli("new", "scene", "Second", "-c", "02-the-road-inland", cwd=project).exit_code == 0
    assert (project / "manuscript/02-the-road-inland/02-second.md").exists()
    assert validate(load_project(project)) == []


def test_prefix_step_of_ten_is_kept_and_after_inserts_between(project, cli):
    (project / "manuscript/01-arrival").rename(project / "manuscript/10-arrival")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "renumber")
    assert cli("new", "chapter", "Two", cwd=project).exit_code == 0
    assert (project / "manuscript/20-two").is_dir()
    assert cli("new", "chapter", "One and a half", "--after", "10", cwd=project).exit_code == 0
    assert (project / "manuscript/15-one-and-a-half").is_dir()
    assert cli("new", "chapter", "Prologue", "--after", "0", cwd=project).exit_code == 0
    assert (project / "manuscript/05-prologue").is_dir()
    assert [c.rel for c in load_project(project).chapters] == [
        "manuscript/05-prologue", "manuscript/10-arrival", "manuscript/15-one-and-a-half", "manuscript/20-two"]


def test_no_room_between_numbers(project, cli):
    before = snapshot(project)
    result = cli("new", "scene", "Before", "--chapter", "1", "--after", "0", cwd=project)
    assert result.exit_code == 2
    assert result.stderr == ("narrative: error: no free number between 0 and 1\n"
                             "  hint: `narrative renumber` gives every prefix room again (10, 20, 30)\n")
    assert snapshot(project) == before


def test_after_a_missing_number(project, cli):
    result = cli("new", "chapter", "X", "--after", "7", cwd=project)
    assert (result.exit_code, result.stderr) == (2, "narrative: error: there is no item numbered 7\n")


def test_scene_in_missing_chapter(project, cli):
    result = cli("new", "scene", "X", "--chapter", "9", cwd=project)
    assert result.exit_code == 2
    assert result.stderr == ("narrative: error: no chapter '9'\n"
                             "  hint: chapters: 1; create one with `narrative new chapter TITLE`\n")


def test_new_scene_with_unknown_pov_is_refused_and_writes_nothing(project, cli):
    before = snapshot(project)
    result = cli("new", "scene", "X", "--chapter", "1", "--pov", "nobody", cwd=project)
    assert result.exit_code == 1
    assert result.stderr.startswith("manuscript/01-arrival/02-x.md:3:1: error N401: pov: 'nobody' does not exist\n")
    assert result.stderr.endswith("narrative: error: the change would leave invalid files; nothing was written\n")
    assert snapshot(project) == before


def test_new_works_in_a_project_with_other_broken_files(project, cli):
    write(project, "canon/characters/broken.yaml", "name: [\n")
    assert cli("new", "character", "Bob Baker", cwd=project).exit_code == 0


def test_scene_message_names_the_file_once(project, cli):
    result = cli("new", "scene", "Customs", "--chapter", "1", "--no-commit", cwd=project)
    assert result.stdout == "Create scene manuscript/01-arrival/02-customs.md\n"

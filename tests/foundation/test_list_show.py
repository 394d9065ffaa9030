"""`narrative list KIND` and `narrative show REF`: tables for people, JSON for machines."""

from __future__ import annotations

import json

import pytest

from tests.foundation.conftest import write


def test_list_characters_table(project, cli):
    write(project, "canon/characters/elena-voss.yaml", "name: Elena Voss\nsummary: A smuggler.\n")
    result = cli("list", "characters", cwd=project)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "characters (2)",
        "┏━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━┓",
        "┃ id            ┃ name          ┃ summary     ┃",
        "┡━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━┩",
        "│ captain-reyes │ Captain Reyes │             │",
        "│ elena-voss    │ Elena Voss    │ A smuggler. │",
        "└───────────────┴───────────────┴─────────────┘",
    ]


@pytest.mark.parametrize("word", ["character", "characters"])
def test_list_json(project, cli, word):
    data = json.loads(cli("list", word, "--format", "json", cwd=project).stdout)
    assert data == [
        {"ref": "characters/captain-reyes", "id": "captain-reyes", "name": "Captain Reyes", "summary": None,
         "path": "canon/characters/captain-reyes.yaml", "deleted": False},
        {"ref": "characters/elena-voss", "id": "elena-voss", "name": "Elena Voss", "summary": None,
         "path": "canon/characters/elena-voss.yaml", "deleted": False},
    ]


def test_list_chapters_and_scenes_json(project, cli):
    chapters = json.loads(cli("list", "chapters", "-f", "json", cwd=project).stdout)
    assert chapters == [{"number": 1, "folder": "manuscript/01-arrival", "title": "Arrival", "part": None,
                         "status": None, "scenes": 1}]
    scenes = json.loads(cli("list", "scenes", "-f", "json", cwd=project).stdout)
    assert scenes == [{"ref": "01-01", "path": "manuscript/01-arrival/01-dockside.md", "title": "Dockside",
                       "pov": "elena-voss", "when": None, "status": "draft", "words": 11, "deleted": False}]


def test_list_unknown_kind(project, cli):
    result = cli("list", "dragons", cwd=project)
    assert result.exit_code == 2
    assert result.stderr == ("narrative: error: unknown kind 'dragons'\n"
                             "  hint: kinds are: character, location, faction, item, magic, event\n")


def test_list_skips_broken_files_but_still_works(project, cli):
    write(project, "canon/characters/broken.yaml", "name: [\n")
    assert "broken" not in cli("list", "characters", cwd=project).stdout


def test_show_entity_text(project, cli):
    result = cli("show", "elena-voss", cwd=project)
    assert result.exit_code == 0
    assert result.stdout == (
        "Elena Voss  characters/elena-voss  (canon/characters/elena-voss.yaml)\n"
        "  name: Elena Voss\n"
        "  relationships: to=captain-reyes; kind=debtor\n"
        "  appears in 1 scene(s): manuscript/01-arrival/01-dockside.md\n"
        "  referenced by: events/the-drowning\n")


def test_show_entity_json(project, cli):
    data = json.loads(cli("show", "characters/captain-reyes", "--format", "json", cwd=project).stdout)
    assert data == {"ref": "characters/captain-reyes", "id": "captain-reyes", "kind": "characters",
                    "path": "canon/characters/captain-reyes.yaml", "deleted": False,
                    "fields": {"name": "Captain Reyes"},
                    "scenes": ["manuscript/01-arrival/01-dockside.md"],
                    "referenced_by": ["characters/elena-voss"]}


def test_show_singular_kind_and_scene(project, cli):
    assert cli("show", "character/elena-voss", cwd=project).exit_code == 0
    data = json.loads(cli("show", "01-01", "-f", "json", cwd=project).stdout)
    assert data == {"ref": "01-01", "path": "manuscript/01-arrival/01-dockside.md", "deleted": False,
                    "card": {"title": "Dockside", "pov": "elena-voss", "participants": ["elena-voss", "captain-reyes"],
                             "location": "harbor-town"}, "words": 11}


def test_show_deleted_entity_says_so(project, cli):
    assert cli("rm", "captain-reyes", cwd=project).exit_code == 0
    assert cli("show", "captain-reyes", cwd=project).stdout.startswith(
        "Captain Reyes  characters/captain-reyes  (canon/characters/captain-reyes.yaml)  deleted\n")


def test_show_rich_markup_in_names_is_printed_literally(project, cli):
    write(project, "canon/characters/elena-voss.yaml", "name: \"[bold]Elena[/bold]\"\n")
    assert cli("show", "elena-voss", cwd=project).stdout.startswith("[bold]Elena[/bold]  characters/elena-voss")


def test_show_unknown(project, cli):
    result = cli("show", "nobody", cwd=project)
    assert result.exit_code == 2
    assert result.stderr == ("narrative: error: nothing is called 'nobody'\n"
                             "  hint: give an id (captain-reyes, elena-voss), a name, a scene (01-01) or a chapter (1);"
                             " `narrative list characters` lists them\n")


def test_show_entity_in_no_scene(project, cli):
    assert cli("show", "the-drowning", cwd=project).stdout == (
        "The Drowning  events/the-drowning  (canon/events/the-drowning.yaml)\n"
        "  name: The Drowning\n  participants: elena-voss\n  location: harbor-town\n  appears in no scene\n")

"""`show` by name, alias, chapter number or folder; nearest-id suggestions from the project itself."""

from __future__ import annotations

import json


def shown(cli, root, ref) -> dict:
    result = cli("show", ref, "-f", "json", cwd=root)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_by_name_alias_and_word_of_the_name(example, cli):
    assert shown(cli, example, "Elena Voss")["ref"] == "characters/elena-voss"
    assert shown(cli, example, "elena voss")["ref"] == "characters/elena-voss"  # any case
    assert shown(cli, example, "Anna Hollis")["ref"] == "characters/elena-voss"  # an alias
    assert shown(cli, example, "Pip")["ref"] == "characters/pilar-anselm"
    assert shown(cli, example, "Crane")["ref"] == "characters/aurelio-crane"  # one word of one name


def test_by_chapter(example, cli):
    data = shown(cli, example, "2")
    assert (data["path"], data["card"]["title"]) == ("manuscript/02-the-road-inland", "The Road Inland")
    assert [s["ref"] for s in data["chapter_scenes"]] == ["02-01", "02-02", "02-03"]
    assert data["words"] == sum(s["words"] for s in data["chapter_scenes"]) > 0
    assert shown(cli, example, "03-greywell")["path"] == "manuscript/03-greywell"
    text = cli("show", "2", cwd=example).stdout
    assert "  3 scene(s), " in text and "    02-02  What Ines Said  (" in text


def test_nearest_ids_and_the_projects_own_examples(example, cli):
    result = cli("show", "elna", cwd=example)
    assert (result.exit_code, result.stderr) == (2, "narrative: error: nothing is called 'elna'\n"
                                                    "  hint: did you mean 'elena-voss'?\n")
    result = cli("show", "Lighthouse Keeper", cwd=example)
    assert result.exit_code == 2
    assert result.stderr == ("narrative: error: nothing is called 'Lighthouse Keeper'\n"
                             "  hint: give an id (aurelio-crane, captain-reyes), a name, a scene (01-01) or a "
                             "chapter (1); `narrative list characters` lists them\n")


def test_a_name_shared_by_two_entities_is_not_guessed(example, cli):
    (example / "canon/locations/elena.yaml").write_text("name: Anna Hollis\n")
    result = cli("show", "Anna Hollis", cwd=example)
    assert result.exit_code == 2
    assert result.stderr == ("narrative: error: 'Anna Hollis' names 2 entities: characters/elena-voss, "
                             "locations/elena\n  hint: give the id, e.g. characters/elena-voss\n")

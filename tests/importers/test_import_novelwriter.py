"""A realistic novelWriter project (several chapters, tags, notes roots, statuses, excluded
documents) imports with its structure, scene cards and canon."""

from __future__ import annotations

import json

from narrative_cli.store.project import load_project
from tests.conftest import git
from tests.importers.nw_project import write_project


def test_novelwriter_project(cli, tmp_path):
    source = write_project(tmp_path / "lantern")
    result = cli("import", str(source), str(tmp_path / "book"), "--format", "json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert (report["title"], report["author"]) == ("The Lantern Keeper", "Mara Quill")
    assert [(c["title"], c["scenes"], c["part"]) for c in report["chapters"]] == [
        ("The Lighthouse", 2, "Part One: The Coast"), ("Interlude", 1, None), ("The Storm", 1, None)]
    assert report["canon"] == {"characters": 2, "items": 1, "locations": 1}
    assert report["skipped"] == ["A Note on Structure (not included in the build)",
                                 "Cut Scene (not included in the build)", "Old File (in the archive)"]
    project = load_project(tmp_path / "book")
    assert not [d for d in project.diagnostics if d.is_error]
    arrival, lamp = project.chapters[0].scenes
    assert (arrival.card.title, arrival.card.pov, arrival.card.location, arrival.card.status) == (
        "Arrival", "ada-brand", "the-lighthouse", "final")
    assert arrival.card.participants == ["ada-brand", "tom-hale"]
    assert arrival.card.summary == "Ada climbs the stairs for the first time."
    assert arrival.body == ("The stairs went up and up, and *every* step was **wet** with spray.\n\n"
                            "<!-- TODO: check the number of steps -->\n\n"
                            "Tom held the lamp. “Mind the *ninth* one,” he said.\n\n"
                            "The gulls cried:\\\nonce, twice,\\\nthen never again.\n")
    assert (lamp.card.status, lamp.card.custom) == ("revised", {"object": ["Lamp"]})
    assert "**Later**" in lamp.body
    assert project.chapters[0].card.synopsis == "Ada arrives at the lighthouse."
    ada = project.entities["characters"]["ada-brand"].model
    assert (ada.name, ada.aliases, ada.summary) == ("Ada Brand", ["Ada"], "The new keeper")
    assert "cut from the build" not in json.dumps([s.body for s in project.all_scenes()])
    assert git(tmp_path / "book", "log", "--format=%s").splitlines() == [
        "Import 3 chapter(s), 4 scene(s) from lantern (novelwriter)"]  # the new project and its book: one commit


def test_novelwriter_comments_dropped(cli, tmp_path):
    source = write_project(tmp_path / "lantern")
    result = cli("import", str(source / "nwProject.nwx"), "--dry-run", "--comments", "drop", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["dropped"]["comments"] == 1

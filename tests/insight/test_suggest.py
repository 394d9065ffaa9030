"""`narrative suggest`: names, kinds, aliases, implied relationships, --apply; on real temp repos."""

from __future__ import annotations

import json

import pytest

from tests.conftest import git
from tests.insight.conftest import CANON, CONFIG, write_project

CARD_EP = "pov: elena-voss\nparticipants: [elena-voss, pilar-anselm, tomas-reyes]\n"
SCENES = {
    "01-one/01-a.md": (CARD_EP,
        "Marta Holt waited at the gate. \"Late,\" said Marta Holt, and Voss shrugged.\n\n"
        "They walked to Greywell before dark. Hope was thin; hope was all they had, and hope ran out.\n\n"
        "\"Pip,\" said Captain Reyes. Pip said nothing, and Elena laughed.\n\n"
        "Lisk was far away. The Lantern Guild had spies in Greywell.\n"),
    "01-one/02-b.md": (CARD_EP,
        "In Greywell the Lantern Guild kept the lamps, and Marta said the Lantern Guild paid well.\n\n"
        "Voss counted coins. Captain Reyes counted nothing. Pip asked why, and Pip got no answer.\n\n"
        "Lisk was farther still. On Wednesday Marta Holt came back from Greywell.\n"),
    "02-two/01-c.md": ("pov: tomas-reyes\nparticipants: [tomas-reyes, elena-voss]\n",
        "Voss and Captain Reyes argued about Lisk, and Elena won, as Elena and Reyes both knew she would.\n"),
}


@pytest.fixture
def names(tmp_path):
    return write_project(tmp_path / "names", scenes=SCENES, canon=CANON)


def _suggest(cli, root, *args):
    result = cli("suggest", *args, "--format", "json", cwd=root)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_recurring_names_not_in_canon_with_count_first_place_and_kind(names, cli):
    data = _suggest(cli, names)
    assert data["schema"] == "narrative-suggest/1"
    assert [(e["name"], e["kind"], e["count"], e["scenes"]) for e in data["entities"]] == [
        ("Greywell", "location", 4, 2), ("Marta Holt", "character", 4, 2), ("Lantern Guild", "faction", 3, 2),
        ("Lisk", "unknown", 3, 3)]
    marta = data["entities"][1]
    assert marta["first"] == {"path": "manuscript/01-one/01-a.md", "line": 5}
    assert marta["forms"] == {"Marta Holt": 3, "Marta": 1}


def test_sentence_initial_common_words_and_stopwords_are_not_names(names, cli):
    found = {e["name"] for e in _suggest(cli, names, "--min-count", "1")["entities"]}
    assert "Hope" not in found  # lowercase "hope" is more frequent than a capitalised one
    assert "Wednesday" not in found  # stopword
    assert "Lisk" in found  # seen mid-sentence once ("argued about Lisk")
    assert "They" not in found and "In" not in found


def test_a_verb_opening_the_sentence_is_not_part_of_a_titled_name(tmp_path, cli):
    scenes = {"01-one/01-a.md": (CARD_EP, "Elena met Captain Pell at the quay, and Captain Pell nodded.\n\n"
                                          "\"Tell Captain Pell the news,\" said Elena. She did tell him.\n")}
    root = write_project(tmp_path / "pell", scenes=scenes, canon=CANON)
    pell = next(e for e in _suggest(cli, root)["entities"] if e["name"] == "Captain Pell")
    assert pell["forms"] == {"Captain Pell": 3}  # not "Tell Captain Pell"


def test_a_place_named_after_someone_does_not_swallow_them(tmp_path, cli):
    """Dracula: the Count's "Dracula" once joined "Castle Dracula", a character of 33 mentions."""
    body = ("Count Dracula said nothing. Then he smiled, and Dracula said he would wait. \"Come,\" said "
            "Dracula. We feared Dracula, and he knew it.\n\nWe rode to Castle Dracula at dusk; the walls of "
            "Castle Dracula were black. At Castle Dracula the doors were shut.\n")
    root = write_project(tmp_path / "castle", scenes={"01-one/01-a.md": (CARD_EP, body)}, canon=CANON)
    found = {e["name"]: (e["kind"], e["count"]) for e in _suggest(cli, root)["entities"]}
    assert found["Castle Dracula"] == ("location", 3)
    assert found["Dracula"] == ("character", 4)


def test_a_name_once_addressed_as_miss_is_a_person_whatever_the_prepositions(tmp_path, cli):
    """Dracula's letters go "to Mina Murray" and "from Mina Murray": place-like, until "Miss Mina Murray"."""
    body = ("A letter came from Mina Murray. We wrote to Mina Murray at once, and to Mina Murray again.\n\n"
            "The letter went from Mina Murray to Lucy. Then Miss Mina Murray arrived.\n")
    root = write_project(tmp_path / "mina", scenes={"01-one/01-a.md": (CARD_EP, body)}, canon=CANON)
    found = {e["name"]: e["kind"] for e in _suggest(cli, root)["entities"]}
    assert found["Mina Murray"] == "character"


def test_min_count_filters(names, cli):
    assert [e["name"] for e in _suggest(cli, names, "--min-count", "4")["entities"]] == ["Greywell", "Marta Holt"]


def test_aliases_for_existing_entities(names, cli):
    aliases = {(a["alias"], a["entity"], a["reason"]) for a in _suggest(cli, names)["aliases"]}
    assert aliases == {
        ("Voss", "characters/elena-voss", "part of the canon name"),
        ("Captain Reyes", "characters/tomas-reyes", "a titled form of a canon name"),
        ("Pip", "characters/pilar-anselm", "appears only where this character is on the scene card"),
    }


def test_relationships_implied_by_shared_scenes(names, cli):
    pairs = _suggest(cli, names)["relationships"]
    # Elena and Pilar are related in canon (apprentice), so only the other pairs are suggested
    assert pairs == [
        {"a": "characters/elena-voss", "b": "characters/tomas-reyes", "scenes": 3, "paragraphs": 2},
        {"a": "characters/pilar-anselm", "b": "characters/tomas-reyes", "scenes": 2, "paragraphs": 0},
    ]


def test_names_from_soft_deleted_scenes_are_ignored(tide, cli):
    data = _suggest(cli, tide, "--min-count", "1")
    # Marta Holt starts every live sentence she is in; only the soft-deleted scene has her mid-sentence
    assert "Marta Holt" not in [e["name"] for e in data["entities"]]
    cut = tide / "manuscript/03-gone/01-cut.md"
    cut.write_text(cut.read_text().replace("deleted_at: 2026-01-01T00:00:00Z\ndeleted_by: Test Writer\n", ""))
    assert "Marta Holt" in [e["name"] for e in _suggest(cli, tide, "--min-count", "1")["entities"]]


def test_text_output_lists_each_table(names, cli):
    result = cli("suggest", cwd=names)
    assert result.exit_code == 0
    out = result.stdout
    assert "Names the canon does not have (4, seen at least 3 times)" in out
    assert "│ 2 │ Marta Holt    │ character │     4 │      2 │ manuscript/01-one/01-a.md:5  │" in out
    assert "Probable aliases" in out and "Relationships the scenes imply (none in canon)" in out
    assert out.rstrip().endswith("or `narrative suggest --apply --kind character NAME`.")


def test_apply_creates_stubs_in_one_commit(names, cli):
    before = git(names, "rev-list", "--count", "HEAD")
    result = cli("suggest", "--apply", cwd=names)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Create 3 entities from suggestions: locations/greywell, "
                                    "characters/marta-holt, factions/lantern-guild: ")
    assert int(git(names, "rev-list", "--count", "HEAD")) == int(before) + 1
    message = git(names, "log", "-1", "--format=%B")
    assert "Narrative-Action: create" in message
    assert "Narrative-Field: characters/marta-holt name - -> \"Marta Holt\"" in message
    marta = (names / "canon/characters/marta-holt.yaml").read_text()
    assert marta.startswith("name: Marta Holt\n")
    assert marta.endswith("\naliases: [Marta]\n")
    assert git(names, "status", "--porcelain") == ""
    # now canon: no longer suggested; Lisk's kind could not be guessed, so it was left alone
    assert [e["name"] for e in _suggest(cli, names)["entities"]] == ["Lisk"]
    assert cli("validate", cwd=names).exit_code == 0


def test_apply_named_with_kind(names, cli):
    result = cli("suggest", "--apply", "--kind", "location", "lantern guild", "--min-count", "1", cwd=names)
    assert result.exit_code == 0, result.stderr
    assert (names / "canon/locations/lantern-guild.yaml").is_file()
    assert not (names / "canon/characters/marta-holt.yaml").exists()


def test_apply_takes_path_then_names(names, cli, tmp_path):
    result = cli("suggest", str(names), "--apply", "Greywell", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert (names / "canon/locations/greywell.yaml").is_file()


def test_apply_errors(names, cli):
    result = cli("suggest", "--apply", "Nobody", cwd=names)
    assert (result.exit_code, result.stderr) == (2, "narrative: error: no suggestion named 'Nobody'\n"
        "  hint: run `narrative suggest` to see them (lower --min-count for rarer names)\n")
    result = cli("suggest", "Greywell", cwd=names)
    assert (result.exit_code, result.stderr) == (2, "narrative: error: NAMEs and --kind are for --apply\n"
        "  hint: narrative suggest --apply --kind character NAME\n")
    result = cli("suggest", "--apply", "--kind", "dragon", "Greywell", cwd=names)
    assert result.exit_code == 2 and result.stderr.startswith("narrative: error: unknown kind 'dragon'\n")
    assert git(names, "status", "--porcelain") == ""


def test_apply_refuses_an_existing_id(names, cli):
    (names / "canon/locations/lantern-guild.yaml").write_text("name: Lantern Hall\n")
    git(names, "add", "-A")
    git(names, "commit", "-qm", "hall")
    result = cli("suggest", "--apply", "--kind", "location", "Lantern Guild", cwd=names)
    assert result.exit_code == 2
    assert result.stderr.startswith("narrative: error: locations/lantern-guild already exists\n")


def test_example_project(example, cli):
    data = _suggest(cli, example)
    assert data["entities"][0]["name"] == "Lisk"
    assert all(e["name"] not in ("Elena", "Reyes", "Crane", "Salt Office") for e in data["entities"])
    pair = {(p["a"], p["b"]) for p in data["relationships"]}
    assert ("characters/aurelio-crane", "characters/captain-reyes") in pair
    assert ("characters/captain-reyes", "characters/elena-voss") not in pair  # related in canon
    assert ("characters/ines-marrow", "characters/pilar-anselm") not in pair  # Ines is only remembered


def test_nothing_to_suggest(tmp_path, cli):
    root = write_project(tmp_path / "quiet", scenes={"01-a/01-b.md": ("status: draft\n", "It rained.\n")},
                         canon={}, config=CONFIG)
    result = cli("suggest", cwd=root)
    assert (result.exit_code, result.stdout) == (0, (
        "Nothing to suggest: no name seen at least 3 times is missing from the canon, and every pair of "
        "characters who share scenes has a relationship.\n"))


def test_organisations_are_not_characters(tmp_path, cli):
    """"the Lighthouse Board" and "The Harbour Committee" are bodies of people, not people."""
    body = ("The Lighthouse Board met at noon. Elena said the Lighthouse Board would never pay, and she "
            "laughed.\n\n\"Ask the Lighthouse Board,\" said Reyes. The Harbour Committee sat all week.\n\n"
            "The Harbour Committee said no. Later the Harbour Committee said yes, and the Lighthouse Board "
            "agreed.\n")
    root = write_project(tmp_path / "org", scenes={"01-one/01-a.md": (CARD_EP, body)}, canon=CANON)
    kinds = {s["name"]: s["kind"] for s in _suggest(cli, root)["entities"]}
    assert kinds["Lighthouse Board"] == "faction"
    assert kinds["Harbour Committee"] == "faction"

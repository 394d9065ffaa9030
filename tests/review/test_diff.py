"""`narrative diff` on a real history: each change is reported right in text, Markdown and JSON."""

from __future__ import annotations

import json

import pytest

from tests.conftest import git

ARRIVAL = "manuscript/01-arrival"
LIGHT_ONES = "manuscript/03-greywell/02-the-light-ones.md"


def diff_json(cli, history, *revs: str) -> dict:
    result = cli("diff", *revs, "--format", "json", "--project", str(history.root))
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_renumbered_scene_is_a_move_not_a_delete_and_add(cli, history):
    c = history.commits
    data = diff_json(cli, history, c["start"], c["move"])
    assert data["scenes"] == [{
        "status": "changed", "old_path": f"{ARRIVAL}/02-the-customs-house.md",
        "new_path": f"{ARRIVAL}/04-the-customs-house.md", "title": "The Customs House", "move": "renumbered",
        "lifecycle": None, "similarity": 1.0, "words": {"added": 0, "removed": 0}, "fields": [], "sentences": []}]
    assert data["summary"]["text"] == "1 scene (1 moved); words +0 -0"
    assert data["chapters"] == [] and data["canon"] == []


def test_renamed_character_is_a_rename_with_its_name_field(cli, history):
    c = history.commits
    data = diff_json(cli, history, f"{c['move']}..{c['rename']}")
    ines = [e for e in data["canon"] if e["renamed"]]
    assert ines == [{"status": "changed", "kind": "characters", "ref": "characters/ines-harrow",
                     "old_ref": "characters/ines-marrow", "new_ref": "characters/ines-harrow",
                     "name": "Ines Harrow", "renamed": True, "lifecycle": None,
                     "fields": [{"field": "name", "old": "Ines Marrow", "new": "Ines Harrow"}]}]
    assert not [e for e in data["canon"] if e["status"] != "changed"]
    brine_kin = next(e for e in data["canon"] if e["ref"] == "factions/the-brine-kin")
    assert brine_kin["fields"] == [{"field": "members", "old": ["captain-reyes", "elena-voss", "ines-marrow"],
                                    "new": ["captain-reyes", "elena-voss", "ines-harrow"]}]
    ines_scene = next(s for s in data["scenes"] if s["new_path"].endswith("02-ines.md"))
    assert ines_scene["fields"] == [{"field": "participants", "old": ["elena-voss", "ines-marrow"],
                                     "new": ["elena-voss", "ines-harrow"]}]
    assert data["summary"]["canon"]["renamed"] == 1


def test_edited_scene_card_field_by_field_and_the_changed_sentence(cli, history):
    c = history.commits
    data = diff_json(cli, history, c["rename"], c["card"])
    [scene] = data["scenes"]
    assert scene["new_path"] == f"{ARRIVAL}/01-dockside.md" and scene["move"] is None
    assert scene["fields"] == [{"field": "exiting_value", "old": "fear", "new": "dread"},
                               {"field": "status", "old": "final", "new": "revised"}]
    assert scene["sentences"] == [{
        "kind": "changed", "old": "She counted them again.", "new": "She counted them a third time, slowly.",
        "words": [["=", "She counted them "], ["-", "again"], ["+", "a third time, slowly"], ["=", "."]]}]
    assert scene["words"] == {"added": 4, "removed": 1}
    assert data["summary"]["text"] == "1 scene (1 edited, 1 card changed); words +4 -1"


def test_soft_delete_and_restore_by_name(cli, history):
    c = history.commits
    deleted = diff_json(cli, history, c["card"], c["delete"])
    assert [(s["new_path"], s["title"], s["lifecycle"], s["fields"]) for s in deleted["scenes"]] == [
        (LIGHT_ONES, "The Light Ones", "deleted", [])]
    assert [(e["ref"], e["name"], e["lifecycle"], e["fields"]) for e in deleted["canon"]] == [
        ("characters/pilar-anselm", "Pilar Anselm", "deleted", [])]
    restored = diff_json(cli, history, c["delete"], c["restore"])
    assert [(s["title"], s["lifecycle"]) for s in restored["scenes"]] == [("The Light Ones", "restored")]
    assert [(e["name"], e["lifecycle"]) for e in restored["canon"]] == [("Pilar Anselm", "restored")]
    assert restored["summary"]["text"] == \
        "1 scene (1 restored); words +0 -0; 1 canon change (1 restored)"


def test_whole_history_text_output(cli, history):
    c = history.commits
    result = cli("diff", c["start"], c["card"], "--project", str(history.root))
    assert result.exit_code == 0
    out = result.stdout
    assert f"Story diff {c['start'][:10]} -> {c['card'][:10]}" in out
    assert (f"  {ARRIVAL}/02-the-customs-house.md -> {ARRIVAL}/04-the-customs-house.md  "
            f"\"The Customs House\"  renumbered") in out
    assert f"  {ARRIVAL}/01-dockside.md  \"Dockside\"  edited (+4 -1 words), card changed" in out
    assert '    exiting_value: "fear" -> "dread"' in out
    assert "      ~ She counted them [-again-]{+a third time, slowly+}." in out
    assert "  characters/ines-marrow -> characters/ines-harrow  \"Ines Harrow\"  renamed, fields changed" in out
    assert '    name: "Ines Marrow" -> "Ines Harrow"' in out
    assert "\x1b[" not in out


def test_markdown_for_a_pull_request(cli, history):
    c = history.commits
    result = cli("diff", f"{c['start']}...{c['restore']}", "--format", "markdown", "--project", str(history.root))
    assert result.exit_code == 0
    md = result.stdout
    assert md.startswith(f"### Story diff `{c['start'][:10]}` → `{c['restore'][:10]}`\n")
    assert (f"- **The Customs House** `{ARRIVAL}/02-the-customs-house.md` → "
            f"`{ARRIVAL}/04-the-customs-house.md`: renumbered") in md
    assert f"- **Dockside** `{ARRIVAL}/01-dockside.md`: edited (+4 −1 words), card changed" in md
    assert "  - `exiting_value`: `fear` → `dread`" in md
    assert "  - ✏️ She counted them ~~again~~ **a third time, slowly**." in md
    assert ("- **Ines Harrow** `characters/ines-marrow` → `characters/ines-harrow`: renamed, fields changed"
            in md)
    assert "  - `name`: `Ines Marrow` → `Ines Harrow`" in md
    # deleted then restored: no net change, so neither is reported
    assert "Light Ones" not in md and "Pilar" not in md


def test_default_is_head_against_the_working_tree(cli, example):
    scene = example / f"{ARRIVAL}/03-salt-on-the-tongue.md"
    scene.write_text(scene.read_text(encoding="utf-8").rstrip("\n") + "\n\nThe gulls laughed.\n", encoding="utf-8")
    result = cli("diff", "--format", "json", cwd=example)
    data = json.loads(result.stdout)
    assert data["new"] == {"rev": "working tree", "commit": None}
    assert data["old"]["rev"] == "HEAD"
    [s] = data["scenes"]
    assert s["sentences"] == [{"kind": "added", "old": None, "new": "The gulls laughed.", "words": []}]
    assert s["words"] == {"added": 3, "removed": 0}


def test_rewrapped_paragraph_is_not_a_change(cli, example):
    scene = example / f"{ARRIVAL}/01-dockside.md"
    text = scene.read_text(encoding="utf-8")
    scene.write_text(text.replace("The town smelled of brine and tar and money. It always had.",
                                  "The town smelled of brine and tar\nand money.\nIt always had."), encoding="utf-8")
    result = cli("diff", "--exit-code", cwd=example)
    assert (result.exit_code, result.stdout) == (0, f"Story diff {git(example, 'rev-parse', 'HEAD')[:10]} -> "
                                                    "working tree\nno story changes\n")


def test_exit_code_flag_reports_changes(cli, history):
    c = history.commits
    assert cli("diff", c["start"], c["move"], "--exit-code", "--project", str(history.root)).exit_code == 1


def test_scene_moved_to_another_chapter_and_chapter_renumbered(cli, example):
    git(example, "mv", "manuscript/03-greywell", "manuscript/04-greywell")
    git(example, "mv", "manuscript/04-greywell/04-the-knot.md", "manuscript/02-the-road-inland/04-the-knot.md")
    data = diff_json(cli, type("H", (), {"root": example}), "HEAD")
    assert [(c["old_path"], c["new_path"], c["move"]) for c in data["chapters"]] == [
        ("manuscript/03-greywell", "manuscript/04-greywell", "renumbered")]
    assert [(s["old_path"], s["new_path"], s["move"]) for s in data["scenes"]] == [
        ("manuscript/03-greywell/04-the-knot.md", "manuscript/02-the-road-inland/04-the-knot.md", "moved")]


@pytest.mark.parametrize("args, message", [
    (("nope",), "narrative: error: unknown revision 'nope'\n"
                "  hint: name a commit, branch or tag (`git log --oneline` lists them)\n"),
    (("HEAD..HEAD", "HEAD"), "narrative: error: give either a range A..B or two revisions, not both\n"),
])
def test_bad_revisions_exit_2_with_a_clear_message(cli, history, args, message):
    result = cli("diff", *args, "--project", str(history.root))
    assert (result.exit_code, result.stderr) == (2, message)


def test_not_a_git_repository(cli, tmp_path):
    import shutil

    from tests.conftest import EXAMPLE

    shutil.copytree(EXAMPLE, tmp_path / "book")
    result = cli("diff", "--project", str(tmp_path / "book"))
    assert result.exit_code == 2
    assert "is not in a Git repository" in result.stderr


def test_a_file_that_does_not_load_is_named_not_shown_as_removed(cli, example):
    (example / "canon" / "characters" / "elena-voss.yaml").write_text("name: [unclosed\n", encoding="utf-8")
    data = diff_json(cli, type("H", (), {"root": example}))
    assert data["notes"] == ["1 file at working tree does not load and is left out: "
                             "canon/characters/elena-voss.yaml (`narrative validate` says why)"]
    assert data["canon"] == [] and data["scenes"] == []
    text = cli("diff", cwd=example)
    assert text.stderr == ("note: 1 file at working tree does not load and is left out: "
                           "canon/characters/elena-voss.yaml (`narrative validate` says why)\n")


def test_new_chapter_and_scene_are_added_with_their_words(cli, example):
    chapter = example / "manuscript" / "04-the-return"
    chapter.mkdir()
    (chapter / "chapter.yaml").write_text("title: The Return\n", encoding="utf-8")
    (chapter / "01-home.md").write_text("---\ntitle: Home\n---\nShe came home. The door was open.\n",
                                        encoding="utf-8")
    data = diff_json(cli, type("H", (), {"root": example}))
    assert [(c["status"], c["new_path"], c["title"]) for c in data["chapters"]] == [
        ("added", "manuscript/04-the-return", "The Return")]
    assert [(s["status"], s["new_path"], s["words"]) for s in data["scenes"]] == [
        ("added", "manuscript/04-the-return/01-home.md", {"added": 7, "removed": 0})]
    assert data["summary"]["text"] == "1 chapter (1 added); 1 scene (1 added); words +7 -0"

"""`narrative mv`, `renumber`, `rename` on real Git repositories, read back with git, `history` and `diff`."""

from __future__ import annotations

import json
import subprocess

from narrative_cli.move_ops import Slot, assign_numbers
from tests.conftest import git
from tests.trust_fixtures import governed, keyring, use_key  # noqa: F401  (shared fixtures)
from tests.foundation.conftest import snapshot


def tree(root, folder="manuscript") -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in (root / folder).rglob("*") if p.is_file())


def renames(root, rev="HEAD") -> set[tuple[str, str]]:
    """(old, new) pairs git itself sees as renames in one commit, at 100% similarity."""
    out = git(root, "show", "-M", "--name-status", "--format=", rev)
    return {(p[1], p[2]) for p in (line.split("\t") for line in out.splitlines()) if p[0] == "R100"}


def test_numbers_change_only_where_they_must():
    assert assign_numbers([Slot(1, "a"), Slot(None, "x"), Slot(3, "b")]) == [1, 2, 3]
    assert assign_numbers([Slot(10, "a"), Slot(None, "x"), Slot(20, "b")]) == [10, 15, 20]
    assert assign_numbers([Slot(None, "x"), Slot(1, "a"), Slot(2, "b"), Slot(5, "c")]) == [1, 2, 3, 5]
    assert assign_numbers([Slot(10, "a"), Slot(None, "x")], step=10) == [10, 20]


def test_move_scene_to_another_chapter_first(example, cli):
    before = {p: (example / p).read_bytes() for p in tree(example)}
    result = cli("mv", "03-02", "--to", "1", "--after", "0", cwd=example)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Move scene manuscript/03-greywell/02-the-light-ones.md to "
                                    "manuscript/01-arrival/01-the-light-ones.md (commit ")
    assert renames(example) == {
        ("manuscript/03-greywell/02-the-light-ones.md", "manuscript/01-arrival/01-the-light-ones.md"),
        ("manuscript/01-arrival/01-dockside.md", "manuscript/01-arrival/02-dockside.md"),
        ("manuscript/01-arrival/02-the-customs-house.md", "manuscript/01-arrival/03-the-customs-house.md"),
        ("manuscript/01-arrival/03-salt-on-the-tongue.md", "manuscript/01-arrival/04-salt-on-the-tongue.md"),
    }
    # same bytes under the new names; nothing else changed; the work tree is clean
    assert (example / "manuscript/01-arrival/01-the-light-ones.md").read_bytes() == \
        before["manuscript/03-greywell/02-the-light-ones.md"]
    assert git(example, "status", "--porcelain") == ""
    assert cli("validate", cwd=example).exit_code == 0
    follow = git(example, "log", "--follow", "--format=%s", "--", "manuscript/01-arrival/01-the-light-ones.md")
    assert follow.splitlines() == [result.stdout.split(" (commit")[0], "Initial import"]


def test_history_and_diff_follow_a_move(example, cli):
    cli("mv", "03-02", "--to", "1", "--after", "0", cwd=example)
    history = cli("history", "01-01", "-f", "json", cwd=example)
    events = json.loads(history.stdout)
    assert [e["renamed_from"] for e in events] == [None, "manuscript/03-greywell/02-the-light-ones.md"]
    assert events[0]["fields"]  # the creation of the scene, found across the rename
    diff = cli("diff", "HEAD~1", "HEAD", cwd=example)
    assert diff.exit_code == 0
    assert ("manuscript/03-greywell/02-the-light-ones.md -> manuscript/01-arrival/01-the-light-ones.md"
            "  \"The Light Ones\"  moved") in diff.stdout
    assert "words +0 -0" in diff.stdout


def test_move_inside_its_chapter_takes_the_gap(example, cli):
    assert cli("renumber", cwd=example).exit_code == 0
    result = cli("mv", "30-40", "--after", "10", cwd=example)
    assert result.exit_code == 0, result.stderr
    assert renames(example) == {("manuscript/30-greywell/40-the-knot.md", "manuscript/30-greywell/15-the-knot.md")}


def test_move_chapter(example, cli):
    result = cli("mv", "3", "--after", "0", cwd=example)
    assert result.exit_code == 0, result.stderr
    assert [p.name for p in sorted((example / "manuscript").iterdir())] == \
        ["01-greywell", "02-arrival", "03-the-road-inland"]
    moved = renames(example)
    assert ("manuscript/03-greywell/chapter.yaml", "manuscript/01-greywell/chapter.yaml") in moved
    assert len(moved) == 13  # every file of the three chapters, each a pure rename
    assert git(example, "status", "--porcelain") == ""
    diff = cli("diff", "HEAD~1", "HEAD", cwd=example).stdout
    assert "manuscript/03-greywell -> manuscript/01-greywell  \"Greywell\"  renumbered" in diff


def test_renumber(example, cli):
    result = cli("renumber", "--step", "10", cwd=example)
    assert result.exit_code == 0, result.stderr
    assert tree(example)[:5] == ["manuscript/10-arrival/10-dockside.md", "manuscript/10-arrival/20-the-customs-house.md",
                                 "manuscript/10-arrival/30-salt-on-the-tongue.md", "manuscript/10-arrival/chapter.yaml",
                                 "manuscript/20-the-road-inland/10-the-salt-gate.md"]
    assert len(renames(example)) == 13
    again = cli("renumber", "--step", "10", cwd=example)
    assert again.exit_code == 2
    assert again.stderr == ("narrative: error: every prefix is already a multiple of 10 in order; "
                            "nothing to renumber\n")
    # the hint `new scene --after` gives now works: there is room
    assert cli("new", "scene", "Before", "--chapter", "10", "--after", "0", cwd=example).exit_code == 0
    assert (example / "manuscript/10-arrival/05-before.md").exists()


def test_bad_moves_change_nothing(example, cli):
    before = snapshot(example)
    head = git(example, "rev-parse", "HEAD")
    cases = {
        ("mv", "03-02", "--to", "9"): "narrative: error: no chapter '9'\n",
        ("mv", "03-02", "--to", "1", "--after", "7"): "narrative: error: there is no scene numbered 7 in "
                                                       "manuscript/01-arrival\n",
        ("mv", "2"): "narrative: error: say where chapter 2 goes\n  hint: narrative mv 2 --after N (0 = first)\n",
        ("mv", "03-02"): "narrative: error: manuscript/03-greywell/02-the-light-ones.md is already in "
                         "manuscript/03-greywell\n",
    }
    for args, message in cases.items():
        result = cli(*args, cwd=example)
        assert result.exit_code == 2, args
        assert result.stderr.startswith(message), result.stderr
    assert snapshot(example) == before
    assert git(example, "rev-parse", "HEAD") == head


def test_rename_with_new_id_moves_references(example, cli):
    elena = (example / "canon/characters/elena-voss.yaml").read_text()
    result = cli("rename", "Pip", "Pilar Anselmo", "--id", "pilar-anselmo", "-f", "json", cwd=example)
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert len(report["commits"]) == 2
    assert "canon/characters/elena-voss.yaml" in report["references"]
    assert "manuscript/03-greywell/04-the-knot.md" in report["references"]
    # the id commit is a pure rename of the entity file
    assert ("canon/characters/pilar-anselm.yaml", "canon/characters/pilar-anselmo.yaml") in renames(example, "HEAD~1")
    # a reference edited in place: comments, order and everything else byte for byte
    after = (example / "canon/characters/elena-voss.yaml").read_text()
    assert after == elena.replace("  - to: pilar-anselm\n", "  - to: pilar-anselmo\n")
    assert "pilar-anselm\n" not in git(example, "grep", "-h", "pilar-anselm", "--", "canon", "manuscript") \
        .replace("pilar-anselmo", "")
    assert cli("validate", cwd=example).exit_code == 0
    # prose mentions of the old name are listed, and left alone
    mentions = report["mentions"]
    assert [(m["path"], m["line"]) for m in mentions] == [("manuscript/01-arrival/02-the-customs-house.md", 72),
                                                          ("manuscript/02-the-road-inland/01-the-salt-gate.md", 54),
                                                          ("manuscript/03-greywell/02-the-light-ones.md", 65)]
    for m in mentions:
        line = (example / m["path"]).read_text().split("\n")[m["line"] - 1]
        assert "Pilar Anselm" in line and "Pilar Anselmo" not in line
    history = json.loads(cli("history", "pilar-anselmo", "-f", "json", cwd=example).stdout)
    assert history[-2]["renamed_from"] == "canon/characters/pilar-anselm.yaml"
    assert history[-1]["fields"] == [{"field": "name", "old": "Pilar Anselm", "new": "Pilar Anselmo"}]


def test_rename_by_editor_in_governed_project(governed, keyring, use_key, cli):
    """A rename is an edit: the EDITOR may make it (the moved blob is the same)."""
    use_key(keyring["ada"])
    assert cli("new", "character", "Wren Hollis", cwd=governed).exit_code == 0
    use_key(keyring["eve"])
    result = cli("rename", "wren-hollis", "Wren Hollis", "--id", "wren", cwd=governed)
    assert result.exit_code == 0, result.stderr
    from narrative_cli.history.verify import verify

    assert verify(governed, full=True).ok


def test_rename_errors(example, cli):
    before = snapshot(example)
    cases = {
        ("rename", "elena-voss", "Elena Voss"): "narrative: error: characters/elena-voss is already called "
                                                "'Elena Voss'\n",
        ("rename", "elena-voss", "X", "--id", "Bad Id"): "narrative: error: invalid id 'Bad Id'\n",
        ("rename", "elena-voss", "X", "--id", "pilar-anselm"): "narrative: error: canon/characters/pilar-anselm.yaml "
                                                              "already exists\n",
        ("rename", "nobody-at-all", "X"): "narrative: error: nothing is called 'nobody-at-all'\n",
    }
    for args, message in cases.items():
        result = cli(*args, cwd=example)
        assert result.exit_code == 2, args
        assert result.stderr.startswith(message), result.stderr
    assert snapshot(example) == before


def test_mv_as_a_real_process(example, narrative_bin):
    """The installed entry point, in a real process: one commit, and git log --follow agrees."""
    done = subprocess.run(["narrative", "mv", "02-02", "--to", "3"], cwd=example, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert renames(example) == {("manuscript/02-the-road-inland/02-ines.md", "manuscript/03-greywell/05-ines.md")}

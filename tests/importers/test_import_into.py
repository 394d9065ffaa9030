"""`--into`: chapters appended after the last one as one audited commit; signed and
permission-checked under a manifest; the project's own canon never overwritten."""

from __future__ import annotations

import json

from narrative_cli.store.project import load_project
from tests.conftest import git
from tests.importers.nw_project import write_project

MD = "# The Return\n\nElena came back by the *north* road.\n\n***\n\nThe harbour was empty.\n"


def test_into_appends_after_the_last_chapter_in_one_commit(cli, example, tmp_path):
    before = load_project(example)
    commits = len(git(example, "log", "--format=%H").split())
    (tmp_path / "more.md").write_text(MD)
    result = cli("import", str(tmp_path / "more.md"), "--into", str(example))
    assert result.exit_code == 0, result.stderr
    after = load_project(example)
    assert [c.rel for c in after.chapters[:-1]] == [c.rel for c in before.chapters]
    new = after.chapters[-1]
    assert new.number > before.chapters[-1].number and new.card.title == "The Return"
    assert [s.body for s in new.scenes] == ["Elena came back by the *north* road.\n", "The harbour was empty.\n"]
    assert len(git(example, "log", "--format=%H").split()) == commits + 1
    assert git(example, "status", "--porcelain") == ""
    assert "Narrative-Action: create" in git(example, "log", "-1", "--format=%B")


def test_into_keeps_the_projects_own_canon(cli, example, tmp_path):
    (example / "canon" / "characters" / "ada-brand.yaml").write_text("name: Ada Brand\nsummary: Mine.\n")
    git(example, "add", "-A")
    git(example, "commit", "-qm", "ada")
    result = cli("import", str(write_project(tmp_path / "nw")), "--into", str(example), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["canon_kept_existing"] == ["characters/ada-brand"]
    assert (example / "canon" / "characters" / "ada-brand.yaml").read_text() == "name: Ada Brand\nsummary: Mine.\n"
    scenes = [s for s in load_project(example).all_scenes() if s.card.title == "Arrival"]
    assert scenes[0].card.pov == "ada-brand"


def test_into_a_governed_project_is_signed_and_checked(cli, governed, keyring, use_key, tmp_path):
    (tmp_path / "more.md").write_text(MD)
    use_key(keyring["vic"])  # a VIEWER
    denied = cli("import", str(tmp_path / "more.md"), "--into", str(governed))
    assert denied.exit_code == 3, denied.stderr
    assert not any(p.name.endswith("the-return") for p in (governed / "manuscript").iterdir())
    use_key(keyring["ada"])
    done = cli("import", str(tmp_path / "more.md"), "--into", str(governed))
    assert done.exit_code == 0, done.stderr
    verified = cli("verify", "--project", str(governed))
    assert verified.exit_code == 0, verified.stdout + verified.stderr


def test_a_new_project_is_signed_when_a_key_is_set_up(cli, keyring, use_key, tmp_path):
    use_key(keyring["ada"])
    (tmp_path / "more.md").write_text(MD)
    assert cli("import", str(tmp_path / "more.md"), str(tmp_path / "book")).exit_code == 0
    assert (tmp_path / "book" / "manifest.yaml").is_file()
    verified = cli("verify", "--project", str(tmp_path / "book"))
    assert verified.exit_code == 0, verified.stdout + verified.stderr

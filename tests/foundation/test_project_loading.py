"""Finding and loading a project: discovery, symlinks that leave the project, partial loads."""

from __future__ import annotations

import os

import pytest

from narrative_cli.checks import validate
from narrative_cli.errors import ProjectNotFound
from narrative_cli.store.project import find_project, load_project
from tests.foundation.conftest import snapshot, write


def lines(project) -> list[str]:
    return [d.format() for d in validate(load_project(project))]


def test_base_project_loads_clean(project):
    loaded = load_project(project)
    assert lines(project) == []
    assert loaded.config.title == "The Test Book"
    assert sorted(r.ref for r in loaded.all_entities()) == [
        "characters/captain-reyes", "characters/elena-voss", "events/the-drowning", "locations/harbor-town"]
    assert [(s.ref, s.title, s.body_line) for s in loaded.all_scenes()] == [("01-01", "Dockside", 8)]


def test_find_project_walks_upwards(project):
    deep = project / "manuscript" / "01-arrival"
    assert find_project(deep) == project.resolve()


def test_find_project_stops_with_a_hint(tmp_path):
    with pytest.raises(ProjectNotFound) as caught:
        find_project(tmp_path)
    assert caught.value.message == f"no narrative project in {tmp_path.resolve()} or any parent folder"
    assert caught.value.hint == ("run inside a project, pass --project PATH, "
                                 "or create one with `narrative init PATH`")


def test_explicit_project_must_hold_narrative_yaml(tmp_path):
    with pytest.raises(ProjectNotFound) as caught:
        find_project(explicit=tmp_path)
    assert caught.value.message == f"{tmp_path} is not a narrative project (no narrative.yaml)"


@pytest.mark.parametrize("how", ["cwd-subfolder", "--project", "-P", "positional"])
def test_validate_finds_the_project_every_way(project, cli, tmp_path, how):
    write(project, "canon/characters/ines-marrow.yaml", "status: dead\n")
    args = {"cwd-subfolder": [], "--project": ["--project", str(project)], "-P": ["-P", str(project)],
            "positional": [str(project)]}[how]
    cwd = project / "canon" / "characters" if how == "cwd-subfolder" else tmp_path
    result = cli("validate", *args, cwd=cwd)
    assert result.exit_code == 1
    assert result.stdout.startswith("canon/characters/ines-marrow.yaml:1:1: error N202: missing required key 'name'")


def test_positional_and_project_must_agree(project, cli, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    result = cli("validate", str(project), "--project", str(other), cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stderr == ("narrative: error: give the project either as PATH or as --project, "
                             "not two different ones\n")


@pytest.mark.parametrize("command", [["validate"], ["list", "characters"], ["show", "x"], ["rm", "x"],
                                     ["new", "character", "X"], ["new", "chapter", "X"]])
def test_no_project_exits_2(cli, tmp_path, command):
    result = cli(*command, cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stderr == (f"narrative: error: no narrative project in {tmp_path.resolve()} or any parent folder\n"
                             "  hint: run inside a project, pass --project PATH, or create one with "
                             "`narrative init PATH`\n")


# -- symbolic links -------------------------------------------------------------

OUTSIDE = ("error N005: symbolic link points outside the project\n"
           "  hint: copy the file into the project instead of linking to it")


@pytest.fixture
def secret(tmp_path):
    path = tmp_path / "secret"
    path.mkdir()
    (path / "passwords.yaml").write_text("name: Root Password\n")
    (path / "01-x.md").write_text("secret prose\n")
    return path


@pytest.mark.parametrize("rel, target", [
    ("canon/characters/ines-marrow.yaml", "passwords.yaml"),
    ("manuscript/01-arrival/02-stolen.md", "01-x.md"),
    ("manuscript/02-stolen", ""),
    ("canon/items", ""),
])
def test_symlinks_leaving_the_project_are_errors_never_followed(project, cli, secret, rel, target):
    (project / rel).symlink_to(secret / target if target else secret)
    before = snapshot(project)
    result = cli("validate", cwd=project)
    assert result.exit_code == 1
    assert result.stdout == f"{rel}:1:1: {OUTSIDE}\n1 error, 0 warnings\n"
    assert "Root Password" not in str(load_project(project).entities)
    assert snapshot(project) == before


@pytest.mark.parametrize("folder", ["canon", "manuscript"])
def test_symlinked_top_folder_is_not_followed(project, cli, secret, folder):
    os.rename(project / folder, project / f"{folder}-real")
    (project / folder).symlink_to(secret)
    result = cli("validate", cwd=project)
    assert result.exit_code == 1
    assert f"{folder}:1:1: {OUTSIDE}\n" in result.stdout
    assert "Root Password" not in str(load_project(project).entities)


def test_symlink_inside_the_project_is_a_warning(project, cli):
    (project / "canon/characters/elena.yaml").symlink_to(project / "canon/characters/elena-voss.yaml")
    result = cli("validate", cwd=project)
    assert result.exit_code == 0
    assert result.stdout == ("canon/characters/elena.yaml:1:1: warning N005: symbolic link inside the project "
                             "is ignored\n  hint: move the file here; links do not survive every checkout and "
                             "cannot be verified\n0 errors, 1 warning\n")


def test_symlink_loop_and_dangling_link_do_not_crash(project, cli):
    (project / "canon/characters/loop.yaml").symlink_to(project / "canon/characters/loop.yaml")
    (project / "canon/characters/gone.yaml").symlink_to("/nonexistent/gone.yaml")
    result = cli("validate", cwd=project)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == "canon/characters/gone.yaml:1:1: " + OUTSIDE.split("\n")[0]
    assert result.stdout.splitlines()[2] == "canon/characters/loop.yaml:1:1: " + OUTSIDE.split("\n")[0]


def test_symlinked_narrative_yaml_inside_is_an_error(project, cli):
    os.rename(project / "narrative.yaml", project / "real.yaml")
    (project / "narrative.yaml").symlink_to(project / "real.yaml")
    result = cli("validate", cwd=project)
    assert result.exit_code == 1
    assert result.stdout.startswith("narrative.yaml:1:1: error N005: symbolic link inside the project is ignored")


# -- other whole-file problems ---------------------------------------------------

def test_file_over_one_mib_is_refused(project, cli):
    write(project, "canon/characters/huge.yaml", "name: Huge\nnotes: " + "x" * (1024 * 1024) + "\n")
    result = cli("validate", cwd=project)
    assert result.exit_code == 1
    assert result.stdout == ("canon/characters/huge.yaml:1:1: error N004: file is 1.0 MiB, larger than the 1 MiB "
                             "limit\n  hint: split it into smaller files\n1 error, 0 warnings\n")


def test_control_character_is_located(project):
    write(project, "canon/characters/ines-marrow.yaml", "name: Ines\nnotes: bell\x07 rang\n")
    assert lines(project) == ["canon/characters/ines-marrow.yaml:2:12: error N101: invalid YAML: character U+0007 "
                              "is not allowed\n  hint: remove the control character; YAML files hold printable text"]


def test_nul_after_the_first_8_kib_is_still_binary(project):
    write(project, "canon/characters/ines-marrow.yaml", b"name: Ines\nnotes: " + b"x" * 9000 + b"\x00\n")
    assert lines(project)[0].startswith("canon/characters/ines-marrow.yaml:")
    assert " error N" in lines(project)[0]


def test_crlf_bom_and_latin_text_load(project):
    write(project, "canon/characters/ines-marrow.yaml", "\ufeffname: Inès Marrow\r\nstatus: dead\r\n".encode())
    assert lines(project) == []
    assert load_project(project).entities["characters"]["ines-marrow"].model.name == "Inès Marrow"


def test_empty_scene_and_chapter_card_are_fine(project):
    write(project, "manuscript/01-arrival/02-empty.md", "")
    write(project, "manuscript/01-arrival/chapter.yaml", "")
    assert lines(project) == []


def test_empty_narrative_yaml(project, cli):
    write(project, "narrative.yaml", "\n")
    result = cli("validate", cwd=project)
    assert result.exit_code == 1
    assert result.stdout == ("narrative.yaml:1:1: error N006: empty file\n  hint: narrative.yaml needs format, title, "
                             "author and identifier; `narrative init` writes one\n1 error, 0 warnings\n")


def test_front_matter_errors_are_reported_at_file_lines(project):
    write(project, "manuscript/01-arrival/02-x.md", "---\ntitle: X\nstatus: draft\nstatus: final\n---\nProse.\n")
    assert lines(project) == ["manuscript/01-arrival/02-x.md:4:1: error N102: duplicate key 'status'\n"
                              "  hint: each key may appear once; merge the two values"]


def test_problems_are_all_collected_and_sorted(project):
    write(project, "canon/characters/b.yaml", "name: [\n")
    write(project, "canon/characters/a.yaml", "nme: A\n")
    write(project, "manuscript/01-arrival/02-x.md", "---\npov: nobody\n---\n")
    found = [line.split(" ")[0] for line in lines(project) if not line.startswith(" ")]
    assert found == ["canon/characters/a.yaml:1:1:", "canon/characters/a.yaml:1:1:",
                     "canon/characters/b.yaml:2:1:", "manuscript/01-arrival/02-x.md:2:1:"]


def test_named_pipe_does_not_hang(project, cli):
    os.mkfifo(project / "canon/characters/pipe.yaml")
    result = cli("validate", cwd=project)
    assert result.exit_code == 1
    assert result.stdout == ("canon/characters/pipe.yaml:1:1: error N001: cannot read file: not a regular file\n"
                             "  hint: canon and scenes are plain files; remove or rename this one\n"
                             "1 error, 0 warnings\n")


def test_folder_named_like_a_file_is_reported(project, cli):
    (project / "canon/characters/folder.yaml").mkdir()
    (project / "manuscript/01-arrival/02-folder.md").mkdir()
    result = cli("validate", cwd=project)
    assert result.exit_code == 0
    assert result.stdout == (
        "canon/characters/folder.yaml:1:1: warning N305: not a canon file; ignored\n"
        "  hint: canon folders hold only <id>.yaml files\n"
        "manuscript/01-arrival/02-folder.md:1:1: warning N305: unexpected file; manuscript/ holds "
        "scene files (NN-slug.md) and chapter.yaml\n0 errors, 2 warnings\n")


def test_chapter_yaml_that_is_a_folder(project, cli):
    os.remove(project / "manuscript/01-arrival/chapter.yaml")
    (project / "manuscript/01-arrival/chapter.yaml").mkdir()
    assert cli("validate", cwd=project).stdout.startswith(
        "manuscript/01-arrival/chapter.yaml:1:1: error N001: cannot read file: not a regular file\n")


def test_reference_in_a_card_closed_by_dots_is_located(project):
    write(project, "manuscript/01-arrival/02-x.md", "--- \ntitle: X\n\npov: nobody\n...\nProse --- more.\n")
    assert lines(project)[0].startswith("manuscript/01-arrival/02-x.md:4:1: error N401: pov: 'nobody' does not exist")


def test_cover_symlinked_out_of_the_project(project, cli, secret):
    write(project, "narrative.yaml", (project / "narrative.yaml").read_text() + "cover: assets/cover.jpg\n")
    (project / "assets").mkdir()
    (project / "assets" / "cover.jpg").symlink_to(secret / "passwords.yaml")
    result = cli("validate", cwd=project)
    assert (result.exit_code, result.stdout) == (1, (
        "narrative.yaml:7:1: error N308: 'assets/cover.jpg' leaves the project\n"
        "  hint: it is a symbolic link: copy the file into assets/ instead\n1 error, 0 warnings\n"))

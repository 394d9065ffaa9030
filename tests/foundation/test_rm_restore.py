"""`narrative rm` (soft delete) and `narrative restore`: round-trip edits lose nothing."""

from __future__ import annotations


import pytest

from tests.conftest import EXAMPLE, git
from tests.foundation.conftest import snapshot, write

CANON = sorted(p.relative_to(EXAMPLE).as_posix() for p in (EXAMPLE / "canon").rglob("*.yaml"))
SCENES = sorted(p.relative_to(EXAMPLE).as_posix() for p in (EXAMPLE / "manuscript").rglob("*.md"))


def _ref(rel: str) -> str:
    kind, name = rel.split("/")[1:]
    return f"{kind}/{name.removesuffix('.yaml')}"


@pytest.mark.parametrize("rel", CANON + SCENES)
def test_rm_then_restore_gives_back_identical_bytes(example, cli, rel):
    before = (example / rel).read_bytes()
    ref = _ref(rel) if rel.startswith("canon/") else rel
    assert cli("rm", ref, cwd=example).exit_code == 0
    deleted = (example / rel).read_text(encoding="utf-8")
    assert "deleted_at: " in deleted and "deleted_by: writer@example.org" in deleted
    assert cli("restore", ref, cwd=example).exit_code == 0
    assert (example / rel).read_bytes() == before


def test_rm_keeps_comments_order_and_quoting(project, cli):
    text = ("# Elena: the point-of-view character\nname: Elena Voss   # display name\n"
            "aliases: [Elena, 'Voss']\nstatus: \"alive\"\nsummary: >-\n  A smuggler\n  of the coast.\n")
    write(project, "canon/characters/elena-voss.yaml", text)
    git(project, "commit", "-qam", "edit")
    result = cli("rm", "characters/elena-voss", cwd=project)
    assert result.exit_code == 0, result.stderr
    after = (project / "canon/characters/elena-voss.yaml").read_text()
    assert after.startswith(text)
    assert after[len(text):].startswith("deleted_at: '")
    assert after.endswith("deleted_by: writer@example.org\n")


def test_rm_commits_with_trailers_and_hides_from_listing(project, cli):
    result = cli("rm", "captain-reyes", cwd=project)
    assert result.exit_code == 0
    assert result.stdout.startswith("Delete characters/captain-reyes: canon/characters/captain-reyes.yaml (commit ")
    message = git(project, "log", "-1", "--format=%B")
    assert message.startswith("Delete characters/captain-reyes\n\nNarrative-Action: delete\n"
                              "Narrative-Entity: characters/captain-reyes\n"
                              "Narrative-Field: characters/captain-reyes deleted_at - -> \"")
    assert "captain-reyes" not in cli("list", "characters", cwd=project).stdout
    assert "captain-reyes" in cli("list", "characters", "--deleted", cwd=project).stdout
    validate = cli("validate", cwd=project)
    assert validate.exit_code == 0
    assert "warning N403: relationships.0.to: 'captain-reyes' refers to deleted characters/captain-reyes" in validate.stdout
    assert cli("validate", "--strict", cwd=project).exit_code == 1


def test_rm_scene_by_numbers(project, cli):
    rel = "manuscript/01-arrival/01-dockside.md"
    before = (project / rel).read_bytes()
    assert cli("rm", "01-01", cwd=project).exit_code == 0
    assert "deleted_at:" in (project / rel).read_text()
    assert cli("list", "scenes", cwd=project).stdout.startswith("scenes (0)")
    assert cli("restore", "1.1", cwd=project).exit_code == 0
    assert (project / rel).read_bytes() == before


def test_rm_twice_is_refused_and_writes_nothing(project, cli):
    assert cli("rm", "captain-reyes", cwd=project).exit_code == 0
    before = snapshot(project)
    head = git(project, "rev-parse", "HEAD")
    result = cli("rm", "captain-reyes", cwd=project)
    assert result.exit_code == 2
    assert result.stderr == ("narrative: error: characters/captain-reyes is already deleted\n"
                             "  hint: `narrative restore characters/captain-reyes` brings it back\n")
    assert snapshot(project) == before
    assert git(project, "rev-parse", "HEAD") == head


def test_restore_of_live_entity_is_refused(project, cli):
    result = cli("restore", "elena-voss", cwd=project)
    assert result.exit_code == 2
    assert result.stderr == "narrative: error: characters/elena-voss is not deleted\n"


@pytest.mark.parametrize("ref, message", [
    ("../x", "narrative: error: '../x' is not a valid reference\n"
             "  hint: use an id like captain-reyes or kind/id like characters/captain-reyes\n"),
    ("/etc/passwd", "narrative: error: '/etc/passwd' is not a valid reference\n"
                    "  hint: use an id like captain-reyes or kind/id like characters/captain-reyes\n"),
    ("elena-vos", "narrative: error: 'elena-vos' does not exist\n  hint: did you mean 'elena-voss'?\n"),
    ("people/elena-voss", "narrative: error: unknown kind 'people' in 'people/elena-voss'\n"
                          "  hint: kinds are: characters, locations, factions, items, magic, events\n"),
])
def test_rm_bad_reference(project, cli, ref, message):
    before = snapshot(project)
    result = cli("rm", ref, cwd=project)
    assert (result.exit_code, result.stderr) == (2, message)
    assert snapshot(project) == before


def test_rm_ambiguous_lists_candidates(project, cli):
    write(project, "canon/locations/elena-voss.yaml", "name: Elena Voss (the ship)\n")
    result = cli("rm", "elena-voss", cwd=project)
    assert result.exit_code == 2
    assert result.stderr == ("narrative: error: 'elena-voss' is ambiguous: characters/elena-voss, locations/elena-voss\n"
                             "  hint: write kind/id, e.g. characters/elena-voss\n")


@pytest.mark.parametrize("text", ["Just prose, no card.\n", "---\n# only a comment\n---\nBody.\n",
                                  "---\n\n---\nBody.\n", "---\ntitle: T\n---\n"])
def test_rm_restore_scene_with_no_or_empty_card(project, cli, text):
    rel = "manuscript/01-arrival/02-bare.md"
    write(project, rel, text)
    git(project, "add", "-A")
    git(project, "commit", "-qm", "bare scene")
    assert cli("rm", "01-02", cwd=project).exit_code == 0
    deleted = (project / rel).read_text()
    assert deleted.startswith("---\n") and "deleted_at: '" in deleted and deleted.endswith(text.split("---\n")[-1])
    assert cli("list", "scenes", "-f", "json", cwd=project).stdout.count('"ref"') == 1
    assert cli("restore", "01-02", cwd=project).exit_code == 0
    expected = "Body.\n" if text == "---\n\n---\nBody.\n" else text  # an empty card is not kept
    assert (project / rel).read_text() == expected


@pytest.mark.parametrize("ref", ["ines-marrow", "characters/ines-marrow"])
def test_rm_of_a_broken_file_says_why(project, cli, ref):
    write(project, "canon/characters/ines-marrow.yaml", "name: [Ines\n")
    before = snapshot(project)
    result = cli("rm", ref, cwd=project)
    assert result.exit_code == 2
    assert result.stderr == (f"narrative: error: canon/characters/ines-marrow.yaml does not validate, so '{ref}' "
                             "cannot be used\n  hint: fix it first: `narrative validate` shows what is wrong in "
                             "canon/characters/ines-marrow.yaml\n")
    assert snapshot(project) == before

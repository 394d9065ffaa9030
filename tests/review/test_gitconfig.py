"""`narrative install-git-config` and `narrative textconv`: plain `git diff` reads scenes by sentence."""

from __future__ import annotations

import subprocess

from narrative_cli.review.gitconfig import WORD_REGEX
from tests.conftest import git

DOCKSIDE = "manuscript/01-arrival/01-dockside.md"


def test_textconv_prints_card_then_one_sentence_per_line(cli, tmp_path):
    scene = tmp_path / "01-x.md"
    scene.write_text("---\ntitle: X\npov: elena-voss\n---\nThe tide had turned. Mr. Crane\nwaited, "
                     "\"Go.\" She went.\n\n- a list item\n- another\n", encoding="utf-8")
    result = cli("textconv", str(scene))
    assert result.exit_code == 0
    assert result.stdout == ("---\ntitle: X\npov: elena-voss\n---\n\nThe tide had turned.\n"
                             "Mr. Crane waited, \"Go.\"\nShe went.\n\n- a list item\n- another\n")


def test_textconv_never_fails_on_odd_input(cli, tmp_path):
    broken = tmp_path / "01-broken.md"
    broken.write_text("---\ntitle: never closed\nText. More.\n", encoding="utf-8")
    assert cli("textconv", str(broken)).stdout == "---\ntitle: never closed\nText. More.\n"
    breaks = tmp_path / "02-breaks.md"
    breaks.write_text("# Part One\nIt began.\n***\nIt ended. Here.\n", encoding="utf-8")
    assert cli("textconv", str(breaks)).stdout == "# Part One\nIt began.\n***\nIt ended.\nHere.\n"
    canon = tmp_path / "x.yaml"
    canon.write_text("name: X  # comment\n", encoding="utf-8")
    assert cli("textconv", str(canon)).stdout == "name: X  # comment\n"
    missing = cli("textconv", str(tmp_path / "missing.md"))
    assert missing.exit_code == 2
    assert missing.stderr.startswith(f"narrative: error: cannot read {tmp_path / 'missing.md'}: No such file")


def test_install_sets_config_and_attributes_once(cli, example):
    result = cli("install-git-config", cwd=example)
    assert result.exit_code == 0, result.stderr
    assert git(example, "config", "diff.narrative.textconv").strip() == "narrative textconv"
    assert git(example, "config", "diff.narrative.wordRegex").strip() == WORD_REGEX
    attributes = (example / ".gitattributes").read_text(encoding="utf-8")
    assert attributes == ("# narrative: story-aware diffs (`narrative install-git-config`)\n"
                          "manuscript/**/*.md diff=narrative\ncanon/**/*.yaml diff=narrative\n")
    assert git(example, "log", "-1", "--format=%s%n%b").startswith(
        "Use narrative's diff driver for scenes and canon\nNarrative-Action: edit\n")
    head = git(example, "rev-parse", "HEAD")
    again = cli("install-git-config", cwd=example)
    assert again.stdout.endswith(".gitattributes already has the narrative lines\n")
    assert git(example, "rev-parse", "HEAD") == head
    assert (example / ".gitattributes").read_text(encoding="utf-8") == attributes


def test_existing_attributes_are_kept(cli, example):
    (example / ".gitattributes").write_text("*.png binary\nmanuscript/**/*.md diff=narrative", encoding="utf-8")
    assert cli("install-git-config", "--no-commit", cwd=example).exit_code == 0
    assert (example / ".gitattributes").read_text(encoding="utf-8") == (
        "*.png binary\nmanuscript/**/*.md diff=narrative\n\n"
        "# narrative: story-aware diffs (`narrative install-git-config`)\ncanon/**/*.yaml diff=narrative\n")


def test_git_diff_shows_only_the_changed_sentence(cli, example, narrative_bin):
    assert cli("install-git-config", cwd=example).exit_code == 0
    scene = example / DOCKSIDE
    text = scene.read_text(encoding="utf-8")
    rewrapped = text.replace("The town smelled of brine and tar and money. It always had.",
                             "The town smelled of brine and tar\nand money. It always had.")
    scene.write_text(rewrapped.replace("She counted them again.", "She counted them a third time."),
                     encoding="utf-8")
    diff = subprocess.run(["git", "diff", "--no-color", "-U0", "--", DOCKSIDE], cwd=example,
                          capture_output=True, text=True, check=True).stdout
    changed = [line for line in diff.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert changed == ["-She counted them again.", "+She counted them a third time."]
    words = subprocess.run(["git", "diff", "--no-color", "--word-diff", "-U0", "--", DOCKSIDE], cwd=example,
                           capture_output=True, text=True, check=True).stdout
    assert "She counted them [-again-]{+a third time+}." in words

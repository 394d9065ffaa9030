"""One focused test per crash the sweep found, asserting the exact message that replaced it."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.conftest import EXAMPLE

PASS = "correct horse battery staple"
NO_MANIFEST = ("narrative: error: no manifest.yaml: this project has no collaborators or roles yet\n"
               "  hint: `narrative manifest init` makes you its owner\n")


@pytest.mark.parametrize("command", [["collab", "list"], ["manifest", "show"], ["manifest", "verify"],
                                     ["manifest", "sign"], ["manifest", "renew"], ["collab", "rm", "bo"]])
def test_trust_commands_without_a_manifest(example, cli, command):
    """Was: internal error FileNotFoundError on manifest.yaml."""
    result = cli(*command, cwd=example)
    assert (result.exit_code, result.stderr) == (2, NO_MANIFEST)


def test_manifest_that_is_not_utf8(example, cli):
    (example / "manifest.yaml").write_bytes(b"format: 1\nversion: \xff\n")
    result = cli("manifest", "verify", cwd=example)
    assert result.exit_code == 2
    assert result.stderr == ("narrative: manifest.yaml: error: manifest.yaml cannot be read: invalid UTF-8 (byte 0xff)\n"
                             "  hint: save the file as UTF-8 in your editor\n")


def test_first_commit_with_a_binary_cover(tmp_path, cli):
    """Was: internal error UnicodeDecodeError reading assets/cover.png back from git."""
    root = tmp_path / "book"
    shutil.copytree(EXAMPLE, root)
    subprocess.run(["git", "init", "-q", "--initial-branch=main"], cwd=root, check=True)
    result = cli("commit", "-m", "First draft", cwd=root)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("committed 34 file(s) as ")


def test_manifest_init_on_an_invalid_config(example, cli, monkeypatch):
    """Was: internal error AttributeError ('NoneType' has no attribute 'identifier')."""
    monkeypatch.setenv("NARRATIVE_KEY_PASSPHRASE", PASS)
    assert cli("keys", "generate", "--name", "Ada", cwd=example).exit_code == 0
    (example / "narrative.yaml").write_text("format: 1\n")
    result = cli("manifest", "init", cwd=example)
    assert result.exit_code == 1
    assert result.stderr == (
        "narrative.yaml:1:1: error N202: missing required key 'title'\n  hint: add a line `title: ...`\n"
        "narrative.yaml:1:1: error N202: missing required key 'identifier'\n  hint: add a line `identifier: ...`\n"
        "narrative: error: narrative.yaml is not valid\n"
        "  hint: fix it (`narrative validate` shows how), then run this again\n")
    assert not (example / "manifest.yaml").exists()


@pytest.mark.parametrize("argv", [["voice", "whois", "a\x00b"], ["diff", "HEAD\x00"], ["log", "--since", "\x00"],
                                  ["verify", "--rev", "\x00"], ["show", "elena\x00voss"]])
def test_an_argument_with_a_nul(example, cli, argv):
    """Was: internal error ValueError: embedded null byte (voice whois, diff, log, verify, collab revoke)."""
    result = cli(*argv, cwd=example)
    assert (result.exit_code, result.stderr) == (
        2, "narrative: error: an argument contains a NUL byte\n"
           "  hint: a NUL cannot be part of a name, reference or path\n")


def test_git_refuses_a_nul_cleanly(example):
    from narrative_cli.errors import NarrativeError
    from narrative_cli.history.git import git

    with pytest.raises(NarrativeError, match="^git log: an argument contains a NUL byte$"):
        git(example, "log", "--since", "\x00")


def test_new_character_from_an_emoji_refuses_with_a_hint(example, cli):
    result = cli("new", "character", "\U0001F642", cwd=example)
    assert (result.exit_code, result.stderr) == (
        2, "narrative: error: cannot make an id from '\U0001F642'\n  hint: give one with --id, e.g. --id the-stranger\n")
    result = cli("new", "character", "Smiley", "--id", "\U0001F642", cwd=example)
    assert (result.exit_code, result.stderr) == (
        2, "narrative: error: invalid id '\U0001F642'\n"
           "  hint: ids are lowercase letters, digits and hyphens, at most 64 characters\n")


def test_hostile_argument_is_quoted_escaped(example, cli):
    """An ESC sequence or a bidi override in an argument never reaches the terminal raw."""
    result = cli("show", "\x1b[2Jelena\u202evoss", cwd=example)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == "narrative: error: nothing is called '\\x1b[2Jelena\\u202evoss'"


@pytest.mark.parametrize("days", ["999999999999", "-5", "0"])
def test_manifest_renew_days_out_of_range(example, cli, monkeypatch, days):
    """Was: internal error OverflowError for a huge --days; a negative one made an expired manifest."""
    monkeypatch.setenv("NARRATIVE_KEY_PASSPHRASE", PASS)
    assert cli("keys", "generate", "--name", "Ada", cwd=example).exit_code == 0
    assert cli("manifest", "init", cwd=example).exit_code == 0
    result = cli("manifest", "renew", "--days", days, cwd=example)
    assert (result.exit_code, result.stderr) == (
        2, f"narrative: error: --days must be between 1 and 36500, not {days}\n"
           "  hint: e.g. --days 365 keeps the manifest valid for a year\n")


def test_an_os_error_escaping_a_command_is_one_clear_line(capsys):
    """A full disk or a read-only folder anywhere: the system's reason and exit 2, not 'internal error'."""
    import typer

    from narrative_cli.cli.edge import run

    app = typer.Typer()

    @app.command()
    def write() -> None:
        raise OSError(28, "No space left on device", "book/build/x.epub")

    assert run(app, []) == 2
    assert capsys.readouterr().err == ("narrative: error: No space left on device: book/build/x.epub\n"
                                       "  hint: check the disk space and permissions, then try again\n")


def test_an_ascii_terminal_gets_escapes_not_a_crash(example, narrative_bin):
    """Was: internal error UnicodeEncodeError printing 'José' with PYTHONIOENCODING=ascii (or a cp1252 console)."""
    import os

    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    assert subprocess.run(["narrative", "new", "character", "José"], cwd=example, env=env,
                          capture_output=True).returncode == 0
    done = subprocess.run(["narrative", "show", "jose"], cwd=example, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "Jos\\xe9" in done.stdout


STORMS = {  # scene bodies under the 1 MiB limit that once took minutes (quadratic scans)
    "quote marks": "\"'“”‘’" * 60_000,  # the dialogue scan sliced the text before every mark
    "sentences": "A. " * 300_000,  # the sentence splitter sliced the rest after every sentence
    "names": "Elena Voss said. " * 50_000,  # subject detection sliced the text around every name
}


@pytest.mark.parametrize("storm", STORMS)
def test_a_pathological_paragraph_does_not_hang(example, narrative_bin, storm):
    """A hang guard, not a speed goal: each command gets a minute where it needs a second or two."""
    (example / "manuscript/01-arrival/09-storm.md").write_text(f"---\ntitle: Storm\n---\n{STORMS[storm]}\n")
    for argv in (["check"], ["voice"], ["brief", "manuscript/01-arrival/09-storm.md"],
                 ["impact", "elena-voss", "--set", "status=dead", "--at", "02-01"],
                 ["export", "epub", "-q", "-o", "book.epub"], ["stats"], ["suggest"]):
        done = subprocess.run([str(narrative_bin), *argv], cwd=example, capture_output=True, text=True, timeout=60)
        assert done.returncode in (0, 1), (argv, done.stderr)
        assert "Traceback" not in done.stderr


def test_french_spacing_of_a_title_of_spaces_does_not_hang(example, narrative_bin):
    """The no-break-space rule once rescanned a run of spaces from each of its positions
    (20,000 spaces: 4 s; these 300,000: about 15 minutes)."""
    config = example / "narrative.yaml"
    config.write_text(config.read_text().replace("language: en", "language: fr"))
    chapter = example / "manuscript/01-arrival/chapter.yaml"
    chapter.write_text(chapter.read_text().replace("title: Arrival", f'title: "Arrivée{" " * 300_000}là"'))
    done = subprocess.run([str(narrative_bin), "export", "epub", "-q", "-o", "book.epub"], cwd=example,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert (example / "book.epub").is_file()

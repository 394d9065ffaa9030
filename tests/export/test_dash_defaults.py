"""The dash a typed `--`/`---` becomes follows the book's language unless narrative.yaml says otherwise."""

from __future__ import annotations

import pytest

from narrative_cli.export.typography import Typographer, default_dashes
from tests.insight.conftest import write_project

CONFIG = "format: 1\ntitle: Dashes\nauthor: Ada\nidentifier: urn:uuid:00000000-0000-4000-8000-0000000000da\n"
BODY = "The Light---and the dark--came in 1914--1918.\n"


@pytest.mark.parametrize("language, dashes", [("en", "en"), ("en-US", "em"), ("en-GB", "spaced"),
                                              ("en-au", "spaced"), ("fr", "en"), ("de-CH", "en")])
def test_default_by_language(language, dashes):
    assert default_dashes(language) == dashes


def test_spaced_en_dash_keeps_ranges_closed():
    assert Typographer("en-GB", "spaced").text(BODY.strip()) == "The Light \u2013 and the dark \u2013 came in 1914\u20131918."


@pytest.mark.parametrize("extra, expected", [
    ("language: en-US\n", "The Light\u2014and the dark\u2014came in 1914\u20141918."),
    ("language: en-GB\n", "The Light \u2013 and the dark \u2013 came in 1914\u20131918."),
    ("language: en\n", "The Light\u2014and the dark\u2013came in 1914\u20131918."),
    ("language: en-GB\nexport:\n  dashes: en\n", "The Light\u2014and the dark\u2013came in 1914\u20131918."),
])
def test_export_uses_the_language_default(tmp_path, cli, extra, expected):
    root = write_project(tmp_path / "book", scenes={"01-a/01-b.md": ("title: B\n", BODY)}, config=CONFIG + extra)
    out = tmp_path / "book.md"
    result = cli("export", "md", "-o", str(out), cwd=root)
    assert result.exit_code == 0, result.stderr
    assert expected in out.read_text(encoding="utf-8")


def test_manuscript_format_has_its_own_default_name(tmp_path, cli):
    root = write_project(tmp_path / "book", scenes={"01-a/01-b.md": ("title: B\n", BODY)}, config=CONFIG)
    assert cli("export", "docx", cwd=root).exit_code == 0
    book = (root / "build" / "dashes.docx").read_bytes()
    result = cli("export", "docx", "--manuscript-format", cwd=root)
    assert result.exit_code == 0, result.stderr
    assert (root / "build" / "dashes-manuscript.docx").exists()
    assert (root / "build" / "dashes.docx").read_bytes() == book  # the book's DOCX is left alone


def test_export_format_flag_cannot_be_confused(tmp_path, cli):
    root = write_project(tmp_path / "book", scenes={"01-a/01-b.md": ("title: B\n", BODY)}, config=CONFIG)
    result = cli("export", "--format", "epub", cwd=root)
    assert result.exit_code == 0, result.stderr
    assert (root / "build" / "dashes.epub").exists()
    assert result.stdout.startswith("Wrote ")
    result = cli("export", "epub", "--format", "docx", cwd=root)
    assert (result.exit_code, result.stderr) == (2, "narrative: error: two book formats: epub and --format docx\n"
                                                    "  hint: name the book's format once: `narrative export epub`; "
                                                    "--format/-f says how the report prints (text or json)\n")
    result = cli("export", cwd=root)
    assert (result.exit_code, result.stderr) == (2, "narrative: error: which book? give its format: docx, epub or md\n"
                                                    "  hint: narrative export epub\n")


@pytest.mark.parametrize("args, message", [
    (["validate", "--bogus"], "narrative: error: no such option: --bogus\n  hint: `narrative validate -h` shows what it takes\n"),
    (["mv"], "narrative: error: missing argument 'item'.\n  hint: `narrative mv -h` shows what it takes\n"),
    (["new", "characte", "X"], "narrative: error: no such command 'characte'. Did you mean 'character', 'chapter'?\n"
                               "  hint: `narrative new -h` shows what it takes\n"),
])
def test_usage_errors_read_like_the_tools_own(tmp_path, cli, args, message):
    result = cli(*args, cwd=tmp_path)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)

"""`narrative voice quotes`: every quotation with its speaker, as text and JSON, filtered."""

from __future__ import annotations

import json

from tests.story.conftest import write_project

BODY = ("Elena Voss watched the harbor.\n\n"
        "“Late,” said Elena. “Too late.”\n\n“Not yet,” Reyes said.\n\n“When, then?”\n\n"
        "<!-- speaker: tomas-reyes -->\n“Now.”\n")


def project(tmp_path):
    return write_project(tmp_path / "p", scenes={
        "01-harbor/01-dusk": ({"pov": "elena-voss"}, BODY),
        "02-road/01-dawn": ({}, "“Walk,” said Reyes.\n")})


def test_json_lists_every_quotation_with_path_line_speaker_and_how(tmp_path, cli):
    root = project(tmp_path)
    found = json.loads(cli("voice", "quotes", "--format", "json", cwd=root).stdout)
    assert [(q["path"], q["line"], q["text"], q["speaker"], q["how"]) for q in found] == [
        ("manuscript/01-harbor/01-dusk.md", 6, "Late, Too late.", "elena-voss", "tag"),
        ("manuscript/01-harbor/01-dusk.md", 8, "Not yet,", "tomas-reyes", "tag"),
        ("manuscript/01-harbor/01-dusk.md", 10, "When, then?", "elena-voss", "turn"),
        ("manuscript/01-harbor/01-dusk.md", 13, "Now.", "tomas-reyes", "pin"),
        ("manuscript/02-road/01-dawn.md", 4, "Walk,", "tomas-reyes", "tag")]
    assert {q["kind"] for q in found} == {"named", "untagged"}


def test_filters_by_chapter_and_character(tmp_path, cli):
    root = project(tmp_path)
    chapter = json.loads(cli("voice", "quotes", "--chapter", "2", "--format", "json", cwd=root).stdout)
    assert [q["text"] for q in chapter] == ["Walk,"]
    reyes = cli("voice", "quotes", "--character", "Reyes", cwd=root).stdout.splitlines()
    assert reyes == [
        "manuscript/01-harbor/01-dusk.md:8: tomas-reyes (tag): “Not yet,”",
        "manuscript/01-harbor/01-dusk.md:13: tomas-reyes (pin): “Now.”",
        "manuscript/02-road/01-dawn.md:4: tomas-reyes (tag): “Walk,”"]


def test_an_unknown_character_is_a_usage_error(tmp_path, cli):
    result = cli("voice", "quotes", "--character", "nobody", cwd=project(tmp_path))
    assert result.exit_code == 2
    assert "no character 'nobody'" in result.stderr

"""`narrative search` over a real temp project: modes, filters, the cache, errors."""

from __future__ import annotations

import json
import os

from narrative_cli.insight.index import INDEX_FILE, INDEX_VERSION


def _paths(result) -> list[str]:
    return [line.split(": ", 1)[0] for line in result.stdout.splitlines()]


def test_text_output_is_path_line_and_plain_context(tide, cli):
    result = cli("search", "quay", cwd=tide)
    assert result.stdout == ("manuscript/01-arrival/01-dockside.md:8: "
                             "The tide had turned when Marisol reached the quay at Port Verrin.\n")


def test_words_match_whole_words_in_any_case(tide, cli):
    result = cli("search", "TIDE", cwd=tide)
    assert result.exit_code == 0
    assert _paths(result) == ["manuscript/01-arrival/01-dockside.md:8", "manuscript/02-the-road/01-inland.md:8"]
    assert result.stdout.splitlines()[0].endswith("The tide had turned when Marisol reached the quay at Port Verrin.")


def test_all_words_must_share_a_paragraph(tide, cli):
    result = cli("search", "elena guards", cwd=tide)
    assert _paths(result) == ["manuscript/01-arrival/01-dockside.md:10"]


def test_phrase_crosses_line_breaks_and_regex_is_as_written(tide, cli):
    assert _paths(cli("search", "twice voss", "--phrase", cwd=tide)) == ["manuscript/01-arrival/01-dockside.md:10"]
    assert cli("search", "voss twice", "--phrase", cwd=tide).exit_code == 1
    assert _paths(cli("search", "voss twice", cwd=tide)) == ["manuscript/01-arrival/01-dockside.md:10"]
    result = cli("search", r"Salt \w+ice", "--regex", "--kind", "scenes", cwd=tide)
    assert _paths(result) == ["manuscript/01-arrival/01-dockside.md:13", "manuscript/02-the-road/01-inland.md:8"]
    assert cli("search", r"salt \w+ice", "--regex", cwd=tide).exit_code == 1


def test_canon_is_searched_and_kind_filters_it(tide, cli):
    assert _paths(cli("search", "lighthouse", cwd=tide)) == ["canon/locations/port-verrin.yaml:2"]
    assert cli("search", "lighthouse", "--kind", "character", cwd=tide).exit_code == 1
    assert _paths(cli("search", "Reyes", "--kind", "characters", cwd=tide)) == [
        "canon/characters/tomas-reyes.yaml:1", "canon/characters/tomas-reyes.yaml:2"]


def test_scene_filters(tide, cli):
    assert _paths(cli("search", "Greywell", "--pov", "tomas-reyes", cwd=tide)) == [
        "manuscript/02-the-road/01-inland.md:10"]
    assert _paths(cli("search", "Greywell", "--chapter", "1", cwd=tide)) == [
        "manuscript/01-arrival/02-customs.md:10"]
    assert _paths(cli("search", "Marta", "--character", "characters/pilar-anselm", "--status", "draft",
                      cwd=tide)) == ["manuscript/02-the-road/01-inland.md:8"]


def test_soft_deleted_scenes_are_not_searched(tide, cli):
    result = cli("search", "deleted scene", cwd=tide)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "no matches\n"


def test_json_has_spans_and_the_total(tide, cli):
    result = cli("search", "marta", "--format", "json", "--limit", "2", cwd=tide)
    data = json.loads(result.stdout)
    assert (data["total"], data["shown"], data["mode"]) == (4, 2, "words")
    first = data["results"][0]
    assert first["path"] == "manuscript/01-arrival/01-dockside.md"
    assert (first["line"], first["column"], first["ref"], first["pov"]) == (13, 1, "01-01", "elena-voss")
    assert first["context"][first["spans"][0][0]:first["spans"][0][1]] == "Marta"
    assert len(first["spans"]) == 2


def test_limit_says_how_many_were_left_out(tide, cli):
    result = cli("search", "marta", "--limit", "1", cwd=tide)
    assert len(result.stdout.splitlines()) == 1
    assert result.stderr == "4 matches; showing the first 1 (raise --limit to see more)\n"


def test_bad_input_exits_2_with_a_clear_message(tide, cli):
    result = cli("search", "(unclosed", "--regex", cwd=tide)
    assert result.exit_code == 2
    assert result.stderr == ("narrative: error: invalid regular expression '(unclosed': missing ), unterminated "
                             "subpattern at position 0\n  hint: drop --regex to search for the words as typed\n")
    result = cli("search", "x", "--pov", "elena-vos", cwd=tide)
    assert (result.exit_code, result.stderr) == (2, "narrative: error: --pov: no character 'elena-vos'\n"
                                                    "  hint: did you mean elena-voss?\n")
    result = cli("search", "x", "--status", "done", cwd=tide)
    assert result.stderr.startswith("narrative: error: --status: unknown status 'done'\n")
    assert cli("search", "x", "--regex", "--phrase", cwd=tide).exit_code == 2


def test_the_index_is_cached_and_rebuilt_when_a_file_changes(tide, cli):
    assert cli("search", "quay", cwd=tide).exit_code == 0
    index = tide / INDEX_FILE
    assert index.is_file()
    before = index.stat().st_mtime_ns
    assert cli("search", "quay", cwd=tide).exit_code == 0
    assert index.stat().st_mtime_ns == before  # nothing changed: the cache was used as is
    scene = tide / "manuscript/02-the-road/01-inland.md"
    scene.write_text(scene.read_text() + "\nA new quay appeared.\n")
    result = cli("search", "quay", cwd=tide)
    assert _paths(result) == ["manuscript/01-arrival/01-dockside.md:8", "manuscript/02-the-road/01-inland.md:12"]


def test_a_corrupt_index_is_rebuilt(tide, cli):
    (tide / ".narrative").mkdir()
    (tide / INDEX_FILE).write_text("{not json")
    assert _paths(cli("search", "quay", cwd=tide)) == ["manuscript/01-arrival/01-dockside.md:8"]
    assert json.loads((tide / INDEX_FILE).read_text())["version"] == INDEX_VERSION
    os.chmod(tide / ".narrative", 0o755)


def test_matches_are_highlighted_on_a_terminal_only(tide, cli, monkeypatch):
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    colored = cli("search", "quay", cwd=tide).stdout
    assert "\x1b[1;35mquay\x1b[0m" in colored
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in cli("search", "quay", cwd=tide).stdout

"""Voices, `voice whois` and `brief` on the example project and on small made-up casts."""

from __future__ import annotations

import json

from tests.story.conftest import write_project

FORMAL = ("\"I must observe, madam, that the ordinance is exact; the tally is the tally, and the Office does "
          "not forgive an error of the hand,\" said Reyes. ")
PLAIN = "\"Don't. It's late and I'm tired and we can't stay here, can we? No. We can't,\" said Elena. "


def _cast(tmp_path, lines: int = 8):
    body = "Elena Voss and Tomas Reyes stood in Port Verrin.\n\n" + "\n\n".join([FORMAL, PLAIN] * lines) + "\n"
    card = {"pov": "elena-voss", "participants": ["elena-voss", "tomas-reyes"], "location": "harbor"}
    scenes = {f"01-a/0{i}-s": (card, body) for i in range(1, 4)}
    return write_project(tmp_path / "cast", scenes=scenes)


def test_whois_ranks_the_speaker_first(tmp_path, cli):
    root = _cast(tmp_path)
    passage = tmp_path / "passage.txt"
    passage.write_text("I must observe that the ordinance is exact, madam; the Office keeps the tally.")
    result = cli("voice", "whois", str(passage), "--format", "json", cwd=root)
    ranked = json.loads(result.stdout)
    assert result.exit_code == 0
    assert [r["character"] for r in ranked] == ["tomas-reyes", "elena-voss"]
    assert ranked[0]["score"] > ranked[1]["score"]


def test_whois_reads_stdin(tmp_path, cli, monkeypatch):
    import io

    root = _cast(tmp_path)
    monkeypatch.setattr("sys.stdin", io.StringIO("Don't. We can't stay, can we? I'm tired."))
    result = cli("voice", "whois", "-", cwd=root)
    assert result.stdout.splitlines()[0].startswith("1. Elena Voss (elena-voss)")


def test_whois_needs_two_voices(tmp_path, cli, monkeypatch):
    import io

    root = write_project(tmp_path / "empty")
    monkeypatch.setattr("sys.stdin", io.StringIO("Hello there."))
    result = cli("voice", "whois", "-", cwd=root)
    assert result.exit_code == 2
    assert "not enough attributed dialogue" in result.stderr


def test_voice_report_on_the_example(example, cli):
    data = json.loads(cli("voice", "--format", "json", cwd=example).stdout)
    assert [c["character"] for c in data["characters"]] == [
        "aurelio-crane", "captain-reyes", "elena-voss", "ines-marrow", "pilar-anselm"]
    reyes = next(c for c in data["characters"] if c["character"] == "captain-reyes")
    assert any(t.startswith("fewer contractions") for t in reyes["traits"])
    pair = data["similar"][0]
    assert {pair["a"], pair["b"]} == {"aurelio-crane", "captain-reyes"}  # both canonically formal, no contractions


def test_brief_markdown_and_json(example, cli):
    text = cli("brief", "03-02", cwd=example)
    assert text.exit_code == 0
    assert text.stdout.startswith("# Brief: 03-02 The Light Ones\n")
    for heading in ("## Scene card", "## Previous scene: 03-01 The Lockup, 312-04-07", "## Cast",
                    "### Tomas Reyes (also Captain Reyes, Reyes)", "## Location", "## Voices", "## Open findings"):
        assert heading in text.stdout
    data = json.loads(cli("brief", "manuscript/03-greywell/02-the-light-ones.md", "--format", "json", cwd=example).stdout)
    assert [c["ref"] for c in data["cast"]] == ["characters/pilar-anselm", "characters/captain-reyes"]
    assert data["location"]["name"] == "Greywell"
    assert [e["ref"] for e in data["events_so_far"]] == []
    assert data["next"]["ref"] == "03-03"


def test_brief_lists_events_so_far_and_is_read_only(example, cli):
    before = {p: p.read_bytes() for p in example.rglob("*") if p.is_file() and ".git" not in p.parts}
    data = json.loads(cli("brief", "03-04", "--format", "json", cwd=example).stdout)
    assert [e["ref"] for e in data["events_so_far"]] == ["events/the-greywell-assize"]
    assert {p: p.read_bytes() for p in before} == before


def test_brief_unknown_scene(example, cli):
    result = cli("brief", "09-09", cwd=example)
    assert result.exit_code == 2
    assert "no scene '09-09'" in result.stderr


def test_first_person_narration_is_the_povs_voice(tmp_path):
    from narrative_cli.store.project import load_project
    from narrative_cli.voice.report import passages

    first = "I walked to the harbor. I was cold and my hands shook and I did not care. " * 4
    card = {"pov": "elena-voss", "participants": ["elena-voss", "tomas-reyes"], "location": "harbor"}
    root = write_project(tmp_path / "fp", scenes={"01-a/01-s": (card, first + "\n\n\"Go,\" said Reyes.\n")})
    found = {p.character: p.text for p in passages(load_project(root))}
    assert found["characters/tomas-reyes"] == "Go,"
    assert found["characters/elena-voss"].startswith("I walked to the harbor.")

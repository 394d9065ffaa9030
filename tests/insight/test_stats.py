"""`narrative stats`: numbers from a real temp project and from the bundled example; the HTML page."""

from __future__ import annotations

import json
import re

from narrative_cli.insight.text import count_words


def test_count_words_ignores_markdown_syntax():
    assert count_words("The *tide* had __turned__.\n\n> \"Six,\" she said -- twice.\n\n- one\n- two\n") == 10
    assert count_words("Don't re-count it.") == 3
    assert count_words("") == 0


def test_stats_json_counts_words_status_pov_and_values(tide, cli):
    result = cli("stats", "--format", "json", cwd=tide)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["schema"] == "narrative-stats/1"
    assert [(s["ref"], s["words"]) for s in data["scenes"]] == [("01-01", 38), ("01-02", 21), ("02-01", 17)]
    assert (data["words"], data["target"], data["progress"]) == (76, 1000, 0.076)
    assert [(c["number"], c["title"], c["words"], c["scenes"]) for c in data["chapters"]] == [
        (1, "Arrival", 59, 2), (2, "The road", 17, 1), (3, "Gone", 0, 0)]
    assert data["status"] == {"draft": 1, "revised": 1, "final": 1}
    assert [(p["id"], p["name"], p["words"], p["scenes"]) for p in data["pov"]] == [
        ("elena-voss", "Elena Voss", 59, 2), ("tomas-reyes", "Tomas Reyes", 17, 1)]
    assert data["values"] == {"scenes": 3, "charted": 3, "turning": 2, "share": 0.6667,
                              "flat": ["01-02"], "uncharted": []}


def test_presence_matrix_counts_pov_and_participants_per_chapter(tide, cli):
    data = json.loads(cli("stats", "--format", "json", cwd=tide).stdout)
    assert data["presence"]["chapters"] == [1, 2, 3]
    assert [(r["id"], r["chapters"]) for r in data["presence"]["characters"]] == [
        ("elena-voss", [2, 0, 0]), ("pilar-anselm", [1, 1, 0]), ("tomas-reyes", [1, 1, 0])]


def test_soft_deleted_entities_drop_out_of_presence(tide, cli, ):
    path = tide / "canon/characters/pilar-anselm.yaml"
    path.write_text(path.read_text() + "deleted_at: 2026-01-01T00:00:00Z\ndeleted_by: Test Writer\n")
    data = json.loads(cli("stats", "--format", "json", cwd=tide).stdout)
    names = {r["id"]: r["name"] for r in data["presence"]["characters"]}
    assert names["pilar-anselm"] == "pilar-anselm"  # still on the scene cards, no longer a canon name


def test_terminal_output_has_tables_and_bars(tide, cli):
    result = cli("stats", cwd=tide)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Tide Book: 76 words of 1,000 (7.6%)  ███"
    for title in ("Words per chapter", "Words per POV", "Scenes by status",
                  "Character presence (scenes per chapter)", "Scenes"):
        assert title in lines
    assert "│ Elena Voss  │      2 │    59 │   78% │ ████████████████████████ │" in lines
    assert lines[-1] == "2 of 3 scenes turn their value (67%); 1 flat, 0 without values"


def test_html_report_is_one_self_contained_page(tide, cli, tmp_path):
    out = tmp_path / "report.html"
    result = cli("stats", "--html", str(out), cwd=tide)
    assert result.exit_code == 0
    assert result.stdout.endswith(f"wrote {out}\n")
    page = out.read_text()
    assert page.startswith("<!DOCTYPE html>")
    assert page.count("<svg") == 9  # seven charts of the book, two of its progress (heat map, burn-up)
    assert "<title>Tide Book: the manuscript in numbers</title>" in page
    assert "<title>01-02 Customs: fear → fear (flat)</title>" in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)  # nothing from the network
    assert "<script" not in page and "@import" not in page
    assert list(tmp_path.glob(".report.html.*")) == []  # no temp file left behind
    from xml.etree import ElementTree

    for svg in re.findall(r"<svg.*?</svg>", page, re.S):  # every chart is well-formed SVG
        assert ElementTree.fromstring(svg).tag == "{http://www.w3.org/2000/svg}svg"


def test_html_escapes_project_text(tmp_path, cli):
    from tests.insight.conftest import CONFIG, write_project

    scenes = {"01-a/01-b.md": ("title: <b>Bold & brash</b>\nstatus: draft\n", "Words here.\n")}
    root = write_project(tmp_path / "esc", scenes=scenes, canon={},
                         config=CONFIG.replace("Tide Book", "\"<script>alert(1)</script>\""))
    out = tmp_path / "r.html"
    assert cli("stats", "--html", str(out), "--format", "json", cwd=root).exit_code == 0
    page = out.read_text()
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;Bold &amp; brash&lt;/b&gt;" in page


def test_example_project_stats(example, cli):
    data = json.loads(cli("stats", "--format", "json", cwd=example).stdout)
    assert (len(data["chapters"]), len(data["scenes"]), data["target"]) == (3, 10, 90000)
    assert data["words"] == sum(s["words"] for s in data["scenes"]) > 7000
    assert data["pov"][0]["id"] == "elena-voss"
    assert data["presence"]["characters"][0]["chapters"] == [3, 3, 3]


def test_a_project_without_scenes(tmp_path, cli):
    from tests.insight.conftest import write_project

    root = write_project(tmp_path / "empty", scenes={}, canon={})
    result = cli("stats", cwd=root)
    assert (result.exit_code, result.stdout) == (0, "Tide Book: 0 words of 1,000 (0.0%)\n"
                                                    "No scenes yet: add one with `narrative new scene TITLE --chapter N`.\n")
    out = tmp_path / "r.html"
    assert cli("stats", "--html", str(out), cwd=root).exit_code == 0
    assert "No scenes yet." in out.read_text()


def test_html_to_a_folder_is_refused_before_anything_is_printed(tide, cli, tmp_path):
    result = cli("stats", "--html", str(tmp_path), cwd=tide)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (f"narrative: error: --html: {tmp_path} is a folder\n"
                             "  hint: give a file name, e.g. --html report.html\n")


def test_files_the_loader_left_out_are_reported(tide, cli):
    (tide / "manuscript/02-the-road/02-broken.md").write_text("---\npov: [unclosed\n---\nText.\n")
    result = cli("stats", "--format", "json", cwd=tide)
    assert result.exit_code == 0
    assert result.stderr == ("warning: 1 file could not be read and is left out "
                             "(manuscript/02-the-road/02-broken.md); run `narrative validate`\n")
    assert len(json.loads(result.stdout)["scenes"]) == 3


def test_presence_chart_shows_the_characters_most_on_stage():
    """A cast of hundreds once drew a square per character per chapter (10 MB on a 2,000-entity
    project); the chart keeps the PRESENCE_ROWS most present and says how many more there are."""
    from xml.etree import ElementTree

    from narrative_cli.insight.report_html import presence_chart
    from narrative_cli.insight.stats import PRESENCE_ROWS

    chapters = list(range(1, 366))
    rows = [{"id": f"c{i}", "name": f"Person {i}", "chapters": [int(c % (i + 2) == 0) for c in chapters],
             "scenes": 0} for i in range(300)]
    chart = presence_chart({"chapters": chapters, "characters": rows})
    svg = ElementTree.fromstring(re.search(r"<svg.*?</svg>", chart, re.S).group())
    names = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}text") if t.text and t.text.startswith("Person")]
    assert names == [f"Person {i}" for i in range(PRESENCE_ROWS)]
    assert f"{300 - PRESENCE_ROWS} more" in chart
    squares = sum(n for r in rows[:PRESENCE_ROWS] for n in r["chapters"])
    assert chart.count("<rect") == squares + PRESENCE_ROWS  # a square per appearance, a band per row
    assert "more" not in presence_chart({"chapters": chapters, "characters": rows[:3]})


def test_terminal_presence_turns_many_chapters_into_a_strip():
    """73 chapters as columns drew an unreadable wall of box lines in 80 columns."""
    from rich.console import Console

    from narrative_cli.cli.insight_render import _presence_table

    chapters = list(range(1, 74))
    rows = [{"id": f"c{i}", "name": f"Person {i}", "chapters": [int(c == 2 * i + 1) * 2 for c in chapters],
             "scenes": 2} for i in range(45)]
    console = Console(width=80, record=True, color_system=None)
    console.print(_presence_table({"presence": {"chapters": chapters, "characters": rows}}))
    lines = console.export_text().splitlines()
    assert "chapters 1–73, 2 a mark" in lines[2] and "5 more characters: --format json lists them all" in lines[-1]
    strips = {line.split("│")[1].strip(): line.split("│")[2].strip() for line in lines if "Person" in line}
    assert len(strips) == 40 and all(len(s) == 37 for s in strips.values())
    assert strips["Person 0"].startswith("█") and strips["Person 3"] == "···█" + "·" * 33
    assert all(len(line) <= 80 for line in lines)

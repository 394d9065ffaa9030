"""Writers' habits in real manuscripts, found by exporting real novels: notes in HTML comments,
two spaces after a full stop, raw HTML, indented letters and verse, untitled chapters."""

from __future__ import annotations

import docx

from narrative_cli.export.build import export
from narrative_cli.store.project import load_project
from tests.export.helpers import scene, write_project, zip_text

NOTED = ('She said, "Wait."  Then she left. <!-- TODO: a better exit -->\n'
         "Next line of the same paragraph.\n\n"
         "<!-- Cut:\n\"A whole old paragraph -- with a quote.\n-->\n\n"
         "Elena counted the guards<!-- twice? --> twice.\n")


def noted_book(tmp_path):
    return write_project(tmp_path / "noted", [("Notes", [scene(NOTED, status="final")])])


def test_notes_are_not_printed_and_spaces_print_once_in_every_format(tmp_path):
    root = noted_book(tmp_path)
    report = export(root, "epub", flags={"output": root / "b.epub"})
    chapter = zip_text(root / "b.epub", "EPUB/text/chapter-001.xhtml")
    assert "<p>She said, “Wait.” Then she left. Next line of the same paragraph.</p>" in chapter
    assert "<p>Elena counted the guards twice.</p>" in chapter
    assert "TODO" not in chapter and "Cut" not in chapter and "<br" not in chapter  # no hard break left behind
    assert report.words == 17

    export(root, "docx", flags={"output": root / "b.docx"})
    texts = [p.text for p in docx.Document(str(root / "b.docx")).paragraphs]
    assert "She said, “Wait.” Then she left. Next line of the same paragraph." in texts
    assert "Elena counted the guards twice." in texts
    assert not any("TODO" in t or "  " in t for t in texts)

    export(root, "md", flags={"output": root / "b.md"})
    assert "TODO" not in (root / "b.md").read_text()


def test_scene_prose_keeps_line_numbers_and_word_counts_skip_notes(tmp_path):
    scene_ = load_project(noted_book(tmp_path)).chapters[0].scenes[0]
    assert scene_.prose.count("\n") == scene_.body.count("\n")
    assert scene_.prose.split("\n")[7] == "Elena counted the guards twice."
    assert scene_.words == 17


def test_list_and_show_count_what_export_counts(tmp_path, cli):
    root = noted_book(tmp_path)
    listed = cli("list", "scenes", "--format", "json", cwd=root)
    assert '"words": 17' in listed.stdout
    assert '"words": 17' in cli("show", "01-01", "--format", "json", cwd=root).stdout


def test_html_elements_are_not_printed_but_other_angle_brackets_are_text(tmp_path):
    body = ('She said <i>wait</i>, then <b>ran</b>.<br>The sign read <CLOSED> <3\n\n'
            '<div align="center">\nThe End -- really\n</div>\n\n<harbor>\n')
    root = write_project(tmp_path / "html", [("Tags", [scene(body)])])
    export(root, "epub", flags={"output": root / "b.epub"})
    chapter = zip_text(root / "b.epub", "EPUB/text/chapter-001.xhtml")
    assert ("<p>She said <em>wait</em>, then <strong>ran</strong>.<br/>The sign read &lt;CLOSED&gt; &lt;3</p>"
            in chapter)
    assert "<p>The End – really</p>" in chapter and "div" not in chapter.split("<body")[1]
    assert "<p>&lt;harbor&gt;</p>" in chapter


def test_an_indented_block_is_an_inset_with_typography_and_a_fence_stays_verbatim(tmp_path):
    body = ('He read:\n\n                   "Bond Street, January.\n     "MY DEAR MADAM,\n\n'
            '     "I have -- just had  the honour\n     of receiving.\n\n'
            '\tA tab-indented "paragraph" on the *Marisol*.\n\n```\nverbatim "code"  here\n```\n')
    root = write_project(tmp_path / "inset", [("Letters", [scene(body)])])
    export(root, "epub", flags={"output": root / "b.epub"})
    chapter = zip_text(root / "b.epub", "EPUB/text/chapter-001.xhtml")
    assert "<p>“Bond Street, January.<br/>“MY DEAR MADAM,</p>" in chapter
    assert "<p>“I have – just had the honour<br/>of receiving.</p>" in chapter
    assert "<p>A tab-indented “paragraph” on the <em>Marisol</em>.</p>" in chapter
    assert "<p>verbatim \"code\"  here</p>" in chapter


def test_a_title_that_only_restates_the_number_is_not_printed_twice(tmp_path):
    from narrative_cli.export.manuscript import restates_number

    for title in ("Chapter 3", "chapter three", "Ch. 3", "3", "III", "iii"):
        assert restates_number(title, 3, "Chapter 3"), title
    for title in ("The Road", "Chapter the Last", "Chapter 4 and a Half", "Three"):
        assert not restates_number(title, 3, "Chapter 3"), title
    assert restates_number("Kapitel 3", 3, "Kapitel 3")

    # folders named 01-chapter-1 with no chapter.yaml title, next to a titled chapter
    root = write_project(tmp_path / "untitled", [("Chapter 1", [scene("One.\n")]), ("The Road", [scene("Two.\n")])])
    export(root, "epub", flags={"output": root / "b.epub"})
    first = zip_text(root / "b.epub", "EPUB/text/chapter-001.xhtml")
    assert '<h1 id="chapter-1"><span class="label">Chapter 1</span></h1>' in first
    assert "<title>Chapter 1</title>" in first
    nav = zip_text(root / "b.epub", "EPUB/nav.xhtml")
    assert '>Chapter 1</a>' in nav and '>Chapter 2: The Road</a>' in nav
    assert "Chapter 1: Chapter 1" not in zip_text(root / "b.epub", "EPUB/toc.ncx")

    export(root, "docx", flags={"output": root / "b.docx"})
    styled = [(p.style.name, p.text) for p in docx.Document(str(root / "b.docx")).paragraphs]
    assert ("Heading 1", "Chapter 1") in styled and ("Chapter Label", "Chapter 1") not in styled
    assert ("Chapter Label", "Chapter 2") in styled and ("Heading 1", "The Road") in styled
    assert ("toc 1", "Chapter 1") in styled and ("toc 1", "The Road") in styled

    export(root, "md", flags={"output": root / "b.md"})
    headings = [line for line in (root / "b.md").read_text().splitlines() if line.startswith("## ")]
    assert headings == ["## Chapter 1", "## Chapter 2: The Road"]


def test_a_title_that_opens_with_its_own_number_is_split_into_label_and_title(tmp_path):
    """Alice, Two Cities and Hound in the corpus title chapters "I Down the Rabbit-Hole": they printed
    "Chapter 1" over "I Down the Rabbit-Hole". The numeral is the label when every title opens so."""
    from narrative_cli.export.manuscript import chapter_heading, numbered_titles

    root = write_project(tmp_path / "alice", [("I Down the Rabbit-Hole", [scene("One.\n")]),
                                              ("II  The Pool of Tears", [scene("Two.\n")]), ("III", [scene("Three.\n")])])
    export(root, "epub", flags={"output": root / "b.epub"})
    first = zip_text(root / "b.epub", "EPUB/text/chapter-001.xhtml")
    assert '<span class="label">I</span>' in first and "Down the Rabbit-Hole</span>" in first
    assert "<title>I. Down the Rabbit-Hole</title>" in first
    nav = zip_text(root / "b.epub", "EPUB/nav.xhtml")
    assert ">I. Down the Rabbit-Hole</a>" in nav and ">II. The Pool of Tears</a>" in nav and ">III</a>" in nav
    export(root, "md", flags={"output": root / "b.md"})
    headings = [line for line in (root / "b.md").read_text().splitlines() if line.startswith("## ")]
    assert headings == ["## I. Down the Rabbit-Hole", "## II. The Pool of Tears", "## III"]

    # one such title alone is a title ("I Remember"), a label word with punctuation says so alone
    assert not numbered_titles(["I Remember", "The Road"]) and numbered_titles(["I A", "II B", "III"])
    assert chapter_heading("I Remember", True, 1, "Chapter 1") == ("Chapter 1", "I Remember")
    assert chapter_heading("MIX Tape", True, 1, "Chapter 1") == ("Chapter 1", "MIX Tape")
    assert chapter_heading("Chapter 3: The Road", True, 1, "Chapter 1") == ("Chapter 3", "The Road")
    assert chapter_heading("CHAPTER I. Down", True, 1, "Chapter 1") == ("CHAPTER I", "Down")
    assert chapter_heading("Chapter 4 and a Half", True, 1, "Chapter 1") == ("Chapter 1", "Chapter 4 and a Half")
    assert chapter_heading("Letter 4 - To Mina", True, 1, "Chapter 1") == ("Letter 4", "To Mina")
    assert chapter_heading("Kapitel 3: Die Straße", True, 1, "Kapitel 1") == ("Kapitel 3", "Die Straße")


def test_hash_alone_and_dashes_under_a_paragraph_are_scene_breaks(tmp_path):
    body = "First.\n\n#\n\nSecond\nline.\n---\nThird.\n\n# Part Two\n\nEnd.\n"
    root = write_project(tmp_path / "breaks", [("Breaks", [scene(body)])], scene_break="~")
    export(root, "epub", flags={"output": root / "b.epub"})
    chapter = zip_text(root / "b.epub", "EPUB/text/chapter-001.xhtml").split("</h1>")[1]
    paragraphs = [line for line in chapter.splitlines() if line.startswith(("<p", "<hr", "<div"))]
    assert paragraphs[0] == "<p>First.</p>" and paragraphs[2] == "<p>Second line.</p>"
    assert paragraphs[4] == "<p>Third.</p>" and "<strong>Part Two</strong>" in paragraphs[5]
    assert paragraphs[1] == paragraphs[3] and "<p" not in paragraphs[1]  # both scene breaks, alike

    export(root, "docx", flags={"output": root / "b.docx"})
    styled = [(p.style.name, p.text) for p in docx.Document(str(root / "b.docx")).paragraphs]
    at = styled.index(("First Paragraph", "First."))
    assert styled[at + 1] == ("Scene Break", "~") and styled[at + 3] == ("Scene Break", "~")
    assert styled[at + 2][1] == "Second line."


def test_unwritten_scenes_and_stray_breaks_do_not_stack_scene_breaks(tmp_path):
    root = write_project(tmp_path / "drafts", [
        ("Draft", [scene("One.\n"), scene("<!-- outline: the chase -->\n"), scene(""),
                   scene("***\n\nTwo.\n\n***\n\n* * *\n\nThree.\n\n***\n")]),
        ("Planned", [scene("\n")])])
    report = export(root, "epub", flags={"output": root / "b.epub"})
    first = zip_text(root / "b.epub", "EPUB/text/chapter-001.xhtml").split("</h1>")[1]
    lines = [line for line in first.splitlines() if line.startswith(("<p", "<hr"))]
    assert lines == ["<p>One.</p>", '<hr class="scene-break"/>', "<p>Two.</p>", '<hr class="scene-break"/>',
                     "<p>Three.</p>"]
    planned = zip_text(root / "b.epub", "EPUB/text/chapter-002.xhtml")
    assert "Planned" in planned and "<p>" not in planned  # a planned chapter keeps its heading and number
    assert (report.chapters, report.scenes, report.words) == (2, 2, 3)

    export(root, "docx", flags={"output": root / "b.docx"})
    styles = [p.style.name for p in docx.Document(str(root / "b.docx")).paragraphs]
    assert styles.count("Scene Break") == 2


def test_html_emphasis_toggles_like_markdown_emphasis():
    from narrative_cli.export.parse import SceneParser

    parse = SceneParser("en", False).parse
    assert parse("*a <i>b</i> c* d")[0][0].runs == [("a ", 1), ("b", 0), (" c", 1), (" d", 0)]
    assert parse("<b>x</b> <em>y</em> z")[0][0].runs == [("x", 2), (" ", 0), ("y", 1), (" z", 0)]


def test_typewriter_dashes_from_narrative_yaml_a_profile_or_the_flag(tmp_path, cli):
    body = "Sorrow came--a gentle sorrow---but the years 1914--18 passed...\n"
    root = write_project(tmp_path / "dashes", [("Dashes", [scene(body)])],
                         export={"profiles": {"typed": {"format": "md", "dashes": "em"}}})

    def printed(*args) -> str:
        result = cli("export", "md", "-o", "b.md", "-q", *args, cwd=root)
        assert result.exit_code == 0, result.stderr
        return (root / "b.md").read_text().splitlines()[-1]

    assert printed() == "Sorrow came–a gentle sorrow—but the years 1914–18 passed…"
    assert printed("--dashes", "em") == "Sorrow came—a gentle sorrow—but the years 1914—18 passed…"
    assert printed("--profile", "typed") == printed("--dashes", "em")
    assert printed("--profile", "typed", "--dashes", "en") == printed()  # flags win
    assert cli("export", "md", "--dashes", "long", cwd=root).exit_code == 2
    (root / "narrative.yaml").write_text((root / "narrative.yaml").read_text().replace('"export": {', '"export": {"dashes": "em", '))
    assert printed() == printed("--dashes", "em")


def test_tab_indented_prose_is_counted_and_searched(tmp_path, cli):
    body = "\tSalt on the wind, she said.\n\n\tThe harbor slept.\n"
    root = write_project(tmp_path / "tabbed", [("Tabs", [scene(body)])])
    assert '"words": 9' in cli("stats", "--format", "json", cwd=root).stdout
    found = cli("search", "harbor", cwd=root)
    assert found.exit_code == 0 and ":3:" in found.stdout
    assert export(root, "epub", flags={"output": root / "b.epub"}).words == 9


def test_a_slip_in_an_output_path_never_replaces_a_source_or_another_kind_of_file(tmp_path, cli):
    root = write_project(tmp_path / "safe", [("Safe", [scene("Only copy of this scene.\n")])])
    scene_file = next((root / "manuscript").rglob("*.md"))
    sources = {p: p.read_bytes() for p in [scene_file, root / "narrative.yaml"]}
    stranger = tmp_path / "notes.txt"
    stranger.write_text("my notes\n")
    for output, message in [(scene_file, "refusing to write the md into the project's own manuscript/"),
                            (root / "narrative.yaml", "into the project's own narrative.yaml"),
                            (root / "canon" / "new.md", "into the project's own canon/new.md"),
                            (root / ".git" / "x.md", "into the project's own .git/x.md"),
                            (stranger, "refusing to replace")]:
        result = cli("export", "epub" if output == stranger else "md", "-o", str(output), cwd=root)
        assert result.exit_code == 2 and message in result.stderr, (output, result.stderr)
    report = cli("stats", "--html", str(scene_file), cwd=root)  # the one other command that writes a file
    assert report.exit_code == 2 and "refusing to write the report into" in report.stderr
    assert cli("stats", "--html", str(stranger), cwd=root).exit_code == 2
    assert all(p.read_bytes() == data for p, data in sources.items()) and stranger.read_text() == "my notes\n"
    assert not (root / "canon" / "new.md").exists()
    (tmp_path / "loop1").symlink_to(tmp_path / "loop2")
    (tmp_path / "loop2").symlink_to(tmp_path / "loop1")
    looped = cli("export", "md", "-o", str(tmp_path / "loop1"), cwd=root)
    assert looped.exit_code == 2 and looped.stderr.startswith(f"narrative: error: cannot write {tmp_path / 'loop1'}")
    # re-exporting over the previous build, and into a new folder, still work
    for output in (root / "build" / "book.md", root / "build" / "book.md", tmp_path / "out" / "book.txt"):
        assert cli("export", "md", "-o", str(output), "-q", cwd=root).exit_code == 0


def test_a_chapter_file_that_opens_with_its_own_heading_does_not_print_it_twice(tmp_path):
    root = write_project(tmp_path / "headed", [
        ("The Road", [scene("# Chapter 1: The Road\n\nOne two.\n"), scene("# The Road\n\nKept in scene two.\n")]),
        ("Chapter 2", [scene("## CHAPTER II.\n\nThree.\n")]),
        ("Storm", [scene("**A bold opening line.**\n\nFour.\n")])])
    report = export(root, "epub", flags={"output": root / "b.epub"})
    bodies = [zip_text(root / "b.epub", f"EPUB/text/chapter-00{n}.xhtml").split("</h1>")[1] for n in (1, 2, 3)]
    assert bodies[0].count("The Road") == 1 and "<p>One two.</p>" in bodies[0]  # scene two's heading stays
    assert "CHAPTER" not in bodies[1] and "<p>Three.</p>" in bodies[1]
    assert "<p><strong>A bold opening line.</strong></p>" in bodies[2]  # not a heading of its chapter
    assert report.words == 14

"""DOCX from the tools writers use: pandoc, LibreOffice, and one built like Word and Google Docs
write theirs (direct formatting, no heading styles); comments and tracked changes."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.importers import docx_build as d
from tests.importers.helpers import scene_texts, shape

NOVEL_MD = """---
title: The Fog Line
author: Ivy Marsh
---

# Chapter One: The Moor

The fog came in *thick* over the moor.

She waited by the gate.

* * *

Morning, and the fog had *gone*.

# Chapter Two: The Gate

He opened the gate **slowly**.

# Chapter Three

The end of the road.
"""


def _run_json(cli, *args) -> dict:
    result = cli("import", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _expect_fog_line(root: Path) -> None:
    chapters = shape(root)
    assert [c["title"] for c in chapters] == ["The Moor", "The Gate", "Chapter Three"]
    assert [c["scenes"] for c in chapters] == [2, 1, 1]
    assert [c["italics"] for c in chapters] == [2, 0, 0]
    texts = scene_texts(root)
    assert texts[0] == "The fog came in *thick* over the moor.\n\nShe waited by the gate.\n"
    assert texts[2] == "He opened the gate **slowly**.\n"


@pytest.mark.skipif(not shutil.which("pandoc"), reason="pandoc is not installed")
def test_a_docx_written_by_pandoc(cli, tmp_path):
    (tmp_path / "novel.md").write_text(NOVEL_MD)
    subprocess.run(["pandoc", "novel.md", "-o", "novel.docx"], cwd=tmp_path, check=True)
    report = _run_json(cli, str(tmp_path / "novel.docx"), str(tmp_path / "book"))
    assert (report["title"], report["author"]) == ("The Fog Line", "Ivy Marsh")
    _expect_fog_line(tmp_path / "book")


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_a_docx_written_by_libreoffice(cli, tmp_path):
    html = ("<html><head><title>The Fog Line</title></head><body>"
            "<h1>Chapter One: The Moor</h1><p>The fog came in <i>thick</i> over the moor.</p>"
            "<p>She waited by the gate.</p><p align=\"center\">* * *</p><p>Morning, and the fog had <i>gone</i>.</p>"
            "<h1>Chapter Two: The Gate</h1><p>He opened the gate <b>slowly</b>.</p>"
            "<h1>Chapter Three</h1><p>The end of the road.</p></body></html>")
    (tmp_path / "novel.html").write_text(html)
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to",
                    "docx:MS Word 2007 XML", "novel.html"], cwd=tmp_path, check=True, capture_output=True, timeout=120)
    assert b"w:document" in __import__("zipfile").ZipFile(tmp_path / "novel.docx").read("word/document.xml")
    _run_json(cli, str(tmp_path / "novel.docx"), str(tmp_path / "book"))
    _expect_fog_line(tmp_path / "book")


def test_a_docx_built_like_word_and_google_docs(cli, tmp_path):
    report = _run_json(cli, str(d.word_style_novel(tmp_path / "salt.docx")), str(tmp_path / "book"))
    assert (report["title"], report["author"]) == ("The Salt Road", "Ada Quill")
    chapters = shape(tmp_path / "book")
    assert [c["title"] for c in chapters] == ["Arrival", "The Customs House", "Chapter Three"]
    assert [c["scenes"] for c in chapters] == [2, 2, 2]
    texts = scene_texts(tmp_path / "book")
    assert texts[0] == ("The tide had turned by the time the *Marisol* reached the quay in chapter 1.\n\n"
                        "Elena counted the guards **twice**.\n")
    assert texts[1] == "Later that night she wrote a letter.\n\n> Dear Mother, the sea is calm.\n\nShe burned it before dawn.\n"


def test_comments_kept_or_dropped_and_tracked_changes_accepted(cli, tmp_path):
    body = (d.para(d.run("Chapter 1"), style="Heading1")
            + '<w:p><w:commentRangeStart w:id="7"/>' + d.run("She kept the ")
            + '<w:ins w:id="1" w:author="Ed">' + d.run("silver ") + "</w:ins>"
            + '<w:del w:id="2" w:author="Ed"><w:r><w:delText>golden </w:delText></w:r></w:del>'
            + d.run("key", caps=True) + d.run(".") + '<w:commentRangeEnd w:id="7"/>'
            + '<w:r><w:commentReference w:id="7"/></w:r></w:p>'
            + d.para(d.run("Then -- "), d.run("Chapter Two", style="Emphasis"), d.run(" began.")))
    source = d.write(tmp_path / "notes.docx", body, title="Keys", author="Ed Gray",
                     comment_part=d.comments({"7": ("Ed", "Is it -- really silver?")}))
    report = _run_json(cli, str(source), str(tmp_path / "kept"))
    assert report["notes"] == ["tracked changes: 1 insertion(s) accepted, 1 deletion(s) dropped"]
    assert report["dropped"] == {"comments kept as HTML comments": 1, "tracked deletions": 1}
    assert scene_texts(tmp_path / "kept") == [
        'She kept the silver <span class="smallcaps">key</span>.\n\n<!-- Ed: Is it — really silver? -->\n\n'
        "Then -- *Chapter Two* began.\n"]
    report = _run_json(cli, str(source), str(tmp_path / "dropped"), "--comments", "drop")
    assert report["dropped"]["comments"] == 1
    assert "<!--" not in scene_texts(tmp_path / "dropped")[0]


def test_chapter_pattern_overrides_the_rules(cli, tmp_path):
    body = "".join(d.para(d.run(t)) for t in ("Kapitel 1", "Es war einmal.", "Kapitel 2", "Und dann."))
    source = d.write(tmp_path / "de.docx", body)
    report = _run_json(cli, str(source), "--dry-run", "--chapter-pattern", r"^Kapitel \d+(?P<title>)$")
    assert [c["words"] for c in report["chapters"]] == [3, 2]
    assert not (tmp_path / "de").exists()


def test_number_words_and_chapter_styles_open_chapters(cli, tmp_path):
    body = (d.para(d.run("ONE", bold=True), centred=True) + d.para(d.run("The Harbour"), centred=True)
            + d.para(d.run("Boats rocked.")) + d.para(d.run("TWO", bold=True), centred=True)
            + d.para(d.run("Ropes creaked.")) + d.para(d.run("Three"), style="ChapterTitle")
            + d.para(d.run("Gulls.")))
    styles = d.STYLES.replace("</w:styles>", '<w:style w:type="paragraph" w:styleId="ChapterTitle">'
                              '<w:name w:val="Chapter Title"/></w:style></w:styles>')
    source = d.write(tmp_path / "n.docx", body, styles=styles)  # a chapter style of the writer's own
    result = cli("import", str(source), "--dry-run", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert [c["title"] for c in json.loads(result.stdout)["chapters"]] == ["The Harbour", "TWO", "Three"]

"""The bundled example, The Salt Road, exported the way its README and profiles say."""

from __future__ import annotations

import json

import docx

from tests.export.helpers import epubcheck, epubcheck_problems, zip_text


def test_example_epub_passes_epubcheck_with_nothing_to_report(example, cli):
    result = cli("export", "epub", "--profile", "ebook", "--format", "json", cwd=example)
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert (report["chapters"], report["scenes"]) == (3, 10)
    path = example / "build" / "the-salt-road.epub"
    assert report["output"] == str(path)
    opf = zip_text(path, "EPUB/package.opf")
    assert 'properties="cover-image"' in opf and '<meta property="schema:accessMode">visual</meta>' in opf
    checked = epubcheck(path)
    counts = {k: checked["checker"][k] for k in ("nFatal", "nError", "nWarning")}
    assert (counts, epubcheck_problems(checked)) == ({"nFatal": 0, "nError": 0, "nWarning": 0}, [])


def test_example_submission_profile(example, cli):
    result = cli("export", "docx", "--profile", "submission", "-o", "submission.docx", "--quiet", cwd=example)
    assert result.exit_code == 0, result.stderr
    document = docx.Document(str(example / "submission.docx"))
    first = document.paragraphs[0].text
    assert first.startswith("Ada Quill\tabout ") and first.endswith(" words")
    assert document.paragraphs[-1].text == "END"
    assert document.sections[0].header.paragraphs[0].text == "Quill / The Salt Road / "
    assert document.styles["Normal"].paragraph_format.line_spacing == 2.0


def test_example_book_docx_and_markdown(example, cli):
    assert cli("export", "docx", "--quiet", cwd=example).exit_code == 0
    document = docx.Document(str(example / "build" / "the-salt-road.docx"))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["Arrival", "The Road Inland", "Greywell"]
    assert cli("export", "md", "--quiet", cwd=example).exit_code == 0
    text = (example / "build" / "the-salt-road.md").read_text(encoding="utf-8")
    assert text.startswith("# The Salt Road\n\n*A Novel*\n\nAda Quill\n\n## Chapter 1: Arrival\n\n")

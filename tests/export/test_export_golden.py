"""Golden files: the prettified XML of the every-feature book, so any change to what the
writers produce shows up as a readable diff. Refresh after an intended change with
NARRATIVE_UPDATE_GOLDEN=1 python -m pytest tests/export/test_export_golden.py"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from narrative_cli.export.build import export
from tests.export.helpers import zip_text

GOLDEN = Path(__file__).parent / "golden"
CASES = [
    ("epub", {}, "EPUB/text/chapter-001.xhtml", "features-chapter-001.xhtml"),
    ("epub", {}, "EPUB/package.opf", "features-package.opf"),
    ("epub", {}, "EPUB/nav.xhtml", "features-nav.xhtml"),
    ("docx", {}, "word/document.xml", "features-book-document.xml"),
    ("docx", {"manuscript_format": True}, "word/document.xml", "features-manuscript-document.xml"),
    ("md", {}, None, "features.md"),
]


def pretty(text: str) -> str:
    from lxml import etree

    root = etree.fromstring(text.encode("utf-8"), etree.XMLParser(remove_blank_text=True))
    return etree.tostring(root, pretty_print=True, encoding="unicode")


@pytest.mark.parametrize("fmt, flags, member, golden", CASES, ids=[c[3] for c in CASES])
def test_golden(features, monkeypatch, tmp_path, fmt, flags, member, golden):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    path = export(features, fmt, flags={"output": tmp_path / f"out.{fmt}", **flags}).output
    actual = path.read_text(encoding="utf-8") if member is None else pretty(zip_text(path, member))
    expected_file = GOLDEN / golden
    if os.environ.get("NARRATIVE_UPDATE_GOLDEN"):
        expected_file.parent.mkdir(exist_ok=True)
        expected_file.write_text(actual, encoding="utf-8")
    assert actual == expected_file.read_text(encoding="utf-8")

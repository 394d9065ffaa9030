"""A real word processor opens the DOCX: LibreOffice converts it to PDF, and every chapter
heading (titled, untitled, an author's own label) is the first text on its page."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest

from narrative_cli.export.build import export
from tests.export.helpers import scene, write_project

SOFFICE = shutil.which("soffice")
# Skipped only off CI: under CI=true a missing LibreOffice fails (office_pdf asserts), never skips.
needs_soffice = pytest.mark.skipif(
    SOFFICE is None and not os.environ.get("CI"),
    reason="LibreOffice (soffice) is not installed here; .ci/run installs libreoffice-writer-nogui")
pytestmark = needs_soffice


def office_pdf(docx: Path, out: Path) -> pypdf.PdfReader:
    assert SOFFICE, "CI must have LibreOffice: .ci/run installs libreoffice-writer-nogui"
    profile = out / "lo-profile"  # a private profile: no clash with another soffice running
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out), str(docx)], check=True, capture_output=True, timeout=300)
    return pypdf.PdfReader(str(out / (docx.stem + ".pdf")))


@pytest.mark.parametrize("manuscript", [False, True], ids=["book", "manuscript"])
def test_each_chapter_heading_opens_a_page_in_libreoffice(tmp_path, manuscript):
    long = "\n\n".join(["The tide came in over the flats and nobody on the quay looked up from the nets."] * 12)
    root = write_project(tmp_path / "office", [
        (None, [scene(long + "\n")]), ("The Road", [scene("Short.\n")]), ("Letter IV", [scene(long + "\n")]),
        (None, [scene("Last.\n")])])
    docx = export(root, "docx", flags={"output": tmp_path / "book.docx", "manuscript_format": manuscript}).output
    pages = [(page.extract_text() or "").strip() for page in office_pdf(docx, tmp_path).pages]
    firsts = [text.splitlines()[0].strip().casefold() for text in pages if text]  # small caps read as capitals
    if manuscript:  # the running header comes first on every page after the first
        firsts = [text.splitlines()[1].strip().casefold() for text in pages[1:] if text]
    for heading in ("Chapter 1", "Chapter 2", "Letter IV", "Chapter 4"):
        assert heading.casefold() in firsts, (heading, firsts)

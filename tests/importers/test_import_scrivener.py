"""A Scrivener 3 project built from the documented layout, with Cocoa RTF as Scrivener writes it
and RTF written by LibreOffice."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from narrative_cli.store.project import load_project
from tests.importers.scriv_project import cocoa_rtf, item, uid, write_project


def _project(tmp_path, extra_docs=None, draft_extra=""):
    docs = {
        uid(10): (cocoa_rtf(), "The heath at night."),
        uid(11): (cocoa_rtf("The fog came in \\f1 thick\\f0  over the moor.",
                            "She waited by the gate, \\f2\\b counting\\f0\\b0  the lamps.",
                            "\\pard\\qc #", "\\pard Morning came \\'e9 and went."), "Fog arrives."),
        uid(12): (cocoa_rtf("He opened the gate {\\i slowly}.", "\\u8220?Who is there?\\u8221?"), None),
        uid(13): (cocoa_rtf("This text is not in the compile."), None),
        uid(20): (cocoa_rtf("A prologue of one document."), None),
        uid(30): (cocoa_rtf("Tall, silent, fond of lamps."), "The keeper."),
    }
    docs.update(extra_docs or {})
    chapter = item(uid(10), "Folder", "The Heath", [
        item(uid(11), "Text", "Fog", status=3), item(uid(12), "Text", "Gate", label=0, status=1),
        item(uid(13), "Text", "Cut", include=False)])
    binder = (item(uid(1), "DraftFolder", "Draft", [item(uid(20), "Text", "Prologue", status=4), chapter]
                   + ([draft_extra] if draft_extra else []))
              + item(uid(2), "ResearchFolder", "Research")
              + item(uid(3), "Folder", "Characters", [item(uid(30), "Text", "Old Tom")])
              + item(uid(4), "TrashFolder", "Trash"))
    return write_project(tmp_path / "Fog.scriv", docs, binder)


def test_scrivener_3_project_with_cocoa_rtf(cli, tmp_path):
    result = cli("import", str(_project(tmp_path)), str(tmp_path / "book"), "--format", "json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert (report["title"], report["author"]) == ("The Fog Line", "Ivy Marsh")
    assert [(c["title"], c["scenes"]) for c in report["chapters"]] == [("Prologue", 1), ("The Heath", 2)]
    assert report["skipped"] == ["Cut (not included in compile)"]
    assert report["canon"] == {"characters": 1}
    project = load_project(tmp_path / "book")
    prologue, heath = project.chapters
    assert prologue.scenes[0].card.status == "final"
    fog, gate = heath.scenes
    assert fog.body == ("The fog came in *thick* over the moor.\n\nShe waited by the gate, **counting** the lamps."
                        "\n\n***\n\nMorning came é and went.\n")
    assert (fog.card.title, fog.card.status, fog.card.summary) == ("Fog", "final", "Fog arrives.")
    assert gate.body == "He opened the gate *slowly*.\n\n“Who is there?”\n"
    assert gate.card.status == "draft"
    assert heath.card.synopsis == "The heath at night."
    tom = project.entities["characters"]["old-tom"].model
    assert (tom.summary, tom.notes) == ("The keeper.", "Tall, silent, fond of lamps.")


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_scrivener_with_rtf_written_by_libreoffice(cli, tmp_path):
    (tmp_path / "scene.html").write_text(
        "<html><body><p>The fog came in <i>thick</i> and <b>grey</b>.</p><p>“Now,” she said.</p>"
        "<p align=\"center\">#</p><p>Morning, and the fog had <i>gone</i>.</p></body></html>")
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to",
                    "rtf:Rich Text Format", "scene.html"], cwd=tmp_path, check=True, capture_output=True, timeout=120)
    rtf = (tmp_path / "scene.rtf").read_bytes()
    assert rtf.startswith(b"{\\rtf1")
    root = _project(tmp_path, {uid(40): (rtf, None)}, item(uid(40), "Text", "Written in LibreOffice"))
    assert cli("import", str(root), str(tmp_path / "book")).exit_code == 0
    last = load_project(tmp_path / "book").chapters[-1]
    assert (last.card.title, last.scenes[0].body) == (
        "Written in LibreOffice", "The fog came in *thick* and **grey**.\n\n“Now,” she said.\n\n***\n\n"
        "Morning, and the fog had *gone*.\n")


def test_scrivener_lock_is_refused_unless_forced(cli, tmp_path):
    root = _project(tmp_path)
    (root / "Files" / "user.lock").write_text("Desk")
    result = cli("import", str(root), str(tmp_path / "book"))
    assert result.exit_code == 2
    assert "I503 Scrivener has this project open (Files/user.lock)" in result.stderr
    assert not (tmp_path / "book").exists()
    assert cli("import", str(root), str(tmp_path / "book"), "--force").exit_code == 0


def test_scrivener_2_project(cli, tmp_path):
    root = tmp_path / "Old.scriv"
    docs = root / "Files" / "Docs"
    docs.mkdir(parents=True)
    (docs / "3.rtf").write_text(cocoa_rtf("It was a {\\i dark} night."), encoding="latin-1")
    (docs / "3_synopsis.txt").write_text("Night falls.")
    (docs / "4.rtf").write_text(cocoa_rtf("Dawn."), encoding="latin-1")
    binder = ('<BinderItem ID="0" Type="DraftFolder"><Title>Draft</Title><Children>'
              '<BinderItem ID="2" Type="Folder"><Title>One</Title><Children>'
              '<BinderItem ID="3" Type="Text"><Title>Night</Title></BinderItem>'
              '<BinderItem ID="4" Type="Text"><Title>Dawn</Title></BinderItem>'
              "</Children></BinderItem></Children></BinderItem>")
    (root / "Old.scrivx").write_text(f'<?xml version="1.0" encoding="UTF-8"?>\n<ScrivenerProject Version="1.0">'
                                     f"<Binder>{binder}</Binder></ScrivenerProject>")
    assert cli("import", str(root / "Old.scrivx"), str(tmp_path / "book")).exit_code == 0
    chapter = load_project(tmp_path / "book").chapters[0]
    assert [(s.card.title, s.card.summary, s.body) for s in chapter.scenes] == [
        ("Night", "Night falls.", "It was a *dark* night.\n"), ("Dawn", None, "Dawn.\n")]


def test_a_single_rtf_file(cli, tmp_path):
    (tmp_path / "draft.rtf").write_text(cocoa_rtf(
        "\\pard\\qc \\b CHAPTER ONE\\b0", "\\pard It began {\\i here}.", "\\pard\\qc * * *", "\\pard Then on.",
        "\\pard\\qc \\b CHAPTER TWO\\b0", "\\pard The end came."), encoding="latin-1")
    result = cli("import", str(tmp_path / "draft.rtf"), "--dry-run", "--format", "json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert (report["kind"], [(c["title"], c["scenes"]) for c in report["chapters"]]) == (
        "rtf", [("CHAPTER ONE", 2), ("CHAPTER TWO", 1)])

"""Bad input for every source: one clear coded error, exit 2, nothing written (no DEST, no temp folder)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.importers import docx_build as d
from tests.importers.nw_project import write_project as write_nw
from tests.importers.scriv_project import cocoa_rtf, item, uid, write_project as write_scriv

BODY = d.para(d.run("Chapter 1"), style="Heading1") + d.para(d.run("Text."))
LAUGHS = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">'
          '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;">]>')


def zip_bomb(path: Path) -> Path:
    return d.write(path, BODY, extra={"word/filler.xml": b" " * (8 * 2**20)})


def huge_image(path: Path) -> Path:
    return d.write(path, BODY, extra={"word/media/image1.png": b"\x89PNG" + b"\x00" * (6 * 2**20)})


def entity_bomb(path: Path) -> Path:
    doc = LAUGHS + f'<w:document {d.NS}><w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>'
    return d.write(path, "", document=doc)


def entity_bomb_utf16(path: Path) -> Path:
    doc = ('<?xml version="1.0" encoding="UTF-16"?>' + LAUGHS[21:]
           + f'<w:document {d.NS}><w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>')
    return d.write(path, "", document=doc.encode("utf-16"))


def traversal(path: Path) -> Path:
    return d.write(path, BODY, extra={"../../evil.txt": b"x"})


def encrypted(path: Path) -> Path:
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4096)  # what Word writes for a password
    return path


def corrupt(path: Path) -> Path:
    data = d.write(path, BODY).read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def not_a_docx(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/epub+zip")
        z.writestr("META-INF/container.xml", "<container/>")
    return path


def damaged_part(path: Path) -> Path:
    d.write(path, BODY)
    data = bytearray(path.read_bytes())
    at = data.find(b"word/document.xml") + len("word/document.xml")
    data[at + 10: at + 40] = b"\xff" * 30  # deflate stream of the main part
    path.write_bytes(bytes(data))
    return path


def rtf_blob(path: Path) -> Path:
    path.write_bytes(b"{\\rtf1\\ansi Chapter 1\\par Text {\\pict\\bin999999 abc}}")
    return path


def binary_text(path: Path) -> Path:
    path.write_bytes(b"\x00\x01\x02 not text" * 100)
    return path


def nw_xxe(path: Path) -> Path:
    write_nw(path)
    nwx = path / "nwProject.nwx"
    text = nwx.read_text().replace("<novelWriterXML", '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<novelWriterXML', 1)
    nwx.write_text(text.replace("<name>The Lantern Keeper</name>", "<name>&e;</name>"))
    return path


def nw_corrupt(path: Path) -> Path:
    write_nw(path)
    (path / "nwProject.nwx").write_text("<novelWriterXML><project><name>Cut off")
    return path


def scriv_corrupt(path: Path) -> Path:
    binder = item(uid(1), "DraftFolder", "Draft", [item(uid(5), "Text", "Scene")])
    write_scriv(path, {uid(5): (cocoa_rtf("Text"), None)}, binder)
    scrivx = next(path.glob("*.scrivx"))
    scrivx.write_bytes(scrivx.read_bytes()[:200])
    return path


def scriv_outside(path: Path) -> Path:
    binder = item(uid(1), "DraftFolder", "Draft", [item("../../../../etc", "Text", "Evil")])
    return write_scriv(path, {}, binder)


def scriv_blob(path: Path) -> Path:
    binder = item(uid(1), "DraftFolder", "Draft", [item(uid(5), "Text", "Scene")])
    return write_scriv(path, {uid(5): (cocoa_rtf("Text \\bin4000000 x"), None)}, binder)


CASES = [
    ("zip-bomb.docx", zip_bomb, "I105 part word/filler.xml inflates"),
    ("huge-image.docx", huge_image, "I105 part word/media/image1.png inflates"),
    ("entities.docx", entity_bomb, "I106 word/document.xml declares a DTD or entities"),
    ("entities-utf16.docx", entity_bomb_utf16, "I106 word/document.xml declares a DTD or entities"),
    ("traversal.docx", traversal, "I103 the archive has a part named outside itself ('../../evil.txt')"),
    ("locked.docx", encrypted, "I110 this is an encrypted DOCX or an old binary Word file (.doc)"),
    ("corrupt.docx", corrupt, "I101 not a readable DOCX"),
    ("book.epub", not_a_docx, "I109 this is an EPUB, not a DOCX"),
    ("damaged.docx", damaged_part, "I101 part word/document.xml is damaged"),
    ("blob.rtf", rtf_blob, "I402 the RTF declares a binary blob longer than the file"),
    ("binary.txt", binary_text, "I210 this is a binary file, not text"),
    ("nw", nw_xxe, "declares a DTD or entities"),
    ("nw-corrupt", nw_corrupt, "I107 nwProject.nwx is not well-formed XML"),
    ("Corrupt.scriv", scriv_corrupt, "I107 Corrupt.scrivx is not well-formed XML"),
    ("Outside.scriv", scriv_outside, "I502 the binder names a document outside the project ('../../../../etc')"),
    ("Blob.scriv", scriv_blob, "I402 the RTF declares a binary blob longer than the file"),
]


@pytest.mark.parametrize("name,make,message", CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_one_clear_error_and_nothing_is_written(cli, tmp_path, name, make, message):
    (tmp_path / "in").mkdir()
    source = make(tmp_path / "in" / name)
    (tmp_path / "out").mkdir()
    result = cli("import", str(source), str(tmp_path / "out" / "book"))
    assert result.exit_code == 2, result.stderr
    assert message in result.stderr
    assert result.stderr.count("error:") == 1 and "Traceback" not in result.stderr
    assert list((tmp_path / "out").iterdir()) == []


def test_dest_that_is_not_empty_is_refused(cli, tmp_path):
    (tmp_path / "book").mkdir()
    (tmp_path / "book" / "notes.txt").write_text("mine")
    (tmp_path / "a.md").write_text("# One\n\nText.\n")
    result = cli("import", str(tmp_path / "a.md"), str(tmp_path / "book"))
    assert result.exit_code == 2
    assert "exists and is not empty" in result.stderr
    assert [p.name for p in (tmp_path / "book").iterdir()] == ["notes.txt"]


def test_a_failure_after_the_project_was_started_leaves_nothing(cli, tmp_path):
    (tmp_path / "a.md").write_text("# One\n\nText.\n")
    (tmp_path / "out").mkdir()
    result = cli("import", str(tmp_path / "a.md"), str(tmp_path / "out" / "book"), "--key", "nobody")
    assert result.exit_code == 2, result.stderr
    assert list((tmp_path / "out").iterdir()) == []

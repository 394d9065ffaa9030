"""The cover goes into the EPUB as what its bytes are; anything else stops the export (N310/N311/N312)."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

from PIL import Image

from tests.export.helpers import scene, write_project, zip_text
from tests.export.test_export_epub import assert_epubcheck_clean

SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="2560" viewBox="0 0 16 25">'
       '<rect width="16" height="25" fill="#234"/><circle cx="8" cy="8" r="3" fill="#fc6"/></svg>\n')


def covered(root: Path, name: str, data: bytes) -> Path:
    (root / "assets").mkdir(parents=True)
    (root / "assets" / name).write_bytes(data)
    return write_project(root, [("One", [scene("Text.\n")])], cover=f"assets/{name}")


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (160, 256), "navy").save(out, "JPEG")
    return out.getvalue()


def test_a_jpeg_named_png_goes_in_as_a_jpeg(tmp_path, cli):
    data = jpeg()
    root = covered(tmp_path / "book", "cover.png", data)
    result = cli("export", "epub", "-o", "out.epub", cwd=root)
    assert result.exit_code == 0, result.stderr
    opf = zip_text(root / "out.epub", "EPUB/package.opf")
    assert '<item id="cover-image" href="images/cover.jpg" media-type="image/jpeg" properties="cover-image"/>' in opf
    assert zipfile.ZipFile(root / "out.epub").read("EPUB/images/cover.jpg") == data
    assert 'src="../images/cover.jpg"' in zip_text(root / "out.epub", "EPUB/text/cover.xhtml")


def test_an_svg_cover_passes_epubcheck(tmp_path, cli):
    root = covered(tmp_path / "book", "cover.svg", SVG.encode())
    result = cli("export", "epub", "-o", "out.epub", cwd=root)
    assert result.exit_code == 0, result.stderr
    opf = zip_text(root / "out.epub", "EPUB/package.opf")
    assert 'href="images/cover.svg" media-type="image/svg+xml" properties="cover-image"' in opf
    assert_epubcheck_clean(root / "out.epub")


def test_a_text_file_named_cover_png_stops_every_export(tmp_path, cli):
    root = covered(tmp_path / "book", "cover.png", b"Cover: a lighthouse at dusk (to be drawn).\n")
    for fmt, out in (("epub", "out.epub"), ("docx", "out.docx")):
        result = cli("export", fmt, "-o", out, cwd=root)
        assert result.exit_code == 1
        assert result.stderr.splitlines()[0] == ("narrative.yaml:19:3: error N310: 'assets/cover.png' is not an image "
                                                 "e-book readers show: its content is text")
        assert "narrative: error: the project has errors; nothing was exported" in result.stderr
        assert not (root / out).exists()


def test_an_svg_cover_with_a_script_stops_the_export(tmp_path, cli):
    hostile = SVG.replace("<rect", '<script>fetch("https://example.org/p")</script><rect')
    root = covered(tmp_path / "book", "cover.svg", hostile.encode())
    result = cli("export", "epub", "-o", "out.epub", cwd=root)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == ("narrative.yaml:19:3: error N311: 'assets/cover.svg' is an SVG image "
                                             "with a <script> element")
    assert not (root / "out.epub").exists()


def test_a_cover_over_ten_megabytes_warns_with_a_hint_and_still_exports(tmp_path, cli):
    out = io.BytesIO()
    Image.frombytes("RGB", (1900, 1900), os.urandom(1900 * 1900 * 3)).save(out, "PNG", compress_level=0)
    assert out.tell() > 10_000_000
    root = covered(tmp_path / "book", "cover.png", out.getvalue())
    checked = cli("validate", cwd=root)
    assert checked.exit_code == 0
    assert checked.stdout.splitlines()[:2] == [
        f"narrative.yaml:19:3: warning N312: 'assets/cover.png' is {out.tell() / 1e6:.1f} MB "
        "(a PNG image, 1900 x 1900 pixels); over 10 MB",
        "  hint: an e-book cover needs about 1600 x 2560 pixels: saved as JPEG that is usually under 2 MB"]
    assert cli("validate", "--strict", cwd=root).exit_code == 1
    exported = cli("export", "epub", "-o", "out.epub", cwd=root)
    assert exported.exit_code == 0 and "warning N312" in exported.stderr
    assert zipfile.ZipFile(root / "out.epub").read("EPUB/images/cover.png") == out.getvalue()

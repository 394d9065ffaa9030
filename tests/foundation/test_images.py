"""store/images.py: an image is what its bytes are, whatever its name says."""

from __future__ import annotations

import io
import struct
import time
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from narrative_cli.store.images import LARGE, identify, identify_bytes


def raster(fmt: str, size=(30, 20), mode="RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, "red" if mode == "RGB" else 0).save(out, fmt)
    return out.getvalue()


def chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_header(width: int, height: int) -> bytes:
    """A PNG signature and an IHDR chunk (with its right checksum) claiming width x height."""
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))


@pytest.mark.parametrize("fmt,kind,media_type,extension", [
    ("PNG", "png", "image/png", ".png"), ("JPEG", "jpeg", "image/jpeg", ".jpg"),
    ("GIF", "gif", "image/gif", ".gif"), ("WEBP", "webp", "image/webp", ".webp")])
def test_raster_types_are_read_from_the_bytes_not_the_name(tmp_path, fmt, kind, media_type, extension):
    path = tmp_path / "cover.txt"  # the name says nothing
    path.write_bytes(raster(fmt, mode="P" if fmt == "GIF" else "RGB"))
    info = identify(path)
    assert (info.kind, info.media_type, info.extension, info.usable) == (kind, media_type, extension, True)
    assert info.what.endswith("image, 30 x 20 pixels") and info.size == path.stat().st_size
    assert identify_bytes(path.read_bytes()) == info


@pytest.mark.parametrize("data,what", [
    (b"Cover: a lighthouse at dusk.\n", "text"),
    (b"", "an empty file"),
    (raster("BMP"), "binary data that is not a PNG, JPEG, GIF, WebP or SVG image (it starts b'BM"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + bytes(range(256)), "binary data that is not a PNG"),
    (raster("PNG")[:60], "a damaged PNG file"),
    (png_header(30, 20), "a damaged PNG file (its header is incomplete)"),
    (b"\xff\xd8\xff\xe0 cut short", "a damaged JPEG file"),
    (b"<?xml version='1.0'?><html xmlns='http://www.w3.org/1999/xhtml'/>",
     "XML whose root is <html>, not an SVG <svg> in the SVG namespace"),
    (b"<svg width='1'/>", "XML whose root is <svg>, not an SVG <svg> in the SVG namespace"),
    (b"<svg xmlns='http://www.w3.org/2000/svg'>", "text that is not well-formed XML"),
])
def test_what_is_not_an_image_is_named(data, what):
    info = identify_bytes(data)
    assert info.kind is None and not info.usable
    assert info.what.startswith(what)


def test_a_png_with_a_wrong_checksum_is_damaged():
    data = bytearray(raster("PNG"))
    data[-20] ^= 0xFF  # inside the IDAT chunk
    assert identify_bytes(bytes(data)).what.startswith("a damaged PNG file (broken PNG file")


def test_a_decompression_bomb_is_refused_without_decoding_it():
    started = time.perf_counter()
    info = identify_bytes(png_header(60_000, 60_000) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b""))
    assert info.kind is None and "more pixels than Pillow opens safely" in info.what
    assert time.perf_counter() - started < 2


def test_an_entity_bomb_in_svg_is_refused_without_expanding_it():
    bomb = ('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">'
            + "".join(f'<!ENTITY {c} "{("&" + p + ";") * 10}">' for p, c in zip("abcdefgh", "bcdefghi"))
            + ']><svg xmlns="http://www.w3.org/2000/svg"><text>&i;</text></svg>').encode()
    started = time.perf_counter()
    info = identify_bytes(bomb)
    assert info.kind is None and info.what == "XML with a DTD or entities (not allowed in an SVG image here)"
    assert time.perf_counter() - started < 2


SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="16" height="16">{}</svg>'


def test_a_plain_svg_is_an_image():
    info = identify_bytes(("\ufeff  " + SVG.format(
        '<defs><linearGradient id="g"/></defs><rect fill="url(#g)" width="16" height="16"/>'
        '<use xlink:href="#g"/><image href="data:image/png;base64,iVBORw0KGgo="/>')).encode())
    assert (info.kind, info.media_type, info.extension, info.unsafe, info.usable) == (
        "svg", "image/svg+xml", ".svg", (), True)


@pytest.mark.parametrize("inner,problem", [
    ("<script>alert(1)</script>", "a <script> element"),
    ('<rect onclick="x()"/>', "an event handler (onclick= on <rect>)"),
    ('<a xlink:href="javascript:alert(1)"><rect/></a>', "a reference outside the file (href='javascript:alert(1)' on <a>)"),
    ('<image href="https://example.org/p.jpg"/>', "a reference outside the file (href='https://example.org/p.jpg' on <image>)"),
    ('<image xlink:href="../secret.png"/>', "a reference outside the file (href='../secret.png' on <image>)"),
    ('<rect style="fill: url(\'http://e.org/x\')"/>', "a reference outside the file (url(http://e.org/x) in style= on <rect>)"),
    ("<style>@import 'https://e.org/a.css';</style>", "a stylesheet import (@import in <style>)"),
    ('<image href="data:text/html,&lt;script&gt;x&lt;/script&gt;"/>', "a reference outside the file (href="),
    ('<image href="data:image/svg+xml;base64,PHN2Zy8+"/>', "a reference outside the file (href='data:image/svg+xml"),
    ('<rect fill="url(https://e.org/p)"/>', "a reference outside the file (url(https://e.org/p) in fill= on <rect>)"),
    ('<rect style="fill: u\\72l(https://e.org/p)"/>', "a reference outside the file (url(https://e.org/p) in style="),
    ("<style>/* x */ @\\69mport 'https://e.org/a.css';</style>", "a stylesheet import (@import in <style>)"),
    ("<style><![CDATA[rect { fill: url('https://e.org/a') }]]></style>", "a reference outside the file (url("),
    ('<foreignObject><div xmlns="http://www.w3.org/1999/xhtml"><iframe src="https://e.org"/></div></foreignObject>',
     "a reference outside the file (src='https://e.org' on <iframe>)"),
    ('<foreignObject><object xmlns="http://www.w3.org/1999/xhtml" data="x.html"/></foreignObject>',
     "a reference outside the file (data='x.html' on <object>)"),
    ('<a href="#x"><set attributeName="href" to="https://e.org"/></a>',
     "an animation that changes a link (<set attributeName='href'>)"),
    ('<a><animate attributeName="xlink:href" values="javascript:alert(1)"/></a>',
     "an animation that changes a link (<animate attributeName='xlink:href'>)"),
    ('<foreignObject><script xmlns="http://www.w3.org/1999/xhtml">x()</script></foreignObject>', "a <script> element"),
    ('<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="/etc/passwd" parse="text"/>',
     "a reference outside the file (href='/etc/passwd' on <include>)"),
])
def test_scripts_and_outside_references_in_svg_are_named(inner, problem):
    info = identify_bytes(SVG.format(inner).encode())
    assert info.kind == "svg" and not info.usable
    assert any(p.startswith(problem) for p in info.unsafe), info.unsafe


def test_a_stylesheet_processing_instruction_is_named():
    info = identify_bytes(('<?xml version="1.0"?>\n<?xml-stylesheet href="https://e.org/a.css"?>\n'
                           + SVG.format("")).encode())
    assert info.kind == "svg" and info.unsafe == ("a processing instruction (<?xml-stylesheet?>)",)


def test_a_utf16_svg_is_read_as_svg():
    info = identify_bytes(('<?xml version="1.0" encoding="UTF-16"?>' + SVG.format("<script/>")).encode("utf-16"))
    assert info.kind == "svg" and info.unsafe == ("a <script> element",)


def test_large_is_ten_megabytes():
    assert LARGE == 10_000_000


def test_a_file_that_cannot_be_read_raises_oserror(tmp_path):
    with pytest.raises(OSError):
        identify(tmp_path / "missing.png")


SEEDS = [raster("PNG"), raster("JPEG"), raster("GIF", mode="P"), raster("WEBP"), SVG.format("<rect/>").encode()]


@settings(max_examples=150, deadline=None)
@given(seed=st.sampled_from(SEEDS), cuts=st.lists(st.tuples(st.integers(0, 4000), st.binary(max_size=12)),
                                                  min_size=1, max_size=6))
def test_damaged_images_are_named_never_a_crash(seed, cuts):
    """Bytes of a real image overwritten here and there: an answer, never an exception.
    (20,000 such mutations were run once by hand; none raised.)"""
    data = bytearray(seed)
    for at, chunk_ in cuts:
        at %= len(data) + 1
        data[at:at + len(chunk_)] = chunk_
    info = identify_bytes(bytes(data))
    assert (info.kind is None) == (info.media_type is None) and info.what and info.size == len(data)

"""store/files.py: decoding and front matter."""

from __future__ import annotations

import pytest

from narrative_cli.store.files import decode_text, split_front_matter


@pytest.mark.parametrize("raw, text", [
    (b"a\r\nb\r\n", "a\nb\n"), (b"a\rb", "a\nb"), (b"\xef\xbb\xbfname: x\n", "name: x\n"),
    ("Inès\n".encode(), "Inès\n"),
])
def test_decode_normalises(raw, text):
    assert decode_text(raw, "f.md") == (text, [])


@pytest.mark.parametrize("raw, where", [
    (b"ok\nbad \xff here\n", "f.md:2:5: error N002: invalid UTF-8 (byte 0xff)"),
    (b"\xc3", "f.md:1:1: error N002: invalid UTF-8 (byte 0xc3)"),
    (b"GIF89a\x00\x01", "f.md:1:1: error N003: binary file where text was expected"),
])
def test_decode_refuses(raw, where):
    text, diags = decode_text(raw, "f.md")
    assert text is None
    assert diags[0].format().split("\n")[0] == where


def test_front_matter_split():
    fm, diags = split_front_matter("---\ntitle: X\n---\nBody\n\n---\nmore\n", "s.md")
    assert diags == []
    assert (fm.yaml_text, fm.body, fm.yaml_line, fm.body_line) == ("title: X\n", "Body\n\n---\nmore\n", 2, 4)


def test_front_matter_closed_by_dots_and_trailing_spaces():
    fm, _ = split_front_matter("--- \ntitle: X\n...\nBody", "s.md")
    assert (fm.yaml_text, fm.body) == ("title: X\n", "Body")


def test_no_front_matter():
    fm, diags = split_front_matter("Just prose.\n---\n", "s.md")
    assert (fm.yaml_text, fm.body, fm.body_line, diags) == (None, "Just prose.\n---\n", 1, [])


def test_unclosed_front_matter():
    fm, diags = split_front_matter("---\ntitle: X\nBody\n", "s.md")
    assert fm is None
    assert diags[0].format() == ("s.md:1:1: error N501: front matter is not closed\n"
                                 "  hint: end the scene card with a line holding only '---'")

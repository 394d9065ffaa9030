"""The same project gives byte-identical files: timestamps never come from the clock."""

from __future__ import annotations

import subprocess
import time
import zipfile

import docx
import pytest

from narrative_cli.export.build import export
from narrative_cli.export.zipout import FALLBACK_EPOCH, source_epoch
from tests.export.helpers import features_book, zip_text


def test_two_builds_are_byte_identical(features, tmp_path):
    formats = ("epub", "docx", "md")
    first = {f: export(features, f, flags={"output": tmp_path / f"a.{f}"}).output.read_bytes() for f in formats}
    time.sleep(1.1)  # a clock-based timestamp would now differ
    second = {f: export(features, f, flags={"output": tmp_path / f"b.{f}"}).output.read_bytes() for f in formats}
    assert first == second


def test_same_book_in_another_folder_is_identical(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    one = features_book(tmp_path / "one")
    two = features_book(tmp_path / "elsewhere" / "two")
    for fmt in ("epub", "docx"):
        a = export(one, fmt, flags={"output": tmp_path / f"1.{fmt}"}).output.read_bytes()
        b = export(two, fmt, flags={"output": tmp_path / f"2.{fmt}"}).output.read_bytes()
        assert a == b


def test_source_date_epoch_sets_every_timestamp(book, monkeypatch, tmp_path):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14T22:13:20Z
    epub = export(book, "epub", flags={"output": tmp_path / "b.epub"}).output
    assert '<meta property="dcterms:modified">2023-11-14T22:13:20Z</meta>' in zip_text(epub, "EPUB/package.opf")
    assert {i.date_time for i in zipfile.ZipFile(epub).infolist()} == {(2023, 11, 14, 22, 13, 20)}
    doc = export(book, "docx", flags={"output": tmp_path / "b.docx"}).output
    props = docx.Document(str(doc)).core_properties
    assert (props.created.isoformat(), props.modified.isoformat()) == ("2023-11-14T22:13:20+00:00",) * 2
    assert {i.date_time for i in zipfile.ZipFile(doc).infolist()} == {(2023, 11, 14, 22, 13, 20)}


def test_timestamp_falls_back_to_last_commit_then_a_fixed_date(book, tmp_path):
    committed = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=book, capture_output=True, text=True)
    assert source_epoch(book) == int(committed.stdout)
    plain = tmp_path / "not-a-repo"
    plain.mkdir()
    assert source_epoch(plain) == FALLBACK_EPOCH


def test_bad_source_date_epoch(book, monkeypatch):
    from narrative_cli.errors import UsageError

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(UsageError) as caught:
        source_epoch(book)
    assert caught.value.message == "SOURCE_DATE_EPOCH must be whole seconds since 1970, not 'yesterday'"

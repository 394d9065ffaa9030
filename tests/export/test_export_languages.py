"""Books in right-to-left scripts (Arabic, Hebrew) and in Chinese, Japanese and Korean:
direction in EPUB and DOCX, labels, word counts and quotes, read back from real files."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pytest

from narrative_cli.export.build import export
from narrative_cli.export.languages import is_rtl, is_unspaced, word_language
from tests.export.helpers import scene, write_project, zip_text
from tests.export.test_export_epub import PNG, assert_epubcheck_clean

ARABIC = ('"مرحبا،" قالت -- إنها *مارِسول*...\n\nعدّت الحراس مرتين، **بحذر**.\n\n- واحد\n- اثنان\n\n'
          '> رسالة مقتبسة.\n')
HEBREW = '"שלום," אמרה -- זאת *מריסול*...\n\nאלנה ספרה את השומרים פעמיים.\n\n1. אחת\n2. שתיים\n'
JAPANESE = '潮が変わった。エレナは"二度"数えた。\n\n港の税関はタールの匂いがした。\n'


def arabic_book(root: Path, **config) -> Path:
    (root / "assets").mkdir(parents=True)
    (root / "assets" / "cover.png").write_bytes(PNG)
    return write_project(root, [("الوصول", [scene(ARABIC, status="final")]),
                                ("الطريق", [scene("غادروا عند الفجر---جميعهم.\n")])],
                         language="ar", title="طريق الملح", subtitle="رواية", author="آدا كويل",
                         cover="assets/cover.png", **config)


def hebrew_book(root: Path) -> Path:
    return write_project(root, [("הגעה", [scene(HEBREW)]), ("הדרך", [scene("הם יצאו עם שחר.\n")])],
                         language="he-IL", title="דרך המלח", author="עדה קוויל")


def japanese_book(root: Path) -> Path:
    return write_project(root, [("到着", [scene(JAPANESE)])], language="ja", title="塩の道", author="山田 花子")


def build(root: Path, fmt: str, **flags):
    return export(root, fmt, flags={"output": root / f"out.{fmt}", **flags})


def xhtml_documents(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as archive:
        return {n: archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".xhtml")}


def test_direction_is_decided_from_the_primary_subtag():
    assert [is_rtl(tag) for tag in ("ar", "he-IL", "fa", "ur-PK", "yi", "ckb", "AR-eg")] == [True] * 7
    assert [is_rtl(tag) for tag in ("en", "fr-CA", "ja", "zh-Hant", "tr", "arn")] == [False] * 6
    assert [is_unspaced(tag) for tag in ("ja", "zh-Hant", "ko", "en")] == [True, True, False, False]
    assert [word_language(tag) for tag in ("ar", "he", "ar-EG", "ja", "en")] == ["ar-SA", "he-IL", "ar-EG",
                                                                                  "ja-JP", "en"]


def test_arabic_epub_reads_right_to_left_and_passes_epubcheck(tmp_path):
    path = build(arabic_book(tmp_path / "ar"), "epub").output
    documents = xhtml_documents(path)
    assert sorted(documents) == ["EPUB/nav.xhtml", "EPUB/text/chapter-001.xhtml", "EPUB/text/chapter-002.xhtml",
                                 "EPUB/text/cover.xhtml", "EPUB/text/title.xhtml"]
    for name, text in documents.items():
        assert re.search(r'<html [^>]*lang="ar" xml:lang="ar" dir="rtl">', text), name
    opf = zip_text(path, "EPUB/package.opf")
    assert 'unique-identifier="pub-id" xml:lang="ar" dir="rtl">' in opf
    assert '<spine toc="ncx" page-progression-direction="rtl">' in opf
    css = zip_text(path, "EPUB/css/book.css")
    assert "ul, ol { margin: 1em 2em 1em 0; }" in css and "letter-spacing: normal" in css
    chapter = documents["EPUB/text/chapter-001.xhtml"]
    assert '<span class="label">الفصل 1</span> <span class="title">الوصول</span>' in chapter
    assert 'alt="الغلاف: طريق الملح, بقلم آدا كويل"' in documents["EPUB/text/cover.xhtml"]
    assert "<h1>المحتويات</h1>" in documents["EPUB/nav.xhtml"]
    assert_epubcheck_clean(path)


def test_arabic_epub_read_back_with_ebooklib(tmp_path):
    from ebooklib import epub

    read = epub.read_epub(str(build(arabic_book(tmp_path / "ar"), "epub").output))
    assert read.direction == "rtl"
    assert read.get_metadata("DC", "language")[0][0] == "ar"


def test_hebrew_epub_passes_epubcheck_without_a_printed_toc(tmp_path):
    path = build(hebrew_book(tmp_path / "he"), "epub", include_toc=False).output
    for name, text in xhtml_documents(path).items():
        assert 'xml:lang="he-IL" dir="rtl">' in text, name
    assert 'page-progression-direction="rtl"' in zip_text(path, "EPUB/package.opf")
    assert "פרק 2" in zip_text(path, "EPUB/toc.ncx")
    assert_epubcheck_clean(path)


def test_left_to_right_books_carry_no_direction(book):
    path = build(book, "epub").output
    assert not any("dir=" in text for text in xhtml_documents(path).values())
    assert "page-progression-direction" not in zip_text(path, "EPUB/package.opf")
    assert "letter-spacing: normal" not in zip_text(path, "EPUB/css/book.css")
    assert "bidi/>" not in zip_text(build(book, "docx").output, "word/styles.xml")


@pytest.mark.parametrize("manuscript", [False, True])
def test_arabic_docx_is_bidi_through_styles_and_section(tmp_path, manuscript):
    path = build(arabic_book(tmp_path / "ar"), "docx", manuscript_format=manuscript).output
    styles, body = zip_text(path, "word/styles.xml"), zip_text(path, "word/document.xml")
    normal = re.search(r'<w:style w:type="paragraph" w:default="1" w:styleId="Normal">.*?</w:style>', styles)[0]
    assert re.search(r"<w:pPr><w:widowControl/><w:bidi/><w:spacing ", normal)
    assert re.search(r'<w:szCs w:val="2[24]"/><w:rtl/><w:lang w:val="ar" w:eastAsia="ar-SA" w:bidi="ar-SA"/>',
                     normal)
    assert styles.count("<w:bidi/>") == 1 and styles.count("<w:rtl/>") == 1  # once, inherited by every style
    assert len(re.findall(r"<w:sz w:val=", styles)) == len(re.findall(r"<w:szCs w:val=", styles))
    assert re.search(r"<w:titlePg/><w:bidi/><w:docGrid [^>]*/></w:sectPr></w:body>", body)
    paragraphs = re.findall(r"<w:p>.*?</w:p>", body[:body.index("<w:sectPr")])
    assert paragraphs and not any("<w:bidi/>" in p or "<w:rtl/>" in p for p in paragraphs)
    assert '<w:rPr><w:i/><w:iCs/></w:rPr><w:t xml:space="preserve">مارِسول</w:t>' in body
    assert '<w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space="preserve">بحذر</w:t>' in body
    document = docx.Document(str(path))
    assert document.styles["Normal"].font.rtl is True
    texts = [p.text for p in document.paragraphs]
    assert "الفصل 1" in texts and ("بقلم آدا كويل" in texts) == manuscript
    assert ("Ada Quill\tحوالي 100 كلمة" in texts) == manuscript


def test_japanese_word_count_is_one_per_character(tmp_path):
    root = japanese_book(tmp_path / "ja")
    report = build(root, "docx", manuscript_format=True)
    assert report.words == 29  # 15 + 14 kana and kanji; 。 and quotes are not words
    assert "<Words>29</Words>" in zip_text(report.output, "docProps/app.xml")
    texts = [p.text for p in docx.Document(str(report.output)).paragraphs]
    assert "Ada Quill\t約100字" in texts and "山田 花子 著" in texts and "第1章" in texts and "完" in texts
    from narrative_cli.insight.text import count_words

    assert count_words(JAPANESE) == 29  # stats counts as export does


def test_japanese_keeps_straight_quotes_and_labels_its_chapters(tmp_path):
    root = japanese_book(tmp_path / "ja")
    chapter = zip_text(build(root, "epub").output, "EPUB/text/chapter-001.xhtml")
    assert "<p>潮が変わった。エレナは\"二度\"数えた。</p>" in chapter
    assert '<span class="label">第1章</span>' in chapter and "<title>第1章: 到着</title>" in chapter
    assert "## 第1章: 到着" in build(root, "md").output.read_text(encoding="utf-8")
    assert '<h2>ランドマーク</h2>' in zip_text(build(root, "epub").output, "EPUB/nav.xhtml")

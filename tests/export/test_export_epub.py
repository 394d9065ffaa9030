"""EPUB 3: the files in the container, metadata, navigation, and the W3C EPUBCheck verdict."""

from __future__ import annotations

import zipfile
from pathlib import Path


from narrative_cli.export.build import export
from tests.export.helpers import big_book, epubcheck, epubcheck_problems, write_project, scene, zip_text

# A 1 x 1 transparent PNG whose chunk checksums hold (narrative verifies them: store/images.py).
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
                    "0000000d49444154789c6360606060000000050001a5f645400000000049454e44ae426082")


def build(root: Path, **flags) -> Path:
    return export(root, "epub", flags={"output": root / "out.epub", **flags}).output


def test_container_order_and_files(book):
    path = build(book)
    with zipfile.ZipFile(path) as archive:
        infos = archive.infolist()
        names = [i.filename for i in infos]
    assert names[0] == "mimetype" and infos[0].compress_type == zipfile.ZIP_STORED
    assert path.read_bytes()[30:58] == b"mimetypeapplication/epub+zip"
    assert names[1:] == ["META-INF/container.xml", "EPUB/package.opf", "EPUB/nav.xhtml", "EPUB/toc.ncx",
                         "EPUB/css/book.css", "EPUB/text/title.xhtml", "EPUB/text/chapter-001.xhtml",
                         "EPUB/text/chapter-002.xhtml"]


def test_metadata_and_accessibility(book):
    opf = zip_text(build(book), "EPUB/package.opf")
    for expected in ['<dc:identifier id="pub-id">urn:uuid:12345678-1234-4234-8234-123456789abc</dc:identifier>',
                     '<dc:title id="title">The Test Book</dc:title>', '<dc:title id="subtitle">A Fixture</dc:title>',
                     '<dc:creator id="author-1">Ada Quill</dc:creator>', "<dc:language>en</dc:language>",
                     "<dc:description>A book the tests write.</dc:description>",
                     "<dc:rights>Copyright 2026 Ada Quill</dc:rights>",
                     '<meta property="schema:accessMode">textual</meta>',
                     '<meta property="schema:accessModeSufficient">textual</meta>',
                     '<meta property="schema:accessibilityFeature">tableOfContents</meta>',
                     '<meta property="schema:accessibilityHazard">none</meta>',
                     '<meta property="schema:accessibilitySummary">',
                     '<meta property="dcterms:conformsTo">EPUB Accessibility 1.1 - WCAG 2.1 Level AA</meta>',
                     '<itemref idref="title-page"/>\n<itemref idref="nav"/>\n<itemref idref="chapter-1"/>']:
        assert expected in opf
    assert '<meta property="dcterms:modified">' in opf


def test_chapter_document_and_stylesheet(book):
    path = build(book)
    chapter = zip_text(path, "EPUB/text/chapter-001.xhtml")
    assert 'lang="en" xml:lang="en"' in chapter
    assert ('<h1 id="chapter-1"><span class="label">Chapter 1</span> <span class="title">Arrival</span></h1>'
            in chapter)
    assert "<p>\u201cHello,\u201d she said \u2013 it\u2019s <em>Marisol</em>\u2026</p>" in chapter
    assert '<hr class="scene-break"/>\n<p>The customs house smelled of <strong>tar</strong>.</p>' in chapter
    css = zip_text(path, "EPUB/css/book.css")
    assert 'hr.scene-break::after { content: "* * *"; }' in css
    assert "text-indent: 1.5em" in css


def test_nav_toc_landmarks_and_ncx(book):
    path = build(book)
    nav = zip_text(path, "EPUB/nav.xhtml")
    assert '<li><a href="text/chapter-002.xhtml">Chapter 2: The Road Inland</a></li>' in nav
    assert '<nav epub:type="landmarks" id="landmarks" hidden="hidden">' in nav
    assert '<a epub:type="bodymatter" href="text/chapter-001.xhtml">' in nav
    ncx = zip_text(path, "EPUB/toc.ncx")
    assert '<navPoint id="nav-2" playOrder="2"><navLabel><text>Chapter 2: The Road Inland</text>' in ncx


def test_no_printed_toc_keeps_nav_out_of_the_spine(book):
    opf = zip_text(build(book, include_toc=False), "EPUB/package.opf")
    assert '<itemref idref="nav"/>' not in opf
    assert 'properties="nav"' in opf


def test_cover_and_read_back_with_ebooklib(tmp_path):
    import ebooklib
    from ebooklib import epub

    root = tmp_path / "covered"
    (root / "assets").mkdir(parents=True)
    (root / "assets" / "cover.png").write_bytes(PNG)
    write_project(root, [("One", [scene("Text.\n")])], cover="assets/cover.png", language="fr")
    path = build(root)
    opf = zip_text(path, "EPUB/package.opf")
    assert '<item id="cover-image" href="images/cover.png" media-type="image/png" properties="cover-image"/>' in opf
    assert '<meta property="schema:accessibilityFeature">alternativeText</meta>' in opf
    read = epub.read_epub(str(path))
    assert read.get_metadata("DC", "title")[0][0] == "The Test Book"
    assert read.get_metadata("DC", "language")[0][0] == "fr"
    assert [i.get_name() for i in read.get_items_of_type(ebooklib.ITEM_COVER)] == ["images/cover.png"]
    assert 'alt="Couverture: The Test Book, par Ada Quill"' in zip_text(path, "EPUB/text/cover.xhtml")
    assert "Chapitre 1" in zip_text(path, "EPUB/text/chapter-001.xhtml")


def assert_epubcheck_clean(path: Path) -> None:
    report = epubcheck(path)
    counts = {k: report["checker"][k] for k in ("nFatal", "nError", "nWarning")}
    assert (counts, epubcheck_problems(report)) == ({"nFatal": 0, "nError": 0, "nWarning": 0}, [])


def test_epubcheck_every_markdown_feature_with_cover(tmp_path):
    from tests.export.helpers import features_book

    root = tmp_path / "features"
    (root / "assets").mkdir(parents=True)
    (root / "assets" / "cover.png").write_bytes(PNG)
    features_book(root, cover="assets/cover.png")
    assert_epubcheck_clean(build(root))


def test_epubcheck_large_generated_book_without_printed_toc(tmp_path):
    root = big_book(tmp_path / "big", chapters=50)
    path = build(root, include_toc=False, smart_typography=False)
    assert 'epub:type="toc" href="nav.xhtml#toc"' not in zip_text(path, "EPUB/nav.xhtml")
    assert len(zipfile.ZipFile(path).namelist()) == 57
    assert_epubcheck_clean(path)


def test_cover_that_readers_cannot_show(tmp_path, cli):
    root = tmp_path / "bmp"
    (root / "assets").mkdir(parents=True)
    (root / "assets" / "cover.bmp").write_bytes(b"BM not really")
    write_project(root, [("One", [scene("Text.\n")])], cover="assets/cover.bmp")
    result = cli("export", "epub", "-o", "x.epub", cwd=root)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "narrative.yaml:19:3: error N310: 'assets/cover.bmp' is not an image e-book readers show: its content "
        "is text")
    assert not (root / "x.epub").exists()

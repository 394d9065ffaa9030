"""Round trip: a corpus novel exported by narrative (Markdown, DOCX book, DOCX manuscript) imports
back to the same chapters, scene breaks, words and italic spans (the issue allows 0.5%)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from narrative_cli.export.build import export
from tests.conftest import make_repo
from tests.importers.helpers import shape

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
if not CORPUS.is_dir():
    CORPUS = Path("/work/shared/corpus")


def _close(a: int, b: int) -> bool:
    return abs(a - b) <= max(1, 0.005 * a)


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    if not (CORPUS / "dracula").is_dir():
        pytest.skip(f"the shared corpus is not at {CORPUS}")
    made = {}
    for book in ("alice", "dracula"):
        root = tmp_path_factory.mktemp("corpus") / book
        shutil.copytree(CORPUS / book, root)
        make_repo(root)
        out = root.parent
        export(root, "md", None, {"output": out / f"{book}.md"})
        export(root, "docx", None, {"output": out / f"{book}-book.docx", "manuscript_format": False})
        export(root, "docx", None, {"output": out / f"{book}-ms.docx", "manuscript_format": True})
        made[book] = (root, out)
    return made


@pytest.mark.parametrize("book", ["alice", "dracula"])
@pytest.mark.parametrize("form", ["{book}.md", "{book}-book.docx", "{book}-ms.docx"])
def test_a_novel_comes_back_with_its_chapters_breaks_words_and_italics(exported, cli, tmp_path, book, form):
    root, out = exported[book]
    source = out / form.format(book=book)
    result = cli("import", str(source), str(tmp_path / "back"))
    assert result.exit_code == 0, result.stderr
    original, back = shape(root), shape(tmp_path / "back")
    assert len(back) == len(original)
    assert [c["scenes"] for c in back] == [c["scenes"] for c in original]  # every scene break found
    for a, b in zip(original, back):
        assert _close(a["words"], b["words"]), (a, b)
        assert _close(a["italics"], b["italics"]), (a, b)
    assert sum(c["words"] for c in back) == sum(c["words"] for c in original)


@pytest.mark.parametrize("book", ["alice", "dracula"])
@pytest.mark.parametrize("form", ["{book}.md", "{book}-book.docx", "{book}-ms.docx"])
def test_the_exported_markdown_of_the_import_is_the_same_book(exported, tmp_path, cli, book, form):
    """Alice titles its chapters "I Down the Rabbit-Hole": the DOCX prints "I" over the title, and
    the import must keep that numeral (it once came back as "Chapter 1")."""
    root, out = exported[book]
    assert cli("import", str(out / form.format(book=book)), str(tmp_path / "back")).exit_code == 0
    export(tmp_path / "back", "md", None, {"output": tmp_path / "again.md"})
    assert (tmp_path / "again.md").read_text() == (out / f"{book}.md").read_text()


@pytest.mark.parametrize("form", ["md", "docx"])
def test_own_chapter_numerals_survive_export_and_import(tmp_path, cli, form):
    from tests.export.helpers import scene, write_project

    root = write_project(tmp_path / "book", [("I Down the Rabbit-Hole", [scene("Alice was tired.\n")]),
                                             ("II The Pool of Tears", [scene("Curiouser.\n")]),
                                             ("III", [scene("A race.\n")])])
    export(root, form, None, {"output": tmp_path / f"book.{form}"})
    assert cli("import", str(tmp_path / f"book.{form}"), str(tmp_path / "back")).exit_code == 0
    for name in ("book", "back"):
        export(tmp_path / name, "md", None, {"output": tmp_path / f"{name}.md"})
    again = (tmp_path / "back.md").read_text()
    book = (tmp_path / "book.md").read_text()
    assert again[again.index("## "):] == book[book.index("## "):]  # the chapters (the front matter is the fixture's)
    assert "## I. Down the Rabbit-Hole" in again and "## III\n" in again

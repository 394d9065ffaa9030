"""Markdown and plain text, a file or a folder: headings or chapter lines make chapters,
break markers make scenes, front matter gives the title and author."""

from __future__ import annotations

import json

from tests.importers.helpers import scene_texts, shape


def _report(cli, *args) -> dict:
    result = cli("import", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_markdown_file_with_front_matter_parts_and_breaks(cli, tmp_path):
    (tmp_path / "draft.md").write_text(
        "---\ntitle: Salt\nauthor: [Ada Quill, Bo Stone]\n---\n\n# Part One\n\n## Chapter 1: Arrival\n\n"
        "The tide *turned*.\n\n#\n\nNight.\n\n## Chapter 2\n\n```\n# not a heading\n```\n\n"
        "# Part Two\n\n## Chapter 3: Home\n\nDone.\n")
    report = _report(cli, str(tmp_path / "draft.md"), str(tmp_path / "book"))
    assert (report["title"], report["author"]) == ("Salt", "Ada Quill, Bo Stone")
    assert [(c["title"], c["part"], c["scenes"]) for c in report["chapters"]] == [
        ("Arrival", "Part One", 2), ("Chapter 2", None, 1), ("Home", "Part Two", 1)]
    assert scene_texts(tmp_path / "book")[2] == "```\n# not a heading\n```\n"


def test_plain_text_with_chapter_lines(cli, tmp_path):
    (tmp_path / "novel.txt").write_text(
        "THE HOUND\n\nby A. Doyle\n\nCHAPTER I.\nMr. Sherlock Holmes\n\nMr. Sherlock Holmes, who was usually very\n"
        "late in the mornings, was seated at the breakfast table.\n\n* * *\n\nLater.\n\nCHAPTER TWO\n\n"
        "The Curse of the Baskervilles\n\nI have in my pocket a manuscript.\n\nEpilogue\n\nIt was the end.\n\nTHE END\n")
    report = _report(cli, str(tmp_path / "novel.txt"), "--dry-run")
    assert [(c["title"], c["scenes"]) for c in report["chapters"]] == [
        ("Mr. Sherlock Holmes", 2), ("The Curse of the Baskervilles", 1), ("Epilogue", 1)]
    assert report["dropped"] == {"end marks": 1, "front-matter paragraphs": 2}
    assert report["words"] == 29


def test_folder_of_chapter_files_and_folder_of_chapter_folders(cli, tmp_path):
    flat = tmp_path / "flat"
    flat.mkdir()
    for name, text in (("10-the-end.md", "It ended."), ("2-middle.md", "Then *more*."), ("1-start.md", "Began.")):
        (flat / name).write_text(text + "\n")
    report = _report(cli, str(flat), "--dry-run")
    assert [c["title"] for c in report["chapters"]] == ["start", "middle", "the end"]
    tree = tmp_path / "tree"
    for folder, scenes in (("01-arrival", ["a", "b"]), ("02-road", ["c"])):
        (tree / folder).mkdir(parents=True)
        for n, word in enumerate(scenes, 1):
            (tree / folder / f"{n:02d}-s.md").write_text(f"---\ntitle: S{word}\nstatus: final\n---\nWord {word}.\n")
    assert _report(cli, str(tree), str(tmp_path / "book"))["scene_count"] == 3
    chapters = shape(tmp_path / "book")
    assert [(c["title"], c["scenes"]) for c in chapters] == [("arrival", 2), ("road", 1)]


def test_dest_defaults_to_a_folder_named_after_the_title(cli, tmp_path):
    (tmp_path / "draft.md").write_text("---\ntitle: The Salt Road\n---\n# One\n\nText.\n\n# Two\n\nMore.\n")
    result = cli("import", "draft.md", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert shape(tmp_path / "the-salt-road")[1]["words"] == 1
    assert "project: " + str(tmp_path / "the-salt-road") in result.stdout

"""The site parses each scene once and hands the results on: its findings must be what `narrative
check` finds, and its stats what `narrative stats` counts, on a generated novel (a cast named in the
prose, names broken over lines), the example and, when present, the shared corpus."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from narrative_cli.checks.story import check
from narrative_cli.export.build import _collector_paused
from narrative_cli.insight.stats import compute_stats
from narrative_cli.site.build import render_data
from narrative_cli.store.project import load_project
from tests.conftest import EXAMPLE, REPO, make_repo

sys.path.insert(0, str(REPO / "bench"))

from gen_project import generate_novel  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus"


def _books(tmp_path: Path) -> list[Path]:
    novel = generate_novel(tmp_path / "novel", words=24_000, chapters=4, seed=3)
    example = tmp_path / "example"
    shutil.copytree(EXAMPLE, example)
    make_repo(example)
    return [novel, example, *(CORPUS / name for name in ("alice", "two-cities") if (CORPUS / name).is_dir())]


@pytest.mark.parametrize("index", range(4))
def test_site_findings_and_stats_match_check_and_stats(tmp_path, index):
    books = _books(tmp_path)
    if index >= len(books):
        pytest.skip(f"the shared corpus is not at {CORPUS}")
    root = books[index]
    with _collector_paused():
        files, data = render_data(root)
    fresh = load_project(root)
    assert [d.to_json() for d in data.findings] == [d.to_json() for d in check(fresh)]
    assert files[".findings"] == len(data.findings)
    shared = compute_stats(fresh, {s.rel: s.words for s in data.scenes.values()})
    counted = compute_stats(fresh)
    assert shared == counted and counted["words"] > 0
    page = files["stats.html"].decode("utf-8")
    assert f"{counted['words']:,}" in page


def test_a_large_cast_is_laid_out_apart_inside_the_map_and_the_same_each_time():
    """The grid variant of the layout (over GRID_FROM nodes) must still separate every node and
    stay reproducible; both paths are taken here."""
    import random

    from narrative_cli.site.graph import GRID_FROM, SIZE, Edge, layout

    for n in (12, GRID_FROM + 400):
        nodes = [f"characters/c{i:04d}" for i in range(n)]
        rng = random.Random(n)
        edges = [Edge(nodes[rng.randrange(n)], nodes[rng.randrange(n)], "knows") for _ in range(n)]
        placed = layout(nodes, edges)
        assert placed == layout(nodes, edges) and set(placed) == set(nodes)
        assert len(set(placed.values())) == n
        assert all(0 <= x <= SIZE and 0 <= y <= SIZE for x, y in placed.values())
        points = list(placed.values())
        crowded = sum(any(abs(x - u) + abs(y - v) < 3 for u, v in points[:i] + points[i + 1:]) for i, (x, y) in enumerate(points))
        assert crowded <= n // 10, f"{crowded} of {n} nodes sit on another"  # all pairs: 63 of 600


def test_an_untitled_scene_is_named_by_its_chapter_not_by_its_file(tmp_path):
    """An import's `01-scene-1.md` once showed as `01-01 Scene-1` on every page that lists it."""
    from tests.export.helpers import scene, write_project

    root = write_project(tmp_path / "book", [("The Road", [scene("They walked.\n"), scene("They ran.\n", title="The Run")])])
    with _collector_paused():
        files, data = render_data(root)
    assert [s.name for s in data.scenes.values()] == ["01-01 · Chapter 1: The Road", "01-02 The Run"]
    timeline = files["timeline.html"].decode("utf-8")
    assert "01-01 · Chapter 1: The Road</a>" in timeline and "Scene" not in timeline.split("<main")[1]
    contents = files["book/index.html"].decode("utf-8")
    assert ">01-01</a>" in contents and ">01-02 The Run</a>" in contents


def test_parts_head_their_chapters_in_the_contents_and_on_the_chapter_page(tmp_path):
    from tests.export.test_export_parts import parted_book

    with _collector_paused():
        files, _data = render_data(parted_book(tmp_path / "book"))
    contents = files["book/index.html"].decode("utf-8")
    assert contents.index('<h2 class="part">Book the First: Recalled to Life</h2>') < contents.index("Chapter 1: The Period") \
        < contents.index("Chapter 2: The Mail") < contents.index("Book the Second: The Golden Thread") \
        < contents.index("Chapter 3: Five Years Later")
    assert '<ol class="contents" start="3">' in contents  # the numbering goes on across parts
    assert '<p class="part-head">Book the Second: The Golden Thread</p>' in files["book/chapter-03.html"].decode("utf-8")
    assert "part-head" not in files["book/chapter-02.html"].decode("utf-8")

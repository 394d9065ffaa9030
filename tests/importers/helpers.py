"""Reading an imported project back for the import tests."""

from __future__ import annotations

from pathlib import Path

from narrative_cli.store.project import load_project



def italics(markdown: str) -> int:
    """Emphasis spans as CommonMark reads them (`*a*`, `_a_`, across lines). A span that runs on over
    a hard line break counts once, however it is written (`*a\\\nb*` or `*a*\\\n*b*`)."""
    from markdown_it import MarkdownIt

    count = 0
    for token in MarkdownIt("commonmark").parse(markdown):
        kinds = [c.type for c in token.children or []]
        count += sum(1 for i, kind in enumerate(kinds) if kind == "em_open" and kinds[i - 2:i] != ["em_close", "hardbreak"])
    return count


def shape(root: Path) -> list[dict]:
    """Per chapter: title, scene count, words, italic spans (what the round trip must keep)."""
    project = load_project(root)
    errors = [d for d in project.diagnostics if d.is_error]
    assert not errors, errors
    return [{"title": c.card.title, "scenes": len(c.scenes), "words": sum(s.words for s in c.scenes),
             "italics": sum(italics(s.prose) for s in c.scenes)} for c in project.chapters]


def scene_texts(root: Path) -> list[str]:
    return [s.body for s in load_project(root).all_scenes()]

"""What `serve` does when files are saved.

A saved scene whose card is unchanged (the writer's usual save: prose) takes the fast path: that
one scene is read again, its chapter goes through the Manuscript builder alone, and the chapter
page and the home page (word count) are rewritten; the open page reloads at once. Then, and for
any other change, the whole site is rendered again and only files whose bytes changed are
rewritten (findings, entity pages, timeline, stats follow a moment later).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path


class Rebuilder:
    def __init__(self, root: Path, folder: Path) -> None:
        self.root, self.folder = root, folder
        self.data = None

    def rebuild(self, changed: list[str]) -> list[str]:
        """Files rewritten by the fast path when it applies, else by a full build."""
        fast = self.fast(changed)
        return fast if fast is not None else self.full()

    def full(self) -> list[str]:
        from narrative_cli.export.build import _collector_paused
        from narrative_cli.site.build import render_data, write_site

        with _collector_paused():
            files, self.data = render_data(self.root)
        files.pop(".findings", None)
        return write_site(self.folder, files).written

    def fast(self, changed: list[str]) -> list[str] | None:
        from narrative_cli.site.build import write_site
        from narrative_cli.site.pages import chapter_page, home

        if self.data is None or len(changed) != 1 or not changed[0].endswith(".md"):
            return None
        info = self.data.scenes.get(changed[0])
        scene = self._scene(changed[0])
        if info is None or scene is None or scene.card != info.card:
            return None
        chapter = self.data.chapters[info.chapter - 1]
        book = self._manuscript(info.chapter)
        printed = {s.ref: s for c in book.chapters for s in c.scenes}
        for s in chapter["scenes"]:
            if s.ref in printed:
                s.blocks, s.words = printed[s.ref].blocks, printed[s.ref].words
        self.data.words = sum(s.words for s in self.data.scenes.values())
        files = dict([chapter_page(self.data, chapter), home(self.data)])
        return write_site(self.folder, {k: v.encode("utf-8") for k, v in files.items()}, keep=True).written

    def _scene(self, rel: str):
        """Read the one scene again and put it in place of the old one in the loaded project."""
        from narrative_cli.store.project import _load_scene

        project = self.data.project
        for chapter in project.chapters:
            for i, old in enumerate(chapter.scenes):
                if old.rel == rel:
                    new = _load_scene(project, chapter, old.number, old.slug, self.root / rel, rel)
                    if new is not None:
                        chapter.scenes[i] = new
                    return new
        return None

    def _manuscript(self, number: int):
        from narrative_cli.export.manuscript import build_manuscript
        from narrative_cli.export.options import resolve

        options = resolve(self.data.project.config, self.root, "epub", None, {})
        return build_manuscript(self.data.project, dataclasses.replace(options, chapters=frozenset({number})))

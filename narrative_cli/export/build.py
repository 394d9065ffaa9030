"""`narrative export`: load, validate, assemble the Manuscript, write one format atomically."""

from __future__ import annotations

import gc
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from narrative_cli.errors import NarrativeError, ProblemsFound, UsageError


@dataclass
class BuildReport:
    output: Path
    format: str
    chapters: int
    scenes: int
    words: int
    seconds: float
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"output": str(self.output), "format": self.format, "chapters": self.chapters,
                "scenes": self.scenes, "words": self.words, "warnings": self.warnings,
                "seconds": round(self.seconds, 3)}


def writer_for(fmt: str) -> Callable:
    if fmt == "epub":
        from narrative_cli.export.epub import write_epub as write
    elif fmt == "docx":
        from narrative_cli.export.docx import write_docx as write
    elif fmt == "pdf":
        from narrative_cli.export.pdf import write_pdf as write
    else:
        from narrative_cli.export.md import write_md as write
    return write


def export(root: Path, fmt: str, profile: str | None = None, flags: dict | None = None,
           progress: Callable[[int, int], None] | None = None) -> BuildReport:
    """Build one output file. Validation errors stop the build before anything is written;
    the file appears complete (renamed from a temp file) or not at all."""
    with _collector_paused():
        return _build(root, fmt, profile, flags, progress)


def _build(root: Path, fmt: str, profile: str | None, flags: dict | None, progress) -> BuildReport:
    from narrative_cli.checks import validate
    from narrative_cli.diagnostics import has_errors
    from narrative_cli.export.manuscript import build_manuscript
    from narrative_cli.export.options import resolve
    from narrative_cli.export.zipout import source_epoch
    from narrative_cli.store.files import atomic_write
    from narrative_cli.store.project import load_project

    started = time.perf_counter()
    project = load_project(root)
    diags = validate(project)
    if has_errors(diags):
        raise ProblemsFound("the project has errors; nothing was exported", diags,
                            hint="fix them (`narrative validate` lists them), then export again")
    options = resolve(project.config, root, fmt, profile, flags or {})
    book = build_manuscript(project, options, progress)
    if not book.chapters:
        raise UsageError("nothing to export: no scene matches the selection",
                         hint=_empty_hint(options))
    if fmt == "pdf":
        from narrative_cli.export.zipout import source_commit

        book.commit = source_commit(root)
    data = writer_for(fmt)(book, options, source_epoch(root))
    notes: list = []
    if isinstance(data, tuple):  # the PDF writer also reports what it found setting the book
        data, notes = data
    try:
        atomic_write(options.output, data)
    except OSError as exc:
        raise NarrativeError(f"cannot write {options.output}: {exc.strerror or exc}",
                             hint="choose another file with -o") from None
    warnings = [d.format() for d in [*diags, *notes] if not d.is_error]
    return BuildReport(options.output, fmt, len(book.chapters), book.scene_count, book.words,
                       time.perf_counter() - started, warnings)


@contextmanager
def _collector_paused():
    """A build makes many small objects and no reference cycles worth collecting: the
    cycle collector would walk them again and again for nothing (-50 ms on a 560,000-word book,
    the same peak memory)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _empty_hint(options) -> str:
    if options.status:
        return f"no scene has status {options.status} or above; try --status draft"
    if options.chapters:
        return "the chosen chapters have no scenes"
    return "add a scene with `narrative new scene TITLE --chapter 1`"

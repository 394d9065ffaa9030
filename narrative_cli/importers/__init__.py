"""`narrative import`: bring a draft in from DOCX, Markdown/text, novelWriter or Scrivener.

detect() names the source by its content; each source module returns an ImportPlan;
writer.py alone creates files. See docs/import.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from narrative_cli.importers.plan import ImportPlan, ImportRefused

KINDS = ("docx", "markdown", "novelwriter", "scrivener", "rtf")


@dataclass
class Options:
    keep_comments: bool = True
    chapter_pattern: str | None = None
    force: bool = False  # open a Scrivener project that has a user.lock


def detect(source: Path) -> tuple[str, Path]:
    """(kind, the path to read) from what the source holds, not from its name alone."""
    if not source.exists():
        raise ImportRefused("I201", "no such file or folder", path=str(source))
    if source.is_dir():
        return _detect_folder(source)
    if not source.is_file():  # a FIFO or a device would block or never end
        raise ImportRefused("I202", "not a regular file or folder", path=str(source))
    if source.name == "nwProject.nwx":
        return "novelwriter", source.parent
    if source.suffix.lower() == ".scrivx":
        return "scrivener", source.parent
    try:
        with open(source, "rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise ImportRefused("I202", f"cannot read the file: {exc.strerror or exc}", path=str(source)) from exc
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "docx", source
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportRefused("I110", "this is an encrypted DOCX or an old binary Word file (.doc)", path=str(source),
                            hint="remove the password, or save it as .docx (Word 2007 or later), and import that")
    if head.startswith(b"{\\rtf"):
        return "rtf", source
    if head.startswith(b"%PDF"):
        raise ImportRefused("I211", "PDF cannot be imported", path=str(source), hint="import the .docx it was made from")
    return "markdown", source


def _detect_folder(folder: Path) -> tuple[str, Path]:
    if (folder / "nwProject.nwx").is_file():
        return "novelwriter", folder
    if any(p.suffix.lower() == ".scrivx" for p in folder.iterdir()):
        return "scrivener", folder
    return "markdown", folder


def read_plan(source: Path, options: Options) -> ImportPlan:
    kind, path = detect(source)
    pattern = _pattern(options.chapter_pattern)
    if kind == "docx":
        from narrative_cli.importers import docx

        plan = docx.read(path, options.keep_comments, pattern)
    elif kind == "novelwriter":
        from narrative_cli.importers import novelwriter

        plan = novelwriter.read(path, options.keep_comments)
    elif kind == "scrivener":
        from narrative_cli.importers import scrivener

        plan = scrivener.read(path, options.force)
    elif kind == "rtf":
        from narrative_cli.importers import scrivener

        plan = scrivener.read_rtf_file(path, pattern)
    else:
        from narrative_cli.importers import markdown

        plan = markdown.read_folder(path, pattern) if path.is_dir() else markdown.read_file(path, pattern)
    if not plan.chapters:
        raise ImportRefused("I204", "found no text to import", path=str(source),
                            hint="the source is empty, or all of it is excluded from the build")
    return plan


def _pattern(text: str | None) -> re.Pattern | None:
    if not text:
        return None
    from narrative_cli.errors import UsageError

    try:
        return re.compile(text, re.I)
    except re.error as exc:
        raise UsageError(f"--chapter-pattern is not a valid regular expression: {exc}",
                         hint="e.g. --chapter-pattern '^(Chapter|Kapitel) \\d+(?P<title>.*)$'") from exc

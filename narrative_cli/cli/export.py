"""`narrative export docx|epub|md|pdf`: a thin command over narrative_cli.export.build."""


import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from narrative_cli.cli.common import FormatOpt, OutputFormat, PathArg, ProjectOpt


class ExportFormat(str, Enum):
    docx = "docx"
    epub = "epub"
    md = "md"
    pdf = "pdf"


class Dashes(str, Enum):
    en = "en"
    em = "em"


class Font(str, Enum):
    times = "times"
    courier = "courier"


class ChapterStart(str, Enum):
    right = "right"
    any = "any"


class LeadIn(str, Enum):
    none = "none"
    small_caps = "small-caps"


class StatusChoice(str, Enum):
    draft = "draft"
    revised = "revised"
    final = "final"


def export(
    target: Annotated[ExportFormat, typer.Argument(help="Output format: docx, epub, md or pdf.", show_default=False, metavar="FORMAT")],
    path: PathArg = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Output file (default: build/TITLE.FORMAT in the project).", show_default=False)] = None,
    profile: Annotated[Optional[str], typer.Option("--profile", "-p", help="A named option set from narrative.yaml export.profiles.", show_default=False)] = None,
    manuscript_format: Annotated[Optional[bool], typer.Option("--manuscript-format/--book-format", help="DOCX: Shunn standard manuscript format, or the book layout.", show_default=False)] = None,
    include_toc: Annotated[Optional[bool], typer.Option("--toc/--no-toc", help="A table of contents.", show_default=False)] = None,
    include_author: Annotated[Optional[bool], typer.Option("--author/--no-author", help="The author on the title page.", show_default=False)] = None,
    font: Annotated[Optional[Font], typer.Option("--font", help="Manuscript-format font: times or courier.", show_default=False)] = None,
    chapters: Annotated[Optional[str], typer.Option("--chapters", help="Only these chapters, like 1-3,7.", show_default=False)] = None,
    status: Annotated[Optional[StatusChoice], typer.Option("--status", help="Only scenes at or above this status.", show_default=False)] = None,
    smart: Annotated[Optional[bool], typer.Option("--smart/--no-smart", help="Curly quotes, dashes and ellipses.", show_default=False)] = None,
    dashes: Annotated[Optional[Dashes], typer.Option("--dashes", help="What `--` becomes: en (an en dash; `---` is the em dash) or em (the typewriter habit).", show_default=False)] = None,
    trim: Annotated[Optional[str], typer.Option("--trim", help="PDF and book DOCX page size: 5x8, 5.25x8, 5.5x8.5, 6x9 (the PDF's default), 7x10, 8.5x11, a5, or WxH in in or mm (152x229mm).", show_default=False)] = None,
    chapter_start: Annotated[Optional[ChapterStart], typer.Option("--chapter-start", help="PDF: chapters open on a right-hand page (right, the default) or on the next page (any).", show_default=False)] = None,
    lead_in: Annotated[Optional[LeadIn], typer.Option("--lead-in", help="PDF: a chapter's first paragraph opens plain (none) or with its first words in small caps.", show_default=False)] = None,
    font_size: Annotated[Optional[float], typer.Option("--font-size", help="PDF: body text size in points (8-14, default 11).", show_default=False, min=8, max=14)] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")] = False,
    project: ProjectOpt = None,
    fmt: FormatOpt = OutputFormat.text,
) -> int:
    """Build a DOCX manuscript, an EPUB 3 book, one Markdown file or a print-ready PDF from the project.

    Options come from narrative.yaml `export:` (the PDF's from `print:`), then `--profile`, then
    these flags (flags win). The PDF is a print interior: --trim, mirrored margins with the gutter
    the page count needs, chapters on right-hand pages, running heads, fonts embedded.
    Validation errors stop the build; the output file is replaced only by a complete build.
    Exit 0 when built, 1 when validation found errors (nothing is written), 2 when it could
    not run (bad flag, unknown profile, no such chapter, nothing selected, unwritable output).
    """
    from narrative_cli.cli.common import project_root
    from narrative_cli.cli.progress import progress_reporter
    from narrative_cli.cli.render import counted, print_json
    from narrative_cli.export.build import export as build

    flags = {"output": output, "manuscript_format": manuscript_format, "include_toc": include_toc,
             "include_author": include_author, "font": font.value if font else None, "chapters": chapters,
             "status": status.value if status else None, "smart_typography": smart,
             "dashes": dashes.value if dashes else None, "trim": trim,
             "chapter_start": chapter_start.value if chapter_start else None,
             "lead_in": lead_in.value if lead_in else None, "font_size": font_size}
    root = project_root(project, path)
    quiet = quiet or fmt is OutputFormat.json
    with progress_reporter(quiet, f"Building {target.value}") as tick:
        report = build(root, target.value, profile, flags, tick)
    if fmt is OutputFormat.json:
        print_json(report.to_json())
    elif not quiet:
        for line in report.warnings:
            print(line, file=sys.stderr)
        print(f"Wrote {_shown(report.output)} ({counted(report.chapters, 'chapter')}, {counted(report.scenes, 'scene')}, "
              f"{report.words:,} words, {report.seconds:.2f} s)")
    return 0


def _shown(path: Path) -> str:
    """The output path relative to the current folder when it is inside it (shorter to read)."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def register(app: typer.Typer) -> None:
    app.command()(export)

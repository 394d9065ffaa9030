"""`narrative import SOURCE [DEST]`: a thin command over narrative_cli.importers."""


from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from narrative_cli.cli.common import FormatOpt, OutputFormat


class Comments(str, Enum):
    keep = "keep"
    drop = "drop"


def import_(
    source: Annotated[Path, typer.Argument(help="A .docx, .md or .txt file, a folder of them, a novelWriter project or a Scrivener .scriv project.", show_default=False)],
    dest: Annotated[Optional[Path], typer.Argument(help="The new project's folder: absent or empty (default: named after the title).", show_default=False)] = None,
    into: Annotated[Optional[Path], typer.Option("--into", help="Append the chapters after the last one of this existing project instead.", show_default=False)] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print the plan (chapters, scenes, words, canon, what is dropped); write nothing.")] = False,
    chapter_pattern: Annotated[Optional[str], typer.Option("--chapter-pattern", help="A regular expression for chapter heading lines (a (?P<title>...) group gives the title).", show_default=False)] = None,
    comments: Annotated[Comments, typer.Option("--comments", help="Comments become HTML comments in the scene (keep) or are dropped.")] = Comments.keep,
    force: Annotated[bool, typer.Option("--force", help="Import a Scrivener project even though Scrivener has it open (user.lock).")] = False,
    key: Annotated[Optional[str], typer.Option("--key", help="Sign the new project with this key (default: the only key, if there is one).", show_default=False)] = None,
    fmt: FormatOpt = OutputFormat.text,
) -> int:
    """Bring a draft in from Word/Google Docs/LibreOffice (DOCX), Markdown or text, novelWriter or Scrivener.

    The source is recognised by its content. A new project is created at DEST (never over
    anything; on any failure nothing is created), or with `--into` the chapters are appended
    to an existing project as one audited commit. The report says what was made and what was
    dropped (comments, images, tables, footnotes). Exit 0 when imported, 1 when the result would
    not validate, 2 when the source cannot be read or is refused, 3 when the manifest denies it.
    """
    from narrative_cli.cli.render import print_json
    from narrative_cli.importers import Options, read_plan
    from narrative_cli.importers import report as reporting
    from narrative_cli.importers import writer

    if into is not None and dest is not None:
        from narrative_cli.errors import UsageError

        raise UsageError("give either DEST (a new project) or --into PROJECT, not both")
    plan = read_plan(source, Options(comments is Comments.keep, chapter_pattern, force))
    outcome = None
    if not dry_run:
        if into is not None:
            from narrative_cli.cli.common import project_root

            outcome = writer.append(plan, project_root(into, write=True))
        else:
            outcome = writer.create(plan, dest or Path(_default_dest(plan)), key)
    report = reporting.summary(plan, outcome, dry_run)
    if fmt is OutputFormat.json:
        print_json(report)
    else:
        print("\n".join(reporting.text_lines(report)))
    return 0


def _default_dest(plan) -> str:
    from narrative_cli.slug import slugify

    return slugify(plan.title or "") or "imported-book"


def register(app: typer.Typer) -> None:
    app.command("import")(import_)

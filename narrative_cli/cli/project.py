"""`narrative init` and `narrative validate`."""


from pathlib import Path
from typing import Annotated, Optional

import typer

from narrative_cli.cli.common import FormatOpt, OutputFormat, PathArg, ProjectOpt


def init(
    path: Annotated[Path, typer.Argument(help="Folder to create (must be empty or absent).")],
    title: Annotated[Optional[str], typer.Option(help="The book's title (asked for on a terminal when left out).",
                                                 show_default=False)] = None,
    author: Annotated[Optional[str], typer.Option(help="The byline (asked for on a terminal when left out).",
                                                  show_default=False)] = None,
    language: Annotated[str, typer.Option(help="BCP 47 language tag: en, en-GB, fr, pt-BR ...")] = "en",
    template: Annotated[str, typer.Option(help="novel or short-story.")] = "novel",
    ci: Annotated[str, typer.Option("--ci", help="Add a CI workflow: github, gitlab or none (see docs/review.md).")]
        = "none",
    ci_install: Annotated[str, typer.Option(
        "--ci-install", help="Where CI installs narrative from: index (this release from PyPI), git (this "
                             "release's tag in the narrative repository) or one pip requirement, e.g. "
                             "git+https://example.org/you/narrative.git@COMMIT; kept in narrative.yaml.")] = "index",
    key: Annotated[Optional[str], typer.Option("--key", help="Sign the genesis manifest with this key (kid prefix); "
                                               "default: the only key in $NARRATIVE_HOME.")] = None,
    no_manifest: Annotated[bool, typer.Option("--no-manifest", help="Do not create a signed manifest.")] = False,
) -> int:
    """Create a new project: narrative.yaml, canon/, manuscript/, a Git repository and a first commit."""
    from narrative_cli.ops.init import create_project

    title = title if title is not None else _ask("title", "Title of the book", path)
    author = author if author is not None else _ask("author", "Author (the byline)", path)
    root = create_project(path, title, author, language, template, ci=ci, key=key, manifest=not no_manifest,
                          ci_install=ci_install)
    print(f"Created {root}" + (" with a signed manifest (you are OWNER)" if (root / "manifest.yaml").exists() else ""))
    print(f"Next: cd {path} && narrative new character 'Name' && narrative validate")
    return 0


def _ask(option: str, question: str, path: Path) -> str:
    """Ask on a terminal; anywhere else (a script, CI, --non-interactive) say what is missing."""
    import os
    import sys

    from narrative_cli.errors import UsageError

    if sys.stdin.isatty() and sys.stdout.isatty() and not os.environ.get("NARRATIVE_NON_INTERACTIVE"):
        answer = typer.prompt(question).strip()
        if answer:
            return answer
    raise UsageError(f"a new book needs --{option}",
                     hint=f"narrative init {path} --title 'My Book' --author 'Your Name' (run it on a terminal "
                          "to be asked instead)")


def validate(
    path: PathArg = None,
    project: ProjectOpt = None,
    fmt: FormatOpt = OutputFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too (exit 1).")] = False,
) -> int:
    """Check every file against the project format: YAML, schemas, ids, references, order.

    Prints `path:line:col: severity CODE: message` with a hint, sorted by file.
    Exit 0 when clean, 1 when problems were found, 2 when it could not run.
    """
    from narrative_cli.checks import validate as run_checks
    from narrative_cli.cli.common import project_root
    from narrative_cli.cli.render import print_diagnostics, print_json, summary_line
    from narrative_cli.diagnostics import has_errors, report_json
    from narrative_cli.store.project import load_project

    root = project_root(project, path)
    loaded = load_project(root)
    diags = run_checks(loaded)
    failed = has_errors(diags, strict)
    if fmt is OutputFormat.json:
        print_json(report_json(diags, project=str(root), ok=not failed,
                               files={"canon": sum(1 for _ in loaded.all_entities(True)),
                                      "scenes": sum(1 for _ in loaded.all_scenes(True))}))
    else:
        print_diagnostics(diags)
        print(summary_line(diags))
    return 1 if failed else 0


def register(app: typer.Typer) -> None:
    app.command()(init)
    app.command()(validate)

"""`narrative check`, `impact`, `voice` and `brief`: the story commands (all read-only)."""


from pathlib import Path
from typing import Annotated, List, Optional

import typer

from narrative_cli.cli.common import FormatOpt, OutputFormat, PathArg, ProjectOpt

voice_app = typer.Typer(help="Character voice fingerprints from attributed dialogue.", no_args_is_help=False,
                        invoke_without_command=True)


def check(
    path: PathArg = None,
    project: ProjectOpt = None,
    fmt: FormatOpt = OutputFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too (exit 1).")] = False,
    list_rules: Annotated[bool, typer.Option("--list", help="List the rules and exit.")] = False,
    rule: Annotated[Optional[List[str]], typer.Option("--rule", "-r", help="Run only this rule (code or name); repeatable.")] = None,
) -> int:
    """Check continuity and craft: validation first, then the story rules (S101...).

    Each finding names the file:line of both sides of a contradiction. Turn rules
    off or change their severity in narrative.yaml `check:` or a scene card's `check:`.
    Exit 0 when clean, 1 when errors were found (or warnings with --strict), 2 when it could not run.
    """
    from narrative_cli.cli.render import print_diagnostics, print_json, summary_line

    if list_rules:
        return _list_rules(fmt)
    from narrative_cli.checks.story import check as run_check
    from narrative_cli.cli.common import project_root
    from narrative_cli.diagnostics import has_errors, report_json
    from narrative_cli.store.project import load_project

    root = project_root(project, path)
    diags = run_check(load_project(root), rule)
    failed = has_errors(diags, strict)
    if fmt is OutputFormat.json:
        print_json(report_json(diags, project=str(root), ok=not failed))
    else:
        print_diagnostics(diags)
        print(summary_line(diags))
    return 1 if failed else 0


def _list_rules(fmt: OutputFormat) -> int:
    from narrative_cli.checks.story.registry import RULES
    from narrative_cli.cli.render import print_json

    rows = [{"code": r.code, "name": r.name, "severity": r.severity.value, "family": r.family,
             "summary": r.summary} for r in RULES]
    if fmt is OutputFormat.json:
        print_json(rows)
    else:
        for r in rows:
            print(f"{r['code']}  {r['name']:<26} {r['severity']:<8} {r['summary']}")
    return 0


def register(app: typer.Typer) -> None:
    app.command()(check)

"""`narrative verify`, `history`, `log`, `install-hook`.

No `from __future__ import annotations` here: Typer reads the annotations at run time."""


from pathlib import Path
from typing import Annotated, Optional

import typer

from narrative_cli.cli.common import FormatOpt, OutputFormat, ProjectOpt


def verify(
    full: Annotated[bool, typer.Option("--full", help="Ignore the cache of verified commits.")] = False,
    since: Annotated[Optional[str], typer.Option("--since", help="Only check commits after this revision.")] = None,
    rev: Annotated[str, typer.Option("--rev", help="The commit to verify (default HEAD).")] = "HEAD",
    project: ProjectOpt = None,
    fmt: FormatOpt = OutputFormat.text,
) -> int:
    """Prove the history follows the manifest (rules R1-R13 and the merge rule). Exit 0 clean, 1 failures."""
    from narrative_cli.cli.common import project_root
    from narrative_cli.cli.render import print_json
    from narrative_cli.history.verify import verify as run

    report = run(project_root(project), rev=rev, full=full, since=since)
    if fmt is OutputFormat.json:
        print_json(report.to_json())
    else:
        for finding in report.findings:
            print(finding.format())
        print(report.summary())
    return 0 if report.ok else 1


def register(app: typer.Typer) -> None:
    app.command()(verify)

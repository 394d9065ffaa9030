"""`narrative verify`, `history`, `log` (the pre-receive hook is installed via cli/review.py).

No `from __future__ import annotations` here: Typer reads the annotations at run time."""


from pathlib import Path
from typing import Annotated, Optional

import typer

from narrative_cli.cli.common import FormatOpt, OutputFormat, ProjectOpt


def verify(
    full: Annotated[bool, typer.Option("--full", help="Ignore the cache of verified commits.")] = False,
    since: Annotated[Optional[str], typer.Option("--since", help="Only check commits after this revision.")] = None,
    rev: Annotated[str, typer.Option("--rev", help="The commit to verify.")] = "HEAD",
    ref: Annotated[Optional[str], typer.Option("--ref", help="Branch that --rev becomes (server hooks).")] = None,
    repo: Annotated[Optional[Path], typer.Option("--repo", help="A Git repository (bare is fine) instead of a project.")] = None,
    project: ProjectOpt = None,
    fmt: FormatOpt = OutputFormat.text,
) -> int:
    """Prove the history follows the manifest (rules R1-R13 and the merge rule).

    Each failure names the commit, rule, key, role, manifest version and path.
    Exit 0 when everything holds, 1 with the list of failures, 2 when it cannot run.
    """
    from narrative_cli.cli.common import project_root
    from narrative_cli.cli.render import print_json
    from narrative_cli.history.verify import verify as run

    root = repo if repo is not None else project_root(project)
    report = run(root, rev=rev, full=full, since=since, ref=ref)
    if fmt is OutputFormat.json:
        print_json(report.to_json())
    else:
        for finding in report.findings:
            print(finding.format())
        print(report.summary())
    return 0 if report.ok else 1


def history(
    ref: Annotated[str, typer.Argument(help="Entity (kind/id or id) or scene (CC-SS or path); purged ones by kind/id.")],
    project: ProjectOpt = None,
    fmt: FormatOpt = OutputFormat.text,
) -> int:
    """An entity's whole life: who changed which fields when, old -> new, including renames and deletes.

    Exit 0 shown, 2 no such entity or scene.
    """
    from narrative_cli.cli.common import project_root
    from narrative_cli.cli.render import print_json
    from narrative_cli.history.log import history as run

    events = run(project_root(project), ref)
    if fmt is OutputFormat.json:
        print_json([e.to_json() for e in events])
        return 0
    for event in events:
        print(_line(event))
        if event.renamed_from:
            print(f"    renamed from {event.renamed_from}")
        for key, old, new in event.fields:
            print(f"    {key}: {_value(old)} -> {_value(new)}")
    return 0


def log(
    actor: Annotated[Optional[str], typer.Option(help="Kid prefix or collaborator name.")] = None,
    action: Annotated[Optional[str], typer.Option(help="create, edit, delete, restore, purge, manage_collaborators ...")] = None,
    kind: Annotated[Optional[str], typer.Option(help="characters, locations, ..., scenes.")] = None,
    since: Annotated[Optional[str], typer.Option(help="A date git understands: 2026-11-01, '2 weeks ago'.")] = None,
    until: Annotated[Optional[str], typer.Option(help="A date git understands.")] = None,
    limit: Annotated[Optional[int], typer.Option("--max-count", "-n", min=1, show_default=False,
                                                 help="Show at most N entries (the newest).")] = None,
    project: ProjectOpt = None,
    fmt: FormatOpt = OutputFormat.text,
) -> int:
    """Who did what, newest first, from the audit trailers. Exit 0 (an empty result too), 2 bad options.

    Examples: `narrative log -n 5`, `narrative log --since 2026-11-01`, `narrative log --since '2 weeks ago'`."""
    from narrative_cli.cli.common import project_root
    from narrative_cli.cli.render import print_json
    from narrative_cli.history.log import log as run

    events = run(project_root(project), actor, action, kind, since, until, limit)
    if fmt is OutputFormat.json:
        print_json([e.to_json() for e in events])
    else:
        for event in events:
            print(_line(event) + f"  {event.summary}")
    return 0


def _line(event) -> str:
    import datetime as dt

    when = dt.datetime.fromtimestamp(event.time, dt.timezone.utc).strftime("%Y-%m-%d %H:%M")
    who = f"{event.name} ({event.actor[:8]})" if event.actor else f"{event.name} (unsigned)"
    return f"{event.commit[:10]}  {when}  {who}  {event.action}" + (f"  {event.entity}" if event.entity else "")


def _value(value) -> str:
    import json

    return "-" if value is None else json.dumps(value, ensure_ascii=False, default=str)


def register(app: typer.Typer) -> None:
    app.command()(verify)
    app.command()(history)
    app.command()(log)
    # `narrative install-hook pre-receive` is registered by cli/review.py (one install-hook command for
    # every kind); it calls history.hook.install for the pre-receive kind.

"""`narrative progress`: words per day and week from the Git history, streaks, goals, projection.

No `from __future__ import annotations` here: Typer reads the annotations at run time."""


from typing import Annotated, Optional

import typer

from narrative_cli.cli.common import FormatOpt, OutputFormat, PathArg, ProjectOpt


def progress(
    path: PathArg = None,
    days: Annotated[int, typer.Option("--days", "-d", min=1, max=366, help="Show the last N days.")] = 14,
    author: Annotated[Optional[str], typer.Option("--author", "-a", help="Only this Git author's words.",
                                                  show_default=False)] = None,
    project: ProjectOpt = None,
    fmt: FormatOpt = OutputFormat.text,
) -> int:
    """Words written per day and week (net, from each commit), by author; streaks; goal and projected finish.

    Goals come from narrative.yaml: `word_target`, and `progress: {deadline: 2027-06-30, daily: 500}`.
    Counts are cached in .narrative/, so a long history is read once.
    """
    from narrative_cli.cli.common import project_root
    from narrative_cli.cli.progress_render import show_progress
    from narrative_cli.history.progress import history_words, read_goals, report, today

    root = project_root(project, path)
    commits = history_words(root)
    if author is not None and author not in {c.author for c in commits}:
        from narrative_cli.errors import UsageError

        names = sorted({c.author for c in commits})
        raise UsageError(f"--author: no commits by '{author}'",
                         hint=f"authors: {', '.join(names[:6])}" if names else "there are no commits yet")
    data = report(commits, read_goals(root), today(), author)
    return show_progress(data, days, fmt)


def register(app: typer.Typer) -> None:
    app.command()(progress)

"""`narrative suggest`, `search` and `stats`.

No `from __future__ import annotations` here: Typer reads the annotations at run time."""


from pathlib import Path
from typing import Annotated, List, Optional

import typer

from narrative_cli.cli.common import FormatOpt, OutputFormat, PathArg, ProjectOpt


def suggest(
    args: Annotated[Optional[List[str]], typer.Argument(
        help="[PATH] then, with --apply, the NAMEs to create (default: every suggestion of a known kind).",
        show_default=False)] = None,
    min_count: Annotated[int, typer.Option("--min-count", "-m", min=1, help="Only names seen at least N times.")] = 3,
    apply: Annotated[bool, typer.Option("--apply", help="Create stub canon files for the suggested entities (one commit).")] = False,
    kind: Annotated[Optional[str], typer.Option("--kind", "-k", help="With --apply: the kind to create (character, location, ...).")] = None,
    project: ProjectOpt = None,
    fmt: FormatOpt = OutputFormat.text,
) -> int:
    """Names the prose uses that the canon lacks, probable aliases, and relationships the scenes imply."""
    from narrative_cli.cli.common import apply_change, project_root
    from narrative_cli.cli.insight_render import show_suggestions
    from narrative_cli.insight.stubs import plan_stubs
    from narrative_cli.insight.suggest import suggest as run
    from narrative_cli.store.project import load_project

    path, names = split_path_and_names(args or [])
    if (names or kind) and not apply:
        from narrative_cli.errors import UsageError

        raise UsageError("NAMEs and --kind are for --apply", hint="narrative suggest --apply --kind character NAME")
    loaded = load_project(project_root(project, path, write=apply))
    warn_if_incomplete(loaded)
    found = run(loaded, min_count)
    if not apply:
        return show_suggestions(found, fmt)
    return apply_change(loaded.root, plan_stubs(loaded, found, names, kind), fmt)


def warn_if_incomplete(loaded) -> None:
    """Files the loader had to leave out are missing from the numbers: say so, on stderr."""
    import sys

    bad = sorted({d.location.path for d in loaded.diagnostics if d.is_error})
    if bad:
        print(f"warning: {len(bad)} file{'s' * (len(bad) != 1)} could not be read and "
              f"{'are' if len(bad) != 1 else 'is'} left out ({', '.join(bad[:3])}{', ...' if len(bad) > 3 else ''}); "
              "run `narrative validate`", file=sys.stderr)


def split_path_and_names(args: List[str]):
    """`suggest [PATH] [NAME...]`: the first argument is PATH when it is a folder."""
    if args and Path(args[0]).is_dir():
        return Path(args[0]), args[1:]
    return None, args


def search(
    query: Annotated[str, typer.Argument(help="Words to find (all of them, in one paragraph; case and accents "
                                                "ignored unless --exact).", show_default=False)],
    path: PathArg = None,
    regex: Annotated[bool, typer.Option("--regex", "-e", help="QUERY is a Python regular expression.")] = False,
    phrase: Annotated[bool, typer.Option("--phrase", help="The words in this order, across line breaks.")] = False,
    exact: Annotated[bool, typer.Option("--exact", "-x", help="Match case and accents as typed (default: "
                                        "\"Elodie\" finds \"Élodie\" and \"ELODIE\").")] = False,
    kind: Annotated[Optional[str], typer.Option("--kind", "-k", help="Only this canon kind, or `scenes` for prose only.")] = None,
    chapter: Annotated[Optional[int], typer.Option("--chapter", "-c", help="Only chapter N (by order).")] = None,
    pov: Annotated[Optional[str], typer.Option("--pov", help="Only scenes told by this character id.")] = None,
    character: Annotated[Optional[str], typer.Option("--character", help="Only scenes where this character is POV or participant.")] = None,
    status: Annotated[Optional[str], typer.Option("--status", help="Only scenes with this status: draft, revised, final.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Show at most N results.")] = 50,
    project: ProjectOpt = None,
    fmt: FormatOpt = OutputFormat.text,
) -> int:
    """Find passages in the prose and the canon: `path:line` and the context, matches highlighted.

    Exits 0 when something was found, 1 when nothing was."""
    from narrative_cli.cli.common import project_root
    from narrative_cli.cli.insight_render import show_search
    from narrative_cli.insight.search import Query, make_query, search as run

    mode = make_query_mode(regex, phrase)
    q: Query = make_query(query, mode, kind=kind, chapter=chapter, pov=pov, character=character,
                          status=status, limit=limit, exact=exact)
    found = run(project_root(project, path), q)
    return show_search(q, found, fmt)


def make_query_mode(regex: bool, phrase: bool) -> str:
    from narrative_cli.errors import UsageError

    if regex and phrase:
        raise UsageError("give --regex or --phrase, not both")
    return "regex" if regex else "phrase" if phrase else "words"


def stats(
    path: PathArg = None,
    html: Annotated[Optional[Path], typer.Option("--html", help="Also write a one-page HTML report with charts to FILE.")] = None,
    project: ProjectOpt = None,
    fmt: FormatOpt = OutputFormat.text,
) -> int:
    """Words per chapter, scene and POV; progress to word_target; statuses; who appears where; value turns."""
    from narrative_cli.cli.common import open_project
    from narrative_cli.cli.insight_render import show_stats
    from narrative_cli.insight.stats import compute_stats

    loaded = open_project(project, path)
    warn_if_incomplete(loaded)
    data = compute_stats(loaded)
    if html is not None:
        from narrative_cli.insight.report_html import write_report

        write_report(html, data, loaded.root)
    code = show_stats(data, fmt)
    if html is not None and fmt is OutputFormat.text:
        print(f"wrote {html}")
    return code


def register(app: typer.Typer) -> None:
    app.command()(suggest)
    app.command()(search)
    app.command()(stats)

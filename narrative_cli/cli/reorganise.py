"""`narrative mv`, `renumber`, `rename`: reorganise the book in one commit each.

No `from __future__ import annotations` here: Typer reads the annotations at run time."""


from typing import Annotated, Optional

import typer

from narrative_cli.cli.common import FormatOpt, NoCommitOpt, OutputFormat, ProjectOpt


def mv(
    item: Annotated[str, typer.Argument(help="A scene (03-02 or its path) or a chapter (2 or 02-the-road).",
                                        show_default=False)],
    to: Annotated[Optional[str], typer.Option("--to", "-t", help="Move the scene into this chapter (number or folder).",
                                              show_default=False)] = None,
    after: Annotated[Optional[int], typer.Option("--after", "-a", min=0, show_default=False,
                                                 help="Place it after item N of its new folder (0 = first; default: last).")] = None,
    project: ProjectOpt = None,
    fmt: FormatOpt = OutputFormat.text,
    no_commit: NoCommitOpt = False,
) -> int:
    """Move a scene to another chapter or place, or a chapter to another place: one commit of renames.

    Only what must move is renumbered. `narrative history` and `git log --follow` follow the files.
    Examples: `narrative mv 03-02 --to 1 --after 0`, `narrative mv 4 --after 1`.
    """
    from narrative_cli.refs import find_scene
    from narrative_cli.cli.common import open_project
    from narrative_cli.errors import UsageError
    from narrative_cli.ops.move import move_chapter, move_scene

    from narrative_cli.lookup import examples, find_chapter_or_none

    loaded = open_project(project, write=True)
    if to is not None or find_scene(loaded, item, required=False) is not None:
        change = move_scene(loaded, item, to, after)
    elif find_chapter_or_none(loaded, item) is None:
        raise UsageError(f"no scene or chapter '{item}'", hint=examples(loaded))
    elif after is None:
        raise UsageError(f"say where chapter {item} goes", hint=f"narrative mv {item} --after N (0 = first)")
    else:
        change = move_chapter(loaded, find_chapter_or_none(loaded, item).rel.removeprefix("manuscript/"), after)
    return _apply_moves(loaded.root, change, fmt, not no_commit)


def renumber(
    step: Annotated[int, typer.Option("--step", "-s", min=1, help="The distance between prefixes.")] = 10,
    project: ProjectOpt = None,
    fmt: FormatOpt = OutputFormat.text,
    no_commit: NoCommitOpt = False,
) -> int:
    """Give every chapter and scene prefix room again (10, 20, 30 ...), in one commit of renames."""
    from narrative_cli.cli.common import open_project
    from narrative_cli.ops.move import renumber as plan

    loaded = open_project(project, write=True)
    return _apply_moves(loaded.root, plan(loaded, step), fmt, not no_commit)


def _apply_moves(root, change, fmt: OutputFormat, commit: bool) -> int:
    from narrative_cli.cli.render import print_json
    from narrative_cli.ops.move import finish_moves
    from narrative_cli.ops.writes import apply

    done = apply(root, change, commit=commit)
    finish_moves(root, change)
    gone = sorted(p for p, t in change.files.items() if t is None)
    made = sorted(p for p, t in change.files.items() if t is not None)
    if fmt is OutputFormat.json:
        print_json({"action": "move", "summary": change.summary, "removed": gone, "written": made,
                    "commit": done.commit})
    else:
        print(change.summary + (f" (commit {done.commit[:10]})" if done.commit else ""))
        print(f"  {len(made)} file{'s' * (len(made) != 1)} renamed")
    return 0


def rename(
    ref: Annotated[str, typer.Argument(help="The entity: an id (elena-voss), kind/id, or its name.", show_default=False)],
    name: Annotated[str, typer.Argument(help="Its new name.", show_default=False)],
    ident: Annotated[Optional[str], typer.Option("--id", help="Also give it this new id: the file moves and every "
                                                 "reference in canon and scene cards follows.", show_default=False)] = None,
    project: ProjectOpt = None,
    fmt: FormatOpt = OutputFormat.text,
    no_commit: NoCommitOpt = False,
) -> int:
    """Rename a canon entity; with --id its references follow in the same commit.

    Prose is never rewritten: the lines that still use the old name are listed for you to revise.
    """
    from narrative_cli.cli.common import open_project
    from narrative_cli.cli.render import print_json
    from narrative_cli.lookup import resolve_name
    from narrative_cli.ops.rename import plan_rename
    from narrative_cli.ops.writes import apply

    loaded = open_project(project, write=True)
    plan = plan_rename(loaded, resolve_name(loaded, ref), name, ident)
    commits = [apply(loaded.root, change, commit=not no_commit).commit for change in plan.changes]
    if fmt is OutputFormat.json:
        print_json({"action": "rename", "entity": plan.ref, "commits": [c for c in commits if c],
                    "references": plan.references,
                    "mentions": [{"path": m.path, "line": m.line, "column": m.column, "text": m.text}
                                 for m in plan.mentions]})
        return 0
    for change, sha in zip(plan.changes, commits):
        print(change.summary + (f" (commit {sha[:10]})" if sha else ""))
    for rel in plan.references:
        print(f"  reference updated: {rel}")
    if plan.mentions:
        print(f"The prose still uses the old name in {len(plan.mentions)} line{'s' * (len(plan.mentions) != 1)} "
              "(not rewritten; revise them as you see fit):")
        for m in plan.mentions:
            print(f"  {m.path}:{m.line}:{m.column}: {m.text}")
    return 0


def register(app: typer.Typer) -> None:
    app.command()(mv)
    app.command()(renumber)
    app.command()(rename)

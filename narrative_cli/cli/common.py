"""Options shared by many commands, and the helpers that load a project for them."""


from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer


class OutputFormat(str, Enum):
    text = "text"
    json = "json"


ProjectOpt = Annotated[
    Optional[Path],
    typer.Option("--project", "-P", help="The project folder (default: found from the current folder upwards).",
                 show_default=False),
]
PathArg = Annotated[
    Optional[Path],
    typer.Argument(help="The project folder (same as --project).", show_default=False),
]
FormatOpt = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output as text or JSON.")]
NoCommitOpt = Annotated[bool, typer.Option("--no-commit", help="Write the files but do not commit them.")]


def project_root(project: Path | None, path: Path | None = None, write: bool = False) -> Path:
    """The project's folder. A command that will write (`write=True`) holds the project's write lock
    from here to its exit, so what it reads is still true when it writes; any command first finishes
    or rolls back a write an earlier, killed command left half done."""
    from narrative_cli.errors import UsageError
    from narrative_cli.ops import transaction
    from narrative_cli.store.project import find_project

    if project and path and project.resolve() != path.resolve():
        raise UsageError("give the project either as PATH or as --project, not two different ones")
    explicit = path or project
    root = find_project(explicit=explicit) if explicit else find_project()
    transaction.hold(root) if write else transaction.repair_if_needed(root)
    return root


def open_project(project: Path | None, path: Path | None = None, write: bool = False):
    from narrative_cli.store.project import load_project

    return load_project(project_root(project, path, write))


def apply_change(root: Path, change, fmt: OutputFormat, commit: bool = True) -> int:
    """Write a change and say what happened."""
    from narrative_cli.cli.render import print_json, say
    from narrative_cli.ops.writes import apply

    done = apply(root, change, commit=commit)
    if fmt is OutputFormat.json:
        print_json({"action": change.action, "entity": change.entity, "paths": done.paths, "commit": done.commit})
    else:
        shown = [p for p in done.paths if p not in change.summary]  # a scene's summary already names its file
        say(change.summary + (f": {', '.join(shown)}" if shown else "")
            + (f" (commit {done.commit[:10]})" if done.commit else ""))
    return 0

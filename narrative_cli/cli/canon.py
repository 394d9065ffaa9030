"""`narrative new`, `list`, `show`, `rm`, `restore`.

No `from __future__ import annotations` here: Typer reads the annotations at run time."""


from typing import Annotated, Optional

import typer

from narrative_cli.cli.common import FormatOpt, NoCommitOpt, OutputFormat, ProjectOpt

ENTITY_WORDS = ("character", "location", "faction", "item", "magic", "event")

new_app = typer.Typer(help="Create a canon entity, a chapter or a scene (a valid file, committed).",
                      no_args_is_help=True)


def _entity_command(word: str):
    def command(
        name: Annotated[str, typer.Argument(help=f"The {word}'s name; the id is made from it (Bob Baker -> bob-baker).")],
        ident: Annotated[Optional[str], typer.Option("--id", help="Choose the id yourself.")] = None,
        project: ProjectOpt = None,
        fmt: FormatOpt = OutputFormat.text,
        no_commit: NoCommitOpt = False,
    ) -> int:
        from narrative_cli.ops.canon import kind_from_word, new_entity
        from narrative_cli.cli.common import apply_change, open_project

        loaded = open_project(project, write=True)
        change = new_entity(loaded, kind_from_word(word), name, ident)
        return apply_change(loaded.root, change, fmt, commit=not no_commit)

    command.__doc__ = f"Create `canon/{word if word == 'magic' else word + 's'}/ID.yaml` for a new {word}."
    return command


for _word in ENTITY_WORDS:
    new_app.command(_word)(_entity_command(_word))


@new_app.command("chapter")
def new_chapter(
    title: Annotated[str, typer.Argument(help="Chapter title; the folder is `NN-SLUG` (SLUG made from the title).")],
    after: Annotated[Optional[int], typer.Option(help="Insert after chapter number N (0 = first).")] = None,
    part: Annotated[Optional[str], typer.Option(
        help='The chapter opens a part: its heading, e.g. "Part Two: The Road" (printed on a page of its own).')] = None,
    project: ProjectOpt = None,
    fmt: FormatOpt = OutputFormat.text,
    no_commit: NoCommitOpt = False,
) -> int:
    """Create `manuscript/NN-SLUG/chapter.yaml` with the next free number."""
    from narrative_cli.cli.common import apply_change, open_project
    from narrative_cli.ops.manuscript import new_chapter as make

    loaded = open_project(project, write=True)
    return apply_change(loaded.root, make(loaded, title, after, part), fmt, commit=not no_commit)


@new_app.command("scene")
def new_scene(
    title: Annotated[str, typer.Argument(help="Scene title; the file is `NN-SLUG.md` (SLUG made from the title).")],
    chapter: Annotated[str, typer.Option("--chapter", "-c", help="Chapter number or folder name.")],
    after: Annotated[Optional[int], typer.Option(help="Insert after scene number N (0 = first).")] = None,
    pov: Annotated[Optional[str], typer.Option(help="POV character id.")] = None,
    project: ProjectOpt = None,
    fmt: FormatOpt = OutputFormat.text,
    no_commit: NoCommitOpt = False,
) -> int:
    """Create a scene file with an empty scene card in a chapter."""
    from narrative_cli.cli.common import apply_change, open_project
    from narrative_cli.ops.manuscript import new_scene as make

    loaded = open_project(project, write=True)
    return apply_change(loaded.root, make(loaded, title, chapter, after, pov), fmt, commit=not no_commit)


def list_cmd(
    kind: Annotated[str, typer.Argument(help="characters, locations, factions, items, magic, events, chapters or scenes.")],
    deleted: Annotated[bool, typer.Option("--deleted", help="Include soft-deleted items.")] = False,
    project: ProjectOpt = None,
    fmt: FormatOpt = OutputFormat.text,
) -> int:
    """List canon entities of one kind, or the chapters or scenes."""
    from narrative_cli.cli import listing
    from narrative_cli.cli.common import open_project

    loaded = open_project(project)
    return listing.show_list(loaded, kind, deleted, fmt)


def show(
    ref: Annotated[str, typer.Argument(help="An id (elena-voss), kind/id (characters/elena-voss) or a scene (03-02).")],
    project: ProjectOpt = None,
    fmt: FormatOpt = OutputFormat.text,
) -> int:
    """Show an entity's fields, where it appears and what refers to it; or a scene card."""
    from narrative_cli.cli import listing
    from narrative_cli.cli.common import open_project

    loaded = open_project(project)
    return listing.show_one(loaded, ref, fmt)


def rm(
    ref: Annotated[str, typer.Argument(help="An entity reference or a scene (03-02 or its path).")],
    project: ProjectOpt = None,
    fmt: FormatOpt = OutputFormat.text,
    no_commit: NoCommitOpt = False,
) -> int:
    """Soft-delete: set deleted_at and deleted_by. It vanishes from listings and exports; `restore` undoes it."""
    from narrative_cli.ops.canon import soft_delete
    from narrative_cli.cli.common import apply_change, open_project
    from narrative_cli.history.git import current_user

    loaded = open_project(project, write=True)
    return apply_change(loaded.root, soft_delete(loaded, ref, current_user(loaded.root)), fmt, commit=not no_commit)


def restore(
    ref: Annotated[str, typer.Argument(help="A soft-deleted entity or scene.")],
    project: ProjectOpt = None,
    fmt: FormatOpt = OutputFormat.text,
    no_commit: NoCommitOpt = False,
) -> int:
    """Bring back a soft-deleted entity or scene."""
    from narrative_cli.ops.canon import restore as undo
    from narrative_cli.cli.common import apply_change, open_project

    loaded = open_project(project, write=True)
    return apply_change(loaded.root, undo(loaded, ref), fmt, commit=not no_commit)


def register(app: typer.Typer) -> None:
    app.add_typer(new_app, name="new")
    app.command("list")(list_cmd)
    app.command()(show)
    app.command()(rm)
    app.command()(restore)

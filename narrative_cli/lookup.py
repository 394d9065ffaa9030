"""Finding what the writer means: an id, a kind/id, a name or alias ("Wren Hollis", "Wren"), with
case and accents ignored; and, when nothing matches, the project's own nearest ids as the hint."""

from __future__ import annotations

import difflib

from narrative_cli.errors import UsageError
from narrative_cli.fold import fold
from narrative_cli.model.common import REF_RE
from narrative_cli.refs import resolve
from narrative_cli.store.project import EntityRecord, Project


def by_name(project: Project, text: str) -> list[EntityRecord]:
    """Entities whose name or an alias is `text`; failing that, whose name has `text` as one of its words."""
    wanted = fold(text.strip())
    records = list(project.all_entities(include_deleted=True))
    exact = [r for r in records if any(fold(n) == wanted for n in r.names)]
    if exact or " " in wanted:
        return exact
    return [r for r in records if any(wanted in fold(n).split() for n in r.names)]


def resolve_name(project: Project, text: str) -> str:
    """A ref for `text`: the ref itself when it resolves, else the one entity it names; errors otherwise."""
    found = resolve(project, text) if REF_RE.match(text) else None
    if found is not None and (found.record is not None or found.code != "N401"):
        return text  # resolved, or ambiguous / of the wrong kind: the caller's own error says that best
    named = by_name(project, text)
    if len(named) == 1:
        return named[0].ref
    if len(named) > 1:
        refs = ", ".join(r.ref for r in named[:6])
        raise UsageError(f"'{text}' names {len(named)} entities: {refs}", hint=f"give the id, e.g. {named[0].ref}")
    if found is not None and _broken(project, text):
        return text  # the file exists but does not validate: refs.require explains that
    raise not_found(project, text)


def not_found(project: Project, text: str) -> UsageError:
    return UsageError(f"nothing is called '{text}'", hint=suggestion(project, text))


def suggestion(project: Project, text: str) -> str:
    """'did you mean ...' from the project's own ids and names, else examples of what exists."""
    pool: dict[str, str] = {}
    for record in project.all_entities():
        pool.setdefault(record.id, record.id)
        for name in record.names:
            pool.setdefault(fold(name), record.id)
    for scene in project.all_scenes():
        pool.setdefault(scene.slug, scene.ref)
    close = difflib.get_close_matches(fold(text), list(pool), n=3, cutoff=0.6)
    ids = list(dict.fromkeys(pool[c] for c in close))
    if ids:
        return "did you mean " + " or ".join(f"'{i}'" for i in ids) + "?"
    return examples(project)


def examples(project: Project) -> str:
    """What `show` takes, in this project's own words."""
    some = [r.id for r in project.all_entities()][:2]
    scene = next(iter(project.all_scenes()), None)
    chapter = project.chapters[0].number if project.chapters else None
    parts = ([f"an id ({', '.join(some)})", "a name"] if some else []) \
        + ([f"a scene ({scene.ref})"] if scene else []) + ([f"a chapter ({chapter})"] if chapter is not None else [])
    if not parts:
        return "the project is empty: `narrative new character NAME` starts the canon"
    return "give " + ", ".join(parts[:-1]) + (" or " if len(parts) > 1 else "") + parts[-1] \
        + "; `narrative list characters` lists them"


def find_chapter_or_none(project: Project, text: str):
    """A chapter by number (`2`: its prefix, else its place in the book) or folder (`02-the-road`)."""
    text = text.strip().rstrip("/")
    for chapter in project.chapters:
        if (text.isdigit() and int(text) == chapter.number) or text in (chapter.rel, chapter.rel.removeprefix("manuscript/")):
            return chapter
    if text.isdigit() and 1 <= int(text) <= len(project.chapters):
        return project.chapters[int(text) - 1]
    return None


def _broken(project: Project, ref: str) -> bool:
    from narrative_cli.refs import _broken_file

    return _broken_file(project, ref) is not None

"""Resolving references (`elena-voss`, `characters/elena-voss`) to canon entities, and scenes
(`03-02`, a path) for the commands that take either."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from narrative_cli.errors import NarrativeError, UsageError
from narrative_cli.model.canon import KIND_BY_SINGULAR
from narrative_cli.model.common import CANON_KINDS, REF_RE
from narrative_cli.store.project import EntityRecord, Project, Scene


@dataclass
class Resolution:
    record: EntityRecord | None
    problem: str | None = None  # why it did not resolve
    hint: str | None = None
    code: str = "N401"


def resolve(project: Project, ref: str, kinds: tuple[str, ...] | None = None) -> Resolution:
    """Resolve `ref`; ambiguity and wrong kinds are problems, never guesses."""
    match = REF_RE.match(ref or "")
    if not match:
        return Resolution(None, f"'{ref}' is not a valid reference", _form_hint(project), "N301")
    kind, ident = match.groups()
    if kind:
        kind = KIND_BY_SINGULAR.get(kind, kind)
        if kind not in CANON_KINDS:
            return Resolution(None, f"unknown kind '{kind}' in '{ref}'", f"kinds are: {', '.join(CANON_KINDS)}")
        record = project.entities.get(kind, {}).get(ident)
        candidates = [record] if record else []
    else:
        candidates = project.ids_by_stem().get(ident, [])
    if kinds:
        fitting = [c for c in candidates if c.kind in kinds]
        if candidates and not fitting:
            got = ", ".join(c.ref for c in candidates)
            return Resolution(None, f"'{ref}' is {got}, but a {' or '.join(kinds)} entity is expected here",
                              f"this field takes {' or '.join(kinds)}: `narrative list {kinds[0]}` shows them",
                              code="N404")
        candidates = fitting
    if len(candidates) > 1:
        names = ", ".join(c.ref for c in candidates)
        return Resolution(None, f"'{ref}' is ambiguous: {names}", f"write kind/id, e.g. {candidates[0].ref}", "N402")
    if not candidates:
        return Resolution(None, f"'{ref}' does not exist", _did_you_mean(project, ident, kinds))
    return Resolution(candidates[0])


def _form_hint(project: Project) -> str:
    """How a reference is written, shown with one of the project's own ids."""
    records = sorted(project.all_entities(), key=lambda r: (r.kind != "characters", r.ref))
    if not records:
        return "a reference is an id (lowercase letters, digits, hyphens) or kind/id, e.g. characters/<id>"
    return f"use an id like {records[0].id} or kind/id like {records[0].ref}"


def _did_you_mean(project: Project, ident: str, kinds: tuple[str, ...] | None) -> str | None:
    pool = project.id_pool(tuple(kinds) if kinds else None)
    guess = difflib.get_close_matches(ident, pool, n=1, cutoff=0.6)
    if guess:
        return f"did you mean '{guess[0]}'?"
    return "create it with `narrative new`, or check the spelling"


def require(project: Project, ref: str, kinds: tuple[str, ...] | None = None,
            include_deleted: bool = False) -> EntityRecord:
    """Resolve or raise: for commands whose argument is a reference."""
    found = resolve(project, ref, kinds)
    if found.record is None:
        broken = _broken_file(project, ref)
        if broken:
            raise NarrativeError(f"{broken} does not validate, so '{ref}' cannot be used",
                                 hint=f"fix it first: `narrative validate` shows what is wrong in {broken}")
        raise NarrativeError(found.problem or f"cannot resolve '{ref}'", hint=found.hint)
    if found.record.deleted and not include_deleted:
        raise NarrativeError(f"{found.record.ref} is deleted",
                             hint=f"bring it back with `narrative restore {found.record.ref}`")
    return found.record


def _broken_file(project: Project, ref: str) -> str | None:
    """The canon file behind `ref` when it exists but failed to load (the loader reported an error)."""
    kind, _, ident = ref.rpartition("/")
    kind = KIND_BY_SINGULAR.get(kind, kind)
    for d in project.diagnostics:
        parts = d.location.path.split("/")
        if d.is_error and len(parts) == 3 and parts[0] == "canon" and parts[2] == f"{ident}.yaml" \
                and (not kind or parts[1] == kind):
            return d.location.path
    return None


@dataclass
class Target:
    """What `rm` and `restore` act on: a canon entity or a scene."""

    ref: str
    rel: str
    text: str
    is_scene: bool
    deleted: bool


def find_target(project: Project, ref: str) -> Target:
    scene = find_scene(project, ref, required=False)
    if scene is not None:
        return Target(scene.rel, scene.rel, scene.text, True, scene.deleted)
    record: EntityRecord = require(project, ref, include_deleted=True)
    return Target(record.ref, record.rel, record.text, False, record.deleted)


def find_scene(project: Project, ref: str, required: bool = True) -> Scene | None:
    """A scene by `CC-SS` numbers (`03-02`, `3.2`) or by path (with or without manuscript/ and .md)."""
    import re

    match = re.fullmatch(r"(\d+)[-.](\d+)", ref)
    for scene in project.all_scenes(include_deleted=True):
        if match and (scene.chapter.number, scene.number) == (int(match.group(1)), int(match.group(2))):
            return scene
        if ref.removesuffix(".md").removeprefix("manuscript/") == scene.rel.removesuffix(".md").removeprefix("manuscript/"):
            return scene
    if required:
        first = next(iter(project.all_scenes()), None)
        example = f" ({first.ref} or {first.rel})" if first else ""
        raise UsageError(f"no scene '{ref}'", hint=f"name a scene as CC-SS or by its path{example}")
    return None

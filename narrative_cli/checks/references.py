"""References between files: they resolve, are unambiguous, point at the right kind, and not at the deleted."""

from __future__ import annotations

from typing import Iterable, Iterator

from narrative_cli.diagnostics import Diagnostic, error, warning
from narrative_cli.model.canon import REFERENCE_FIELDS
from narrative_cli.refs import resolve
from narrative_cli.store.project import Project
from narrative_cli.store.yamlio import locate

CHARACTERS = ("characters",)
SCENE_FIELDS = {"pov": CHARACTERS, "participants": CHARACTERS, "location": ("locations",)}


def check(project: Project) -> list[Diagnostic]:
    """Every reference of every live file, including files whose other keys failed their schema."""
    from narrative_cli.store.project import EntityRecord

    broken = {d.location.path for d in project.diagnostics if d.is_error and d.location.path.startswith("canon/")}
    partial = [p for p in project.partial if not p.deleted]
    found: list[Diagnostic] = []
    for record in [*project.all_entities(), *(p for p in partial if isinstance(p, EntityRecord))]:
        refs = _entity_refs(record.kind, record.model)
        found += _check_refs(project, refs, record.text, record.rel, broken)
    for scene in [*project.all_scenes(), *(p for p in partial if not isinstance(p, EntityRecord))]:
        refs = _model_refs(scene.card, SCENE_FIELDS)
        found += _check_refs(project, refs, scene.text, scene.rel, broken)
    return found


def _entity_refs(kind: str, model) -> Iterator[tuple[tuple, str, tuple | None]]:
    yield from _model_refs(model, REFERENCE_FIELDS[kind])
    for i, rel in enumerate(model.relationships):
        yield ("relationships", i, "to"), rel.to, None
    for i, consequence in enumerate(getattr(model, "consequences", [])):
        yield ("consequences", i, "entity"), consequence.entity, None


def _model_refs(model, fields: dict) -> Iterator[tuple[tuple, str, tuple | None]]:
    for name, kinds in fields.items():
        value = getattr(model, name)
        if isinstance(value, list):
            for i, item in enumerate(value):
                yield (name, i), item, kinds
        elif value:
            yield (name,), value, kinds


def _check_refs(project: Project, refs: Iterable, text: str, rel: str, broken: set[str]) -> list[Diagnostic]:
    found = []
    for keys, ref, kinds in refs:
        result = resolve(project, ref, kinds)
        if result.record is not None and not result.record.deleted:
            continue
        where = _locate_in_file(text, rel, keys)
        field = ".".join(str(k) for k in keys)
        if result.record is not None:
            found.append(warning("N403", f"{field}: '{ref}' refers to deleted {result.record.ref}", where,
                                 hint=f"restore it with `narrative restore {result.record.ref}` or remove the reference"))
        else:
            hint = _broken_target(ref, kinds, broken) if result.code == "N401" else None
            found.append(error(result.code, f"{field}: {result.problem}", where, hint=hint or result.hint))
    return found


def _broken_target(ref: str, kinds: tuple | None, broken: set[str]) -> str | None:
    """'does not exist' is misleading when the file is there but failed to load: say so."""
    from narrative_cli.model.canon import KIND_BY_SINGULAR
    from narrative_cli.model.common import CANON_KINDS

    kind, _, ident = ref.rpartition("/")
    for candidate in [KIND_BY_SINGULAR.get(kind, kind)] if kind else (kinds or CANON_KINDS):
        path = f"canon/{candidate}/{ident}.yaml"
        if path in broken:
            return f"{path} exists but does not validate; fix that file first"
    return None


def _locate_in_file(text: str, rel: str, keys: tuple):
    """Scene files carry their card after a `---` line; canon files are pure YAML."""
    if rel.endswith(".md"):
        from narrative_cli.store.files import split_front_matter

        fm, _ = split_front_matter(text, rel)
        if fm is not None and fm.yaml_text is not None:
            return locate(fm.yaml_text, rel, keys, line_offset=fm.yaml_line - 1)
    return locate(text, rel, keys)

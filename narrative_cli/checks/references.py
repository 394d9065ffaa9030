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
    found: list[Diagnostic] = []
    for record in project.all_entities():
        refs = _entity_refs(record.kind, record.model)
        found += _check_refs(project, refs, record.text, record.rel, 0)
    for scene in project.all_scenes():
        refs = _model_refs(scene.card, SCENE_FIELDS)
        found += _check_refs(project, refs, scene.text, scene.rel, 0)
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


def _check_refs(project: Project, refs: Iterable, text: str, rel: str, offset: int) -> list[Diagnostic]:
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
            found.append(error(result.code, f"{field}: {result.problem}", where, hint=result.hint))
    return found


def _locate_in_file(text: str, rel: str, keys: tuple):
    """Scene files carry their card after a `---` line; canon files are pure YAML."""
    if rel.endswith(".md"):
        from narrative_cli.store.files import split_front_matter

        fm, _ = split_front_matter(text, rel)
        if fm is not None and fm.yaml_text is not None:
            return locate(fm.yaml_text, rel, keys, line_offset=fm.yaml_line - 1)
    return locate(text, rel, keys)

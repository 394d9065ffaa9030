"""`narrative impact`: what depends on an entity, and what a change to it would contradict.

Read-only by construction: a simulation replaces one record in a shallow copy
of the loaded Project (the original objects are never mutated) and runs the
same rules as `narrative check`; only findings that the change adds are shown.
"""

from __future__ import annotations

from dataclasses import replace

from narrative_cli.checks.story import Fact, StoryContext, run
from narrative_cli.checks.story.context import Point
from narrative_cli.diagnostics import Diagnostic, Location
from narrative_cli.errors import UsageError


def impact(project, ref: str, sets: list[str] | None = None, at: str | None = None) -> dict:
    from narrative_cli.refs import require

    record = require(project, ref)
    report = {"ref": record.ref, "name": record.model.name, "path": record.rel, **dependents(project, record)}
    if sets:
        changes = parse_sets(record, sets)
        findings = simulate(project, record, changes, at)
        report["simulation"] = {"set": changes, "at": at, "new_findings": [d.to_json() for d in findings]}
    elif at:
        raise UsageError("--at needs --set", hint=f"e.g. narrative impact {record.id} --set status=dead --at CC-SS")
    return report


def dependents(project, record) -> dict:
    """Scenes that use it (POV, participant, location, named in prose), entities that point at it, events that change it."""
    from narrative_cli.ops.canon import entity_details

    ctx = StoryContext(project)
    scenes = []
    for scene in ctx.scenes:
        how = _roles(ctx, scene, record.ref)
        if how:
            mention = ctx.prose.scene(scene).mentions_of(record.ref)
            line = mention[0].where[0] if mention else scene.card_line or 1
            scenes.append({"scene": scene.ref, "path": scene.rel, "line": line, "how": how})
    events = sorted({f.location.path for f in ctx.facts_about(record.ref)})
    return {"scenes": scenes, "referenced_by": entity_details(project, record)["referenced_by"],
            "changed_by": events}


def _roles(ctx: StoryContext, scene, ref: str) -> list[str]:
    card, how = scene.card, []
    if ctx.resolve(card.pov, ("characters",)) == ref:
        how.append("pov")
    if any(ctx.resolve(p, ("characters",)) == ref for p in card.participants):
        how.append("participant")
    if ctx.resolve(card.location, ("locations",)) == ref:
        how.append("location")
    if ctx.prose.scene(scene).mentions_of(ref):
        how.append("mentioned")
    return how


def parse_sets(record, sets: list[str]) -> dict:
    """`field=value` pairs; values are YAML scalars or flow lists, checked against the entity's schema."""
    from narrative_cli.store.yamlio import load_yaml

    changes = {}
    for item in sets:
        field, sep, raw = item.partition("=")
        field = field.strip()
        if not sep or not field:
            raise UsageError(f"--set '{item}' is not field=value", hint="e.g. --set status=dead")
        if field not in type(record.model).model_fields:
            known = ", ".join(sorted(type(record.model).model_fields))
            raise UsageError(f"{record.ref} has no field '{field}'", hint=f"fields: {known}")
        parsed = load_yaml(raw or "null", "--set")
        changes[field] = parsed.data if parsed.ok else raw
    _validated(record, changes)
    return changes


def _validated(record, changes: dict):
    from pydantic import ValidationError

    data = {**record.model.model_dump(mode="json", exclude_unset=True), **changes}
    try:
        return type(record.model).model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise UsageError(f"--set {'.'.join(str(p) for p in first['loc'])}: {first['msg']}") from None


def simulate(project, record, changes: dict, at: str | None) -> list[Diagnostic]:
    """The findings `changes` would add. Without --at a change holds from before the first scene."""
    changed = _with_record(project, replace(record, model=_validated(record, changes)))
    point, where = _point(project, at)
    facts = [Fact(record.ref, field, value, point, where, f"simulated change at {at or 'the start'}")
             for field, value in changes.items()]
    before = {_key(d) for d in run(project)}
    return [d for d in run(changed, extra_facts=facts) if _key(d) not in before]


def _point(project, at: str | None) -> tuple[Point, Location]:
    if not at:
        return Point(None, -1.0), Location("(simulation)")
    from narrative_cli.refs import find_scene

    scene = find_scene(project, at)
    ctx = StoryContext(project)
    return ctx.point(scene), Location(scene.rel, scene.card_line or 1, 1)


def _with_record(project, record):
    entities = {kind: dict(records) for kind, records in project.entities.items()}
    entities[record.kind][record.id] = record
    return replace(project, entities=entities)


def _key(d: Diagnostic) -> tuple:
    return (d.code, d.location.path, d.location.line, d.message)

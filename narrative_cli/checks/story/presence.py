"""Where things are and who holds them: one place at a time, one owner at a time, consequences kept."""

from __future__ import annotations

from typing import Iterator

from narrative_cli.checks.story.context import Fact, Point, StoryContext
from narrative_cli.checks.story.registry import emit
from narrative_cli.diagnostics import Diagnostic


def check(ctx: StoryContext) -> Iterator[Diagnostic]:
    yield from _two_places(ctx)
    yield from _two_owners(ctx)
    yield from _contradicted(ctx)
    yield from _death_dates(ctx)


def _sightings(ctx: StoryContext) -> Iterator[tuple[str, str, str, object, str]]:
    """(character, when, location, where, label) from dated scenes and events.

    `where` is a function: locating a key re-reads YAML, so it runs only for findings.
    """
    for scene in ctx.scenes:
        place = ctx.resolve(scene.card.location, ("locations",))
        if scene.card.when and place:
            for ref in ctx.cast(scene):
                yield ref, scene.card.when, place, lambda s=scene: ctx.card_at(s, "location"), f"scene {scene.ref}"
    for event in ctx.project.entities.get("events", {}).values():
        place = ctx.resolve(event.model.location, ("locations",))
        if event.deleted or not event.model.when or not place:
            continue
        for ref in event.model.participants:
            who = ctx.resolve(ref, ("characters",))
            if who:
                yield (who, event.model.when, place, lambda e=event: ctx.entity_at(e, "location"),
                       f"event {event.id}")


def _two_places(ctx: StoryContext) -> Iterator[Diagnostic]:
    """Each sighting against the earlier ones at the same `when`: one per distinct place is enough,
    so a character in one place across many scenes of one day costs nothing extra."""
    seen: dict[tuple[str, str], dict[str, tuple]] = {}
    for ref, when, place, where, label in _sightings(ctx):
        key = (ref, str(Point(when).when))
        for other_place, (other_where, other_label) in seen.get(key, {}).items():
            if not _nested(ctx, place, other_place):
                yield emit("S201", f"{_name(ctx, ref)} is at {_name(ctx, place)} on {when} ({label}) and at "
                                   f"{_name(ctx, other_place)} at the same `when` ({other_label})",
                           where(), related=(other_where(),),
                           hint="give the scenes distinct `when` values (a time like \"312-04-02 18:00\" works)")
                break
        seen.setdefault(key, {}).setdefault(place, (where, label))


def _nested(ctx: StoryContext, a: str, b: str) -> bool:
    """Same place, or one inside the other through `parent`."""
    return a == b or b in _ancestors(ctx, a) or a in _ancestors(ctx, b)


def _ancestors(ctx: StoryContext, ref: str) -> list[str]:
    found: list[str] = []
    record = ctx.record(ref)
    while record is not None and getattr(record.model, "parent", None) and len(found) < 32:
        parent = ctx.resolve(record.model.parent, ("locations",))
        if not parent or parent in found:
            break
        found.append(parent)
        record = ctx.record(parent)
    return found


def _two_owners(ctx: StoryContext) -> Iterator[Diagnostic]:
    seen: dict[tuple[str, str], Fact] = {}
    for fact in ctx.facts:
        if fact.field != "owner" or fact.point.when is None:
            continue
        key = (fact.entity, fact.point.when)
        first = seen.setdefault(key, fact)
        if first is not fact and not _same(ctx, first.value, fact.value):
            yield emit("S202", f"{_name(ctx, fact.entity)} goes to {fact.value} ({fact.source}) and to "
                               f"{first.value} ({first.source}) at the same `when` {fact.point.when}",
                       fact.location, related=(first.location,))


def _contradicted(ctx: StoryContext) -> Iterator[Diagnostic]:
    """The entity's own file is the state at the end of canon: it must agree with the last change."""
    latest: dict[tuple[str, str], Fact] = {}
    for fact in ctx.facts:
        key = (fact.entity, fact.field)
        current = latest.get(key)
        if current is None or fact.point.compare(current.point) in (1, 0):
            latest[key] = fact
    for (ref, field), fact in latest.items():
        record = ctx.record(ref)
        if record is None or field not in type(record.model).model_fields:
            continue
        value = getattr(record.model, field)
        if not _same(ctx, value, fact.value):
            yield emit("S203", f"{record.ref} has {field}: {value}, but {fact.source} set it to {fact.value}"
                               + (f" on {fact.point.when}" if fact.point.when else ""),
                       ctx.entity_at(record, field) if field in record.model.model_fields_set
                       else ctx.entity_at(record), related=(fact.location,),
                       hint=f"set {field}: {fact.value} in {record.rel}, or change the consequence")


def _death_dates(ctx: StoryContext) -> Iterator[Diagnostic]:
    """A `died:` date and an event that kills the character must name the same day."""
    from narrative_cli.checks.story.context import when_cmp

    for fact in ctx.facts:
        record = ctx.record(fact.entity)
        died = getattr(record.model, "died", None) if record else None
        if fact.field != "status" or fact.value != "dead" or not died or not fact.point.when \
                or ctx.resolve(died, ("events",)):
            continue
        if when_cmp(str(died), fact.point.when):
            yield emit("S203", f"{record.ref} has died: {died}, but {fact.source} kills them on {fact.point.when}",
                       ctx.entity_at(record, "died"), related=(fact.location,),
                       hint=f"set died: {fact.source.removeprefix('event ')} (the event id) or the same date")


def _same(ctx: StoryContext, a, b) -> bool:
    if a == b or str(a) == str(b):
        return True
    if isinstance(a, str) and isinstance(b, str):
        ra, rb = ctx.resolve(a), ctx.resolve(b)
        return ra is not None and ra == rb
    return False


def _name(ctx: StoryContext, ref: str) -> str:
    record = ctx.record(ref) if "/" in ref else None
    return record.model.name if record else ref

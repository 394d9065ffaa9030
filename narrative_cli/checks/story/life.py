"""Life and death: nobody takes part, holds the POV or speaks after dying, or before being born.

A death is dated by the character's `died` (a story date or an event id),
by an event whose consequences set `status: dead`, or by a simulation from
`narrative impact`. `status: dead` alone says nothing about when, so it
cannot make a scene contradict it.
"""

from __future__ import annotations

from typing import Iterator

from narrative_cli.checks.story.context import Fact, Point, StoryContext
from narrative_cli.checks.story.registry import emit
from narrative_cli.diagnostics import Diagnostic
from narrative_cli.prose.speakers import CERTAIN


def check(ctx: StoryContext) -> Iterator[Diagnostic]:
    people = ctx.project.entities.get("characters", {}).values()
    deaths = {r.ref: _first(ctx, r.ref) for r in people if not r.deleted}
    for scene in ctx.scenes:
        point = ctx.point(scene)
        prose = ctx.prose.scene(scene)
        for ref in prose.cast:
            death = deaths.get(ref)
            if death and point.compare(death.point) == 1:
                yield _appears(ctx, scene, ref, death)
            yield from _unborn(ctx, scene, ref, point)
        for quote in prose.quotes:
            death = deaths.get(quote.speaker or "")
            if quote.how in CERTAIN and quote.speaker not in prose.cast and death \
                    and point.compare(death.point) == 1:
                line, col = quote.paragraph.where(quote.start)
                yield emit("S102", f"{_name(ctx, quote.speaker)} speaks here, but died {_when(death)}",
                           _loc(scene, line, col), related=(death.location,),
                           hint="a memory is told in the past perfect (`Ines had said`); or fix the tag")
    yield from _events(ctx, deaths)
    yield from _undated(ctx, deaths)


def deaths_of(ctx: StoryContext, ref: str) -> list[Fact]:
    """Every dated death of a character: `died`, event consequences, simulations."""
    record = ctx.record(ref)
    found = []
    died = getattr(record.model, "died", None) if record else None
    if died:
        event = ctx.resolve(died, ("events",))
        if event:
            model = ctx.record(event).model
            where = ctx.entity_at(ctx.record(event), "when")
            found.append(Fact(ref, "status", "dead", Point(model.when), where, f"event {event.split('/')[1]}"))
        else:
            found.append(Fact(ref, "status", "dead", Point(str(died)), ctx.entity_at(record, "died"), "died"))
    found += [f for f in ctx.facts_about(ref) if f.field == "status" and f.value == "dead"]
    return [f for f in found if f.point.when is not None or f.point.order is not None]


def _first(ctx: StoryContext, ref: str) -> Fact | None:
    earliest = None
    for fact in deaths_of(ctx, ref):
        if earliest is None or fact.point.compare(earliest.point) == -1:
            earliest = fact
    return earliest


def _appears(ctx: StoryContext, scene, ref: str, death: Fact) -> Diagnostic:
    pov = ctx.resolve(scene.card.pov) == ref
    keys = ("pov",) if pov else ("participants", _index(ctx, scene.card.participants, ref))
    role = "holds the POV" if pov else "takes part"
    return emit("S101", f"{_name(ctx, ref)} {role} here, but died {_when(death)}", ctx.card_at(scene, *keys),
                related=(death.location,),
                hint="mark the scene `flashback: true` with an earlier `when`, or fix the death")


def _unborn(ctx: StoryContext, scene, ref: str, point: Point) -> Iterator[Diagnostic]:
    record = ctx.record(ref)
    born = getattr(record.model, "born", None) if record else None
    if born and point.when and born[:1].isdigit() and point.compare(Point(born)) == -1:
        yield emit("S103", f"{_name(ctx, ref)} takes part here ({point.when}) before being born ({born})",
                   ctx.card_at(scene, "when"), related=(ctx.entity_at(record, "born"),))


def _events(ctx: StoryContext, deaths: dict) -> Iterator[Diagnostic]:
    for event in ctx.project.entities.get("events", {}).values():
        if event.deleted or not event.model.when:
            continue
        for i, ref in enumerate(event.model.participants):
            target = ctx.resolve(ref, ("characters",))
            death = deaths.get(target or "")
            if death and Point(event.model.when).compare(death.point) == 1:
                yield emit("S101", f"{_name(ctx, target)} takes part in {event.id} ({event.model.when}), "
                                   f"but died {_when(death)}",
                           ctx.entity_at(event, "participants", i), related=(death.location,))


def _undated(ctx: StoryContext, deaths: dict) -> Iterator[Diagnostic]:
    """Dead with no date: the appearances cannot be checked, so say so once, with where they are."""
    appearances: dict[str, list] | None = None  # character -> scenes, in order; built only if needed
    for ref, death in deaths.items():
        record = ctx.record(ref)
        if death is not None or record.model.status != "dead":
            continue
        if appearances is None:
            appearances = {}
            for scene in ctx.scenes:
                for who in dict.fromkeys(ctx.cast(scene)):
                    appearances.setdefault(who, []).append(scene)
        scenes = appearances.get(ref, [])
        if scenes:
            yield emit("S104", f"{record.model.name} is dead but the death has no date, so their "
                               f"{len(scenes)} scene(s) cannot be checked against it",
                       ctx.entity_at(record, "status"), related=tuple(ctx.card_at(s) for s in scenes[:3]),
                       hint="add `died:` (a story date or the event id), or an event with "
                            "`consequences: [{entity: ..., change: {status: dead}}]`")


def _index(ctx: StoryContext, refs: list[str], target: str) -> int:
    return next((i for i, r in enumerate(refs) if ctx.resolve(r) == target), 0)


def _name(ctx: StoryContext, ref: str) -> str:
    record = ctx.record(ref)
    return record.model.name if record else ref


def _when(fact: Fact) -> str:
    if fact.point.when:
        return f"on {fact.point.when} ({fact.source})"
    return f"earlier ({fact.source})"


def _loc(scene, line: int, col: int):
    from narrative_cli.diagnostics import Location

    return Location(scene.rel, line, col)

"""What every story rule needs: scenes in story order, points in story time, facts from events.

Story order is chapter/scene order. `when` refines it: a scene without a
`when` inherits the last `when` before it (flashbacks excepted), and two
points that both have a `when` are compared by it, ties broken by order.
Dates compare as numbers when both parse ("312-04-02", "312"), otherwise as
zero-padded text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from narrative_cli.diagnostics import Location
from narrative_cli.prose import ProseIndex

DATE = re.compile(r"^\s*(-?\d+)(?:-(\d+))?(?:-(\d+))?(?:[ T](\d+):(\d+))?\s*$")


def when_key(text: str) -> tuple:
    match = DATE.match(str(text))
    if match:
        return (0, tuple(int(g) for g in match.groups() if g is not None))
    return (1, re.sub(r"\d+", lambda m: m.group().zfill(12), str(text)))


def when_cmp(a: str, b: str) -> int:
    ka, kb = when_key(a), when_key(b)
    if ka[0] != kb[0]:  # one date, one free text: compare the texts zero-padded
        ka, kb = (1, re.sub(r"\d+", lambda m: m.group().zfill(12), a)), (1, re.sub(r"\d+", lambda m: m.group().zfill(12), b))
    return (ka > kb) - (ka < kb)


@dataclass(frozen=True)
class Point:
    """A moment: a story date, a position in story order, or both."""

    when: str | None = None
    order: float | None = None

    def compare(self, other: "Point") -> int | None:
        """-1/0/1, or None when the two cannot be ordered."""
        if self.when is not None and other.when is not None:
            result = when_cmp(self.when, other.when)
            if result or self.order is None or other.order is None:
                return result
        if self.order is not None and other.order is not None:
            return (self.order > other.order) - (self.order < other.order)
        return None


@dataclass(frozen=True)
class Fact:
    """`entity.field` becomes `value` at `point`: an event consequence, a death date, a simulation."""

    entity: str  # entity ref, kind/id
    field: str
    value: object
    point: Point
    location: Location
    source: str  # words for messages: "event the-wreck-of-the-heron"


@dataclass
class StoryContext:
    project: object
    extra_facts: list[Fact] = field(default_factory=list)
    prose: ProseIndex | None = None

    def __post_init__(self) -> None:
        if self.prose is None:  # a caller that parsed the scenes already hands its index in
            self.prose = ProseIndex(self.project)
        self.scenes = list(self.project.all_scenes())
        self.order = {s.rel: i for i, s in enumerate(self.scenes)}
        self._when = _effective_whens(self.scenes)
        self.facts = [*self._event_facts(), *self.extra_facts]
        self._by_entity: dict[str, list[Fact]] = {}
        self._facts_indexed = -1

    def facts_about(self, ref: str) -> list[Fact]:
        """The facts about one entity, in `facts` order; indexed once, since rules ask per character."""
        if self._facts_indexed != len(self.facts):
            self._by_entity = {}
            for fact in self.facts:
                self._by_entity.setdefault(fact.entity, []).append(fact)
            self._facts_indexed = len(self.facts)
        return self._by_entity.get(ref, [])

    def resolve(self, ref: str | None, kinds: tuple[str, ...] | None = None) -> str | None:
        return self.prose.resolve(ref, kinds)

    def record(self, ref: str):
        kind, ident = ref.split("/", 1)
        return self.project.entities.get(kind, {}).get(ident)

    def when(self, scene) -> str | None:
        return self._when.get(scene.rel)

    def point(self, scene) -> Point:
        return Point(self.when(scene), float(self.order[scene.rel]))

    def cast(self, scene) -> list[str]:
        return self.prose.scene(scene).cast

    def card_at(self, scene, *keys) -> Location:
        from narrative_cli.checks.references import _locate_in_file

        if not keys or scene.card_line == 0:
            return Location(scene.rel, scene.card_line or scene.body_line, 1)
        return _locate_in_file(scene.text, scene.rel, keys)

    def entity_at(self, record, *keys) -> Location:
        from narrative_cli.store.yamlio import locate

        return locate(record.text, record.rel, keys) if keys else Location(record.rel, 1, 1)

    def _event_facts(self) -> list[Fact]:
        facts = []
        for event in self.project.entities.get("events", {}).values():
            if event.deleted:
                continue
            point = Point(event.model.when) if event.model.when else Point()
            for i, consequence in enumerate(event.model.consequences):
                target = self.resolve(consequence.entity)
                for key, value in consequence.change.items():
                    if target:
                        where = self.entity_at(event, "consequences", i, "change", key)
                        facts.append(Fact(target, key, value, point, where, f"event {event.id}"))
        return facts


def _effective_whens(scenes) -> dict[str, str | None]:
    """Each scene's own `when`, or the last one before it outside flashbacks."""
    found, last = {}, None
    for scene in scenes:
        own = scene.card.when
        found[scene.rel] = own or (None if scene.card.flashback else last)
        if own and not scene.card.flashback:
            last = own
    return found

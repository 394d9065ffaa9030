"""The timeline: scenes and events placed by `when`, one lane per character and per location.

Only a scene's own `when` places it (an inherited one would be a guess); flashbacks are
marked; scenes without a `when` are listed apart. Dates sort as the checks sort them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from narrative_cli.checks.story.context import when_key

NOBODY = ""


@dataclass
class Item:
    when: str
    title: str
    url: str
    kind: str  # scene | event
    flashback: bool
    people: list[str]
    place: str | None
    order: int


@dataclass
class Timeline:
    dates: list[str] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    people: list[tuple[str, dict[str, list[Item]]]] = field(default_factory=list)  # lane ref -> date -> items
    places: list[tuple[str, dict[str, list[Item]]]] = field(default_factory=list)
    undated: list = field(default_factory=list)  # SceneInfo


def timeline(data) -> Timeline:
    found = Timeline()
    for order, scene in enumerate(s for c in data.chapters for s in c["scenes"]):
        if scene.card.when:
            people = [r for r in dict.fromkeys([scene.pov, *scene.cast]) if r]
            found.items.append(Item(str(scene.card.when), scene.name, scene.url, "scene",
                                    bool(scene.card.flashback), people, scene.location, order))
        else:
            found.undated.append(scene)
    for e in data.entities.values():
        when = getattr(e.record.model, "when", None) if e.kind == "events" else None
        if when:
            people = [t for label, t, _ in e.links if label == "participants" and t in data.entities]
            place = next((t for label, t, _ in e.links if label == "location" and t in data.entities), None)
            found.items.append(Item(str(when), e.name, e.url, "event", False, people, place, 10 ** 9))
    found.items.sort(key=lambda i: (when_key(i.when), i.order, i.title))
    found.dates = list(dict.fromkeys(i.when for i in found.items))
    found.people = _lanes(found.items, lambda i: i.people, data)
    found.places = _lanes(found.items, lambda i: [i.place] if i.place else [], data)
    return found


def _lanes(items: list[Item], keys, data) -> list[tuple[str, dict[str, list[Item]]]]:
    lanes: dict[str, dict[str, list[Item]]] = {}
    for item in items:
        for ref in keys(item) or [NOBODY]:
            lanes.setdefault(ref, {}).setdefault(item.when, []).append(item)
    return sorted(lanes.items(), key=lambda kv: (kv[0] == NOBODY, data.name(kv[0]).casefold()))

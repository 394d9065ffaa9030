"""Canon entities: one YAML file per entity under canon/<kind>/<id>.yaml."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from narrative_cli.model.common import Ref, StoryDate, Strict, Text, Timestamp


class Relationship(Strict):
    to: Ref = Field(description="the other entity")
    kind: Text = Field(description="one word for the tie: sister, rival, employer, ...")
    note: Text | None = Field(None, description="anything worth remembering about it")


class Entity(Strict):
    name: Text = Field(min_length=1, description="the display name")
    aliases: list[Text] = Field(default_factory=list, description="other names used in the prose")
    summary: Text | None = Field(None, description="one or two sentences")
    tags: list[Text] = Field(default_factory=list, description="free labels for filtering")
    notes: Text | None = Field(None, description="working notes, never exported")
    relationships: list[Relationship] = Field(default_factory=list, description="ties to other entities")
    custom: dict[str, Any] = Field(default_factory=dict, description="the writer's own fields")
    deleted_at: Timestamp | None = Field(None, description="set by `narrative rm` (soft delete)")
    deleted_by: Text | None = Field(None, description="who soft-deleted it")


class Character(Entity):
    role: Text | None = Field(None, description="protagonist, antagonist, mentor, ...")
    status: Literal["alive", "dead", "missing", "unknown"] = Field("alive", description="state at the end of canon")
    born: StoryDate | None = Field(None, description="story date or event id")
    died: StoryDate | None = Field(None, description="story date or event id")
    voice: Text | None = Field(None, description="how they speak")


class Location(Entity):
    region: Text | None = Field(None, description="a broader area, free text")
    parent: Ref | None = Field(None, description="the location that contains this one")


class Faction(Entity):
    leader: Ref | None = Field(None, description="a character")
    members: list[Ref] = Field(default_factory=list, description="characters")


class Item(Entity):
    owner: Ref | None = Field(None, description="a character or faction")
    properties: dict[str, Any] | list[Text] = Field(default_factory=dict, description="what it is and does")


class Magic(Entity):
    rules: list[Text] | Text = Field(default_factory=list, description="how it works")
    costs: list[Text] | Text = Field(default_factory=list, description="what it takes")
    limits: list[Text] | Text = Field(default_factory=list, description="what it cannot do")


class Consequence(Strict):
    entity: Ref = Field(description="the entity the event changes")
    change: dict[str, Any] = Field(description="field -> new value, e.g. {status: dead}")


class Event(Entity):
    when: StoryDate | None = Field(None, description="story date")
    participants: list[Ref] = Field(default_factory=list, description="characters")
    location: Ref | None = Field(None, description="a location")
    consequences: list[Consequence] = Field(default_factory=list, description="what the event changes")


KIND_MODELS: dict[str, type[Entity]] = {
    "characters": Character,
    "locations": Location,
    "factions": Faction,
    "items": Item,
    "magic": Magic,
    "events": Event,
}

# Which kinds each reference field may point at (None: any kind).
REFERENCE_FIELDS: dict[str, dict[str, tuple[str, ...] | None]] = {
    "characters": {},
    "locations": {"parent": ("locations",)},
    "factions": {"leader": ("characters",), "members": ("characters",)},
    "items": {"owner": ("characters", "factions")},
    "magic": {},
    "events": {"participants": ("characters",), "location": ("locations",)},
}

SINGULAR = {
    "characters": "character",
    "locations": "location",
    "factions": "faction",
    "items": "item",
    "magic": "magic",
    "events": "event",
}
KIND_BY_SINGULAR = {v: k for k, v in SINGULAR.items()}

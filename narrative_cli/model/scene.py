"""Scene cards (front matter of manuscript/NN-chapter/NN-scene.md) and chapter.yaml."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from narrative_cli.model.common import Ref, StoryDate, Strict, Text, Timestamp

STATUSES = ("draft", "revised", "final")
Status = Literal["draft", "revised", "final"]
RuleLevel = Literal["off", "warning", "error"]


class SceneCard(Strict):
    title: Text | None = Field(None, description="not printed by default")
    summary: Text | None = Field(None, description="one sentence; used by briefs and the outline")
    pov: Ref | None = Field(None, description="the point-of-view character")
    participants: list[Ref] = Field(default_factory=list, description="characters present")
    location: Ref | None = Field(None, description="where it happens")
    when: StoryDate | None = Field(None, description="story date; zero-padded dates sort correctly")
    flashback: bool = Field(False, description="allows `when` to go back in time")
    goal: Text | None = Field(None, description="what the POV character wants here")
    conflict: Text | None = Field(None, description="what stands in the way")
    entering_value: Text | None = Field(None, description="the value charge at the start")
    exiting_value: Text | None = Field(None, description="the value charge at the end")
    what_changes: Text | None = Field(None, description="why the scene matters")
    status: Status = Field("draft", description="draft | revised | final")
    tags: list[Text] = Field(default_factory=list, description="free labels")
    notes: Text | None = Field(None, description="working notes, never exported")
    check: dict[str, RuleLevel] = Field(default_factory=dict, description="per-scene rule overrides: code -> off|warning|error")
    custom: dict[str, Any] = Field(default_factory=dict, description="the writer's own fields")
    deleted_at: Timestamp | None = Field(None, description="set by `narrative rm` (soft delete)")
    deleted_by: Text | None = Field(None, description="who soft-deleted it")


class ChapterCard(Strict):
    title: Text | None = Field(None, description="printed after 'Chapter N'")
    part: Text | None = Field(None, description="this chapter opens a part: its heading, printed before the chapter")
    synopsis: Text | None = Field(None, description="never exported")
    status: Status | None = Field(None, description="draft | revised | final")
    custom: dict[str, Any] = Field(default_factory=dict, description="the writer's own fields")

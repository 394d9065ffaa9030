"""Time runs forward inside a chapter unless a scene says it is a flashback."""

from __future__ import annotations

from typing import Iterator

from narrative_cli.checks.story.context import StoryContext, when_cmp
from narrative_cli.checks.story.registry import emit
from narrative_cli.diagnostics import Diagnostic


def check(ctx: StoryContext) -> Iterator[Diagnostic]:
    for chapter in ctx.project.chapters:
        last = None
        for scene in chapter.live_scenes:
            when = scene.card.when
            if not when or scene.card.flashback:
                continue
            if last is not None and when_cmp(when, last.card.when) < 0:
                yield emit("S401", f"`when` goes back from {last.card.when} ({last.ref}) to {when}",
                           ctx.card_at(scene, "when"), related=(ctx.card_at(last, "when"),),
                           hint="add `flashback: true` to the card, or fix the date")
            last = scene

"""Time runs forward, inside a chapter (S401) and from one chapter to the next (S402), unless a
scene says it is a flashback."""

from __future__ import annotations

from typing import Iterator

from narrative_cli.checks.story.context import StoryContext, when_cmp
from narrative_cli.checks.story.registry import emit
from narrative_cli.diagnostics import Diagnostic

HINT = "add `flashback: true` to the card, or fix the date"


def check(ctx: StoryContext) -> Iterator[Diagnostic]:
    before = None  # the last dated scene of the chapters already read
    for chapter in ctx.project.chapters:
        last = None
        for scene in chapter.live_scenes:
            when = scene.card.when
            if not when or scene.card.flashback:
                continue
            if last is not None and when_cmp(when, last.card.when) < 0:
                yield emit("S401", f"`when` goes back from {last.card.when} ({last.ref}) to {when}",
                           ctx.card_at(scene, "when"), related=(ctx.card_at(last, "when"),), hint=HINT)
            elif last is None and before is not None and when_cmp(when, before.card.when) < 0:
                yield emit("S402", f"`when` goes back from {before.card.when} ({before.ref}, chapter "
                           f"{before.chapter.number}) to {when} ({scene.ref}, chapter {chapter.number})",
                           ctx.card_at(scene, "when"), related=(ctx.card_at(before, "when"),), hint=HINT)
            last = scene
        before = last or before

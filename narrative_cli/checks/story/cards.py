"""Scene cards against their prose: POV and cast, names on the page, a value that turns, a goal."""

from __future__ import annotations

import re
from typing import Iterator

from narrative_cli.checks.story.context import StoryContext
from narrative_cli.checks.story.registry import emit
from narrative_cli.diagnostics import Diagnostic, Location
from narrative_cli.fold import strip_accents
from narrative_cli.prose.dialogue import ACTOR, NEAR
from narrative_cli.prose.names import AFTER, BEFORE
from narrative_cli.prose.speakers import CERTAIN

# `Ines had taught her`: the past perfect is memory, not presence.
REMEMBERED = re.compile(r"^\s+(?:\w+ly\s+)?(?:had|used to|would)\b")
# `like Elena said`, `what Reyes told her`: reported, not present.
REPORTED = re.compile(r"\b(?:like|as|what|that|because|since|if|when|how|whatever)\s+$", re.IGNORECASE)


def check(ctx: StoryContext) -> Iterator[Diagnostic]:
    for scene in ctx.scenes:
        yield from _pov(ctx, scene)
        yield from _on_the_page(ctx, scene)
        yield from _unlisted(ctx, scene)
        yield from _craft(ctx, scene)


def _pov(ctx: StoryContext, scene) -> Iterator[Diagnostic]:
    card = scene.card
    pov = ctx.resolve(card.pov, ("characters",))
    listed = {ctx.resolve(r, ("characters",)) for r in card.participants}
    if pov and card.participants and pov not in listed:
        yield emit("S301", f"the POV character {card.pov} is not among the participants",
                   ctx.card_at(scene, "pov"), related=(ctx.card_at(scene, "participants"),),
                   hint=f"add {card.pov} to participants")


def _on_the_page(ctx: StoryContext, scene) -> Iterator[Diagnostic]:
    prose = ctx.prose.scene(scene)
    if not prose.paragraphs:
        return
    for i, raw in enumerate(scene.card.participants):
        ref = ctx.resolve(raw, ("characters",))
        if not ref or (ref == prose.pov and prose.first_person):
            continue
        if not prose.mentions_of(ref) and not prose.spoken_by(ref) \
                and not _named_loosely(ctx.record(ref).names, prose):
            names = " / ".join(ctx.record(ref).names)
            yield emit("S302", f"participant {raw} is never named in the scene ({names})",
                       ctx.card_at(scene, "participants", i),
                       hint="name them in the prose, add an alias to their canon file, or drop them from participants")
    place = ctx.resolve(scene.card.location, ("locations",))
    if place and not prose.mentions_of(place):
        names = " / ".join(ctx.record(place).names)
        yield emit("S303", f"location {scene.card.location} is never named in the scene ({names})",
                   ctx.card_at(scene, "location"), hint="name the place, or add the word the prose uses as an alias")


def _named_loosely(names, prose) -> bool:
    """Writers call `Élodie Brûlé` `Élodie`, `Brûlé` or, typing fast, `Elodie`: any capitalised
    word of a name or alias, accents ignored, puts the participant on the page (the
    spelling is S501's business). Only used to silence S302, so a loose match is safe."""
    words = {strip_accents(w) for name in names for w in re.findall(r"[^\W\d_][\w'’-]*", str(name)) if w[:1].isupper()}
    if not words:
        return False
    pattern = re.compile(BEFORE + "(?:" + "|".join(map(re.escape, sorted(words))) + ")" + AFTER)
    return any(pattern.search(strip_accents(p.text)) for p in prose.paragraphs)


def _unlisted(ctx: StoryContext, scene) -> Iterator[Diagnostic]:
    """Named characters who act or speak on the page but are not in the cast.

    Being talked about is not being present, so only a name in subject
    position before a finite verb, or a speech tag, counts.
    """
    prose = ctx.prose.scene(scene)
    reported = set()
    for m in prose.mentions:
        ref = m.ref
        if not ref or not ref.startswith("characters/") or ref in prose.cast or ref in reported:
            continue
        after = m.paragraph.text[m.end:m.end + NEAR]
        acting = not prose.quoted(m) and ACTOR.match(after) and not REMEMBERED.match(after) \
            and not REPORTED.search(m.paragraph.text[max(0, m.start - NEAR):m.start])
        speaking = any(q.speaker == ref and q.how in CERTAIN for q in prose.quotes_in(m.paragraph))
        if acting or speaking:
            reported.add(ref)
            line, col = m.where
            yield emit("S304", f"{m.term} {'speaks' if speaking else 'acts'} here but is not a participant",
                       Location(scene.rel, line, col), related=(ctx.card_at(scene, "participants"),),
                       hint=f"add {ref.split('/')[1]} to participants")


def _craft(ctx: StoryContext, scene) -> Iterator[Diagnostic]:
    card = scene.card
    if card.entering_value and card.exiting_value and \
            card.entering_value.strip().lower() == card.exiting_value.strip().lower():
        yield emit("S305", f"the value does not turn: it enters and exits as '{card.exiting_value}'",
                   ctx.card_at(scene, "exiting_value"), related=(ctx.card_at(scene, "entering_value"),),
                   hint="a scene should change something; or silence it with `check: {flat-scene: off}`")
    if card.status in ("revised", "final"):
        if not (card.goal or "").strip():
            yield emit("S306", f"the scene is {card.status} but has no goal", ctx.card_at(scene, "status"),
                       hint="say what the POV character wants here: goal: ...")
        if not (card.what_changes or "").strip():
            yield emit("S307", f"the scene is {card.status} but has no what_changes", ctx.card_at(scene, "status"),
                       hint="say why the scene matters: what_changes: ...")

"""Story rules: continuity (life, presence, timeline), scene cards and style.

`run(project)` applies every rule family to a StoryContext, then the
project's and each scene's `check:` settings. `check(project)` is what
`narrative check` runs: format validation first, then the story rules.
"""

from __future__ import annotations

import importlib
from typing import Iterable

from narrative_cli.checks.story.context import Fact, StoryContext
from narrative_cli.checks.story.registry import BY_CODE, FAMILIES, level_for, rule_for, unknown_keys
from narrative_cli.diagnostics import Diagnostic, Location, Severity, sort_diagnostics

__all__ = ["check", "run", "Fact", "StoryContext"]


def run(project, only: Iterable[str] | None = None, extra_facts: Iterable[Fact] = (), prose=None) -> list[Diagnostic]:
    """`prose`: a ProseIndex of this project already built by the caller (the site's), else one is made."""
    ctx = StoryContext(project, list(extra_facts), prose)
    wanted = _selected(only)
    found: list[Diagnostic] = []
    for family in FAMILIES:
        module = importlib.import_module(f"narrative_cli.checks.story.{family}")
        found += [d for d in module.check(ctx) if d.code in wanted]
    return sort_diagnostics(_apply_settings(project, ctx, found))


def check(project, only: Iterable[str] | None = None, prose=None) -> list[Diagnostic]:
    """Validation findings (N...) and story findings (S...), sorted together."""
    from narrative_cli.checks import validate

    found = list(validate(project))
    config = project.config
    if config is not None and config.check:
        from narrative_cli.store.yamlio import locate

        found += unknown_keys(config.check, locate(project.config_text, "narrative.yaml", ("check",)))
    for scene in project.all_scenes():
        if scene.card.check:
            found += unknown_keys(scene.card.check, Location(scene.rel, scene.card_line or 1, 1))
    return sort_diagnostics(found + run(project, only, prose=prose))


def _selected(only: Iterable[str] | None) -> set[str]:
    if not only:
        return set(BY_CODE)
    from narrative_cli.errors import UsageError

    chosen = set()
    for key in (k.strip() for item in only for k in item.split(",") if k.strip()):
        rule = rule_for(key)
        if rule is None:
            raise UsageError(f"unknown rule '{key}'", hint="see `narrative check --list`")
        chosen.add(rule.code)
    return chosen


def _apply_settings(project, ctx: StoryContext, found: list[Diagnostic]) -> list[Diagnostic]:
    """Project settings first, then the card of the scene the finding is in."""
    project_levels = project.config.check if project.config is not None else {}
    cards = {s.rel: s.card.check for s in ctx.scenes}
    kept = []
    for d in found:
        level = level_for(d.code, project_levels, cards.get(d.location.path, {}))
        if level == "off":
            continue
        kept.append(d.with_severity(Severity(level)) if level else d)
    return kept

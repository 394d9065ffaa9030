"""Every story rule in one table: stable code, stable name, default severity, what fires it.

`narrative check --list` and docs/checks.md read this table. Settings come
from narrative.yaml `check:` (code or name -> off|warning|error) and from a
scene card's `check:` (the same, for findings located in that scene).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from narrative_cli.diagnostics import Diagnostic, Location, Severity, warning

ERROR, WARNING = Severity.ERROR, Severity.WARNING


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    family: str
    summary: str


RULES = [
    Rule("S101", "dead-character-appears", ERROR, "life", "a dead character takes part in or holds the POV of a later scene or event"),
    Rule("S102", "dead-character-speaks", ERROR, "life", "a dead character is tagged as speaking in a later scene"),
    Rule("S103", "unborn-character-appears", ERROR, "life", "a character takes part in a scene dated before their birth"),
    Rule("S104", "undated-death", WARNING, "life", "`status: dead` with no `died:` or killing event, yet the character takes part in scenes"),
    Rule("S201", "character-in-two-places", ERROR, "presence", "one character is in two places at the same `when`"),
    Rule("S202", "item-two-owners", ERROR, "presence", "two events give one item to different owners at the same `when`"),
    Rule("S203", "consequence-contradicted", ERROR, "presence", "canon contradicts the latest event consequence for a field"),
    Rule("S301", "pov-not-participant", WARNING, "cards", "the POV character is not among the participants"),
    Rule("S302", "participant-not-in-prose", WARNING, "cards", "a participant's name or alias never appears in the scene"),
    Rule("S303", "location-not-in-prose", WARNING, "cards", "the scene's location is never named in its prose"),
    Rule("S304", "unlisted-character", WARNING, "cards", "a canon character acts or speaks in the prose but is not a participant"),
    Rule("S305", "flat-scene", WARNING, "cards", "the scene's value does not turn (entering_value == exiting_value)"),
    Rule("S306", "missing-goal", WARNING, "cards", "a revised or final scene has no goal"),
    Rule("S307", "missing-what-changes", WARNING, "cards", "a revised or final scene has no what_changes"),
    Rule("S401", "when-backwards", ERROR, "timeline", "`when` goes back in time inside a chapter without `flashback: true`"),
    Rule("S402", "when-backwards-across-chapters", WARNING, "timeline", "a chapter opens earlier than the previous chapter ends, without `flashback: true`"),
    Rule("S501", "name-variant", WARNING, "style", "a word one or two letters (or accents) away from a canon name"),
    Rule("S502", "name-capitalisation", WARNING, "style", "a canon name written with different capitals"),
    Rule("S503", "open-quote", WARNING, "style", "a quotation left open at the end of a paragraph and not continued"),
    Rule("S504", "tense-drift", WARNING, "style", "the narration's tense differs from the neighbouring scenes'"),
    Rule("S505", "person-drift", WARNING, "style", "first/third-person narration differs from the neighbouring scenes'"),
    Rule("S506", "pov-name-misuse", WARNING, "style", "a first-person narrator's own name used for someone in the narration"),
]
BY_CODE = {r.code: r for r in RULES}
BY_NAME = {r.name: r for r in RULES}
FAMILIES = ("life", "presence", "cards", "timeline", "style")


def rule_for(key: str) -> Rule | None:
    return BY_CODE.get(key.upper()) or BY_NAME.get(key.lower())


def emit(code: str, message: str, location: Location, hint: str | None = None,
         related: tuple[Location, ...] = ()) -> Diagnostic:
    """A finding at the rule's default severity; settings adjust it later."""
    rule = BY_CODE[code]
    return Diagnostic(code, rule.severity, f"{message} [{rule.name}]", location, hint, tuple(related))


def unknown_keys(levels: dict, where: Location) -> list[Diagnostic]:
    """A `check:` key that names no rule is reported, with the nearest name as a hint."""
    found = []
    for key in levels:
        if rule_for(str(key)) is None:
            guess = difflib.get_close_matches(str(key), [*BY_NAME, *BY_CODE], n=1)
            hint = f"did you mean '{guess[0]}'?" if guess else "see `narrative check --list`"
            found.append(warning("S001", f"check: unknown rule '{key}'", where, hint=hint))
    return found


def level_for(code: str, *levels: dict) -> str | None:
    """The last setting that names this rule by code or name, from the given settings in order."""
    rule = BY_CODE[code]
    chosen = None
    for table in levels:
        for key, value in table.items():
            if rule_for(str(key)) is rule:
                chosen = value
    return chosen

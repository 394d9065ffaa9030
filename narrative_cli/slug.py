"""The documented rule that turns a name into an id.

Lowercase; accents and other letters transliterated to ASCII (É -> e, ß -> ss,
Ø -> o); every run of other characters becomes one hyphen; no leading or
trailing hyphen; at most 64 characters, cut at a word boundary.
"Bob Baker" -> bob-baker, "Élodie d'Arc" -> elodie-d-arc.
"""

from __future__ import annotations

from narrative_cli.errors import UsageError
from narrative_cli.model.common import is_valid_id


def slugify(name: str) -> str:
    from slugify import slugify as _slugify

    return _slugify(name, max_length=64, word_boundary=True, save_order=True)


def id_for(name: str, explicit: str | None = None) -> str:
    """The id for a new file: `explicit` if given (checked), else the slug of `name`."""
    ident = explicit if explicit is not None else slugify(name)
    if not ident or not is_valid_id(ident):
        if explicit is not None:
            raise UsageError(f"invalid id '{explicit}'",
                             hint="ids are lowercase letters, digits and hyphens, at most 64 characters")
        raise UsageError(f"cannot make an id from '{name}'", hint="give one with --id, e.g. --id the-stranger")
    return ident

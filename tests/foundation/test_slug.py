"""The documented name -> id rule (docs/diagnostics.md, README)."""

from __future__ import annotations

import pytest

from narrative_cli.errors import UsageError
from narrative_cli.slug import id_for, slugify


@pytest.mark.parametrize("name, ident", [
    ("Bob Baker", "bob-baker"), ("Élodie d'Arc", "elodie-d-arc"), ("Straße", "strasse"),
    ("Øresund Łódź", "oresund-lodz"), ("  --Old   Man--  ", "old-man"), ("Agent 47", "agent-47"),
    ("Captain O'Neil-Smith", "captain-o-neil-smith"), ("ÆTHER", "aether"),
    ("a " * 50, ("a-" * 32)[:63]),
])
def test_slug_rule(name, ident):
    assert slugify(name) == ident
    assert len(slugify(name)) <= 64


def test_long_names_are_cut_at_a_word_boundary():
    ident = slugify("The Very Long Name Of The Harbor Master Who Put Out The Light On The Night")
    assert ident == "the-very-long-name-of-the-harbor-master-who-put-out-the-light-on"
    assert len(ident) <= 64


@pytest.mark.parametrize("name", ["???", "", "日本"])
def test_names_without_latin_letters_need_an_explicit_id(name):
    if slugify(name):
        assert id_for(name) == slugify(name)
        return
    with pytest.raises(UsageError) as caught:
        id_for(name)
    assert caught.value.message == f"cannot make an id from '{name}'"


def test_explicit_id_is_checked():
    assert id_for("Anything", "the-stranger") == "the-stranger"
    with pytest.raises(UsageError):
        id_for("Anything", "The Stranger")

"""S1xx life and S2xx presence: each rule has a case that must fire and a near miss that must not."""

from __future__ import annotations

BODY = "Elena Voss walked along the harbor with Tomas Reyes. Port Verrin was grey.\n"


def card(**fields):
    base = {"pov": "elena-voss", "participants": ["elena-voss", "tomas-reyes"], "location": "harbor"}
    base.update(fields)
    return base


def dead_reyes(**fields):
    return {"characters/tomas-reyes": {"name": "Tomas Reyes", "aliases": ["Reyes"], "status": "dead", **fields}}


def test_dead_character_appears_fires_with_both_sides(story):
    found = story(canon=dead_reyes(died="312-04-01"),
                  scenes={"01-a/01-one": (card(when="312-04-05"), BODY)})
    assert found.text() == (
        "manuscript/01-a/01-one.md:5:5: error S101: Tomas Reyes takes part here, but died on 312-04-01 (died)"
        " [dead-character-appears]\n"
        "  see: canon/characters/tomas-reyes.yaml:5:1\n"
        "  hint: mark the scene `flashback: true` with an earlier `when`, or fix the death")


def test_dead_character_earlier_scene_or_same_day_is_fine(story):
    found = story(canon=dead_reyes(died="312-04-05"),
                  scenes={"01-a/01-one": (card(when="312-04-01"), BODY),
                          "01-a/02-two": (card(when="312-04-05"), BODY)})
    assert "S101" not in found.codes


def test_death_by_event_consequence_and_inherited_when(story):
    event = {"events/the-wreck": {"name": "The Wreck", "when": "312-04-02",
                                  "consequences": [{"entity": "tomas-reyes", "change": {"status": "dead"}}]}}
    canon = {**event, **dead_reyes()}
    found = story(canon=canon, scenes={"01-a/01-one": (card(when="312-04-03"), BODY),
                                       "01-a/02-two": (card(pov="tomas-reyes"), BODY)})
    assert [(d.location.path, d.related[0].path) for d in found.only("S101")] == [
        ("manuscript/01-a/01-one.md", "canon/events/the-wreck.yaml"),
        ("manuscript/01-a/02-two.md", "canon/events/the-wreck.yaml")]
    assert "holds the POV" in found.only("S101")[1].message


def test_flashback_before_death_is_fine(story):
    found = story(canon=dead_reyes(died="312-04-02"),
                  scenes={"01-a/01-one": (card(when="312-04-05", participants=["elena-voss"]), "Elena Voss at Port Verrin.\n"),
                          "01-a/02-two": (card(when="312-03-01", flashback=True), BODY)})
    assert "S101" not in found.codes


def test_dead_character_speaks(story):
    body = "Elena Voss stood in Port Verrin.\n\n\"Go home,\" said Reyes.\n"
    found = story(canon=dead_reyes(died="312-04-01"),
                  scenes={"01-a/01-one": (card(when="312-04-05", participants=["elena-voss"]), body)})
    assert [(d.code, d.location.line, d.location.column) for d in found.only("S102")] == [("S102", 10, 1)]


def test_dead_character_remembered_in_past_perfect_does_not_speak(story):
    body = "Elena Voss stood in Port Verrin.\n\n\"Go home,\" Reyes had said, once.\n"
    found = story(canon=dead_reyes(died="312-04-01"),
                  scenes={"01-a/01-one": (card(when="312-04-05", participants=["elena-voss"]), body)})
    assert "S102" not in found.codes


def test_unborn_character(story):
    canon = {"characters/tomas-reyes": {"name": "Tomas Reyes", "aliases": ["Reyes"], "born": "320-01-01"}}
    assert "S103" in story(canon=canon, scenes={"01-a/01-one": (card(when="312-04-05"), BODY)}).codes
    assert "S103" not in story(canon=canon, scenes={"01-a/01-one": (card(when="321-04-05"), BODY)}).codes


def test_character_in_two_places(story):
    found = story(scenes={"01-a/01-one": (card(when="312-04-05"), BODY),
                          "02-b/01-two": (card(when="312-04-05", location="greywell"), BODY + "Greywell.\n")})
    assert [d.message for d in found.only("S201")][:1] == [
        "Elena Voss is at Greywell on 312-04-05 (scene 02-01) and at Port Verrin at the same `when` (scene 01-01)"
        " [character-in-two-places]"]
    assert found.only("S201")[0].related[0].path == "manuscript/01-a/01-one.md"


def test_nested_places_or_other_times_are_fine(story):
    canon = {"locations/quay": {"name": "the Quay", "parent": "harbor"}}
    found = story(canon=canon, scenes={"01-a/01-one": (card(when="312-04-05"), BODY),
                                       "01-a/02-two": (card(when="312-04-05", location="quay"), BODY + "the Quay\n"),
                                       "01-a/03-three": (card(when="312-04-06", location="greywell"), BODY + "Greywell\n")})
    assert "S201" not in found.codes


def _giving(owner_a, owner_b, when_b="312-04-05"):
    return {
        "items/ledger": {"name": "The Ledger", "owner": owner_b},
        "events/gift-a": {"name": "Gift A", "when": "312-04-05",
                          "consequences": [{"entity": "ledger", "change": {"owner": owner_a}}]},
        "events/gift-b": {"name": "Gift B", "when": when_b,
                          "consequences": [{"entity": "ledger", "change": {"owner": owner_b}}]},
    }


def test_item_two_owners_at_once(story):
    found = story(canon=_giving("elena-voss", "tomas-reyes"))
    assert [d.location.path for d in found.only("S202")] == ["canon/events/gift-b.yaml"]
    assert found.only("S202")[0].related[0].path == "canon/events/gift-a.yaml"


def test_item_changing_hands_on_different_days_is_fine(story):
    found = story(canon=_giving("elena-voss", "tomas-reyes", when_b="312-04-06"))
    assert "S202" not in found.codes and "S203" not in found.codes


def test_consequence_contradicted_by_canon(story):
    found = story(canon=_giving("elena-voss", "tomas-reyes", when_b="312-04-01"))
    assert found.only("S203")[0].format() == (
        "canon/items/ledger.yaml:2:1: error S203: items/ledger has owner: tomas-reyes, but event gift-a set it"
        " to elena-voss on 312-04-05 [consequence-contradicted]\n"
        "  see: canon/events/gift-a.yaml:6:7\n"
        "  hint: set owner: elena-voss in canon/items/ledger.yaml, or change the consequence")


def test_dead_character_in_a_later_event(story):
    canon = {**dead_reyes(died="312-04-01"),
             "events/feast": {"name": "Feast", "when": "312-05-01", "participants": ["tomas-reyes"]},
             "events/earlier": {"name": "Earlier", "when": "312-03-01", "participants": ["tomas-reyes"]}}
    assert [d.location.path for d in story(canon=canon).only("S101")] == ["canon/events/feast.yaml"]


def test_died_date_must_match_the_event_that_kills(story):
    event = {"events/the-wreck": {"name": "The Wreck", "when": "312-04-02",
                                  "consequences": [{"entity": "tomas-reyes", "change": {"status": "dead"}}]}}
    found = story(canon={**event, **dead_reyes(died="312-04-09")})
    assert [d.message for d in found.only("S203")] == [
        "characters/tomas-reyes has died: 312-04-09, but event the-wreck kills them on 312-04-02"
        " [consequence-contradicted]"]
    assert "S203" not in story(canon={**event, **dead_reyes(died="312-04-02")}).codes
    assert "S203" not in story(canon={**event, **dead_reyes(died="the-wreck")}).codes


def test_undated_death_asks_for_a_date(story):
    found = story(canon=dead_reyes(), scenes={"01-a/01-one": (card(when="312-04-05"), BODY)})
    assert [(d.code, d.location.path, d.related[0].path) for d in found.only("S104")] == [
        ("S104", "canon/characters/tomas-reyes.yaml", "manuscript/01-a/01-one.md")]
    assert "S104" not in story(canon=dead_reyes(died="312-04-09"),
                               scenes={"01-a/01-one": (card(when="312-04-05"), BODY)}).codes
    assert "S104" not in story(canon=dead_reyes(), scenes={"01-a/01-one": (card(participants=["elena-voss"]),
                                                                            "Elena Voss at Port Verrin.\n")}).codes


def test_a_dead_character_pinned_as_speaker_speaks_but_a_guess_does_not_count(story):
    pinned = "Elena Voss stood in Port Verrin.\n\n\"Go home.\" <!-- speaker: tomas-reyes -->\n"
    guessed = "\"Go home,\" said Reyes.\n\n\"No,\" said Elena.\n\n\"Go.\"\n"
    scenes = {"01-a/01-one": (card(when="312-04-05", participants=["elena-voss"]), pinned)}
    assert [(d.code, d.location.line) for d in story(canon=dead_reyes(died="312-04-01"), scenes=scenes).only("S102")] \
        == [("S102", 10)]
    found = story(canon=dead_reyes(died="312-04-01"),
                  scenes={"01-a/01-one": (card(when="312-04-05", participants=["elena-voss"]), guessed)})
    assert [d.location.line for d in found.only("S102")] == [8]  # the tag, not the turn (line 12) that is Reyes's too

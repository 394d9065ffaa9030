"""Pairing across revisions: identical text, then same path, then content similarity."""

from __future__ import annotations

from narrative_cli.review.match import Matcher

TEXT_A = "The tide had turned by the time the Marisol reached the quay and the gulls were loud."
TEXT_B = "Greywell sat on its hill like a judge on a bench, and nobody on the road looked up at it."


def pair(old, new):
    matcher = Matcher(lambda item: item[0], lambda item: item[1])
    return [(o and o[0], n and n[0], round(s, 2)) for o, n, s in matcher.pairs(old, new)]


def test_swapped_scenes_pair_by_content():
    assert pair([("01-a", TEXT_A), ("02-b", TEXT_B)], [("01-b", TEXT_B), ("02-a", TEXT_A)]) == [
        ("01-a", "02-a", 1.0), ("02-b", "01-b", 1.0)]


def test_moved_and_edited_scene_pairs_above_the_threshold():
    edited = TEXT_A.replace("were loud", "were very loud")
    assert pair([("01-a", TEXT_A)], [("03-a", edited)]) == [("01-a", "03-a", 0.82)]


def test_unrelated_texts_do_not_pair():
    assert pair([("01-a", TEXT_A)], [("02-b", TEXT_B)]) == [("01-a", None, 0.0), (None, "02-b", 0.0)]


def test_a_rewrite_in_place_stays_paired_by_path():
    assert pair([("01-a", TEXT_A)], [("01-a", TEXT_B)]) == [("01-a", "01-a", 0.0)]


def test_empty_skeletons_pair_by_path_not_by_their_equal_emptiness():
    assert pair([("01-x", ""), ("02-y", "")], [("02-y", ""), ("01-x", "")]) == [
        ("01-x", "01-x", 0.0), ("02-y", "02-y", 0.0)]


def test_identical_copy_prefers_the_same_path():
    assert pair([("01-a", TEXT_A)], [("05-a", TEXT_A), ("01-a", TEXT_A)]) == [
        ("01-a", "01-a", 1.0), (None, "05-a", 0.0)]

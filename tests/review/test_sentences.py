"""Sentences and word diffs: the units an editor reads a change in."""

from __future__ import annotations

from narrative_cli.review.sentences import count_words, sentences
from narrative_cli.review.textdiff import diff_text, word_diff


def test_sentences_survive_rewrapping_and_keep_closing_quotes():
    one = sentences("\"Go,\" said Mr. Reyes. She went.\nThe end?\n\n- item one\n- item two\n")
    two = sentences("\"Go,\" said Mr.\nReyes.\nShe went. The end?\n\n- item one\n- item two\n")
    assert one == two == ["\"Go,\" said Mr. Reyes.", "She went.", "The end?", "- item one", "- item two"]


def test_count_words():
    assert count_words("I don't eat cod -- salt-road *Marisol*, 40 barrels.") == 8


def test_word_diff_marks_words_and_punctuation():
    assert word_diff("She counted twice, didn't she?", "She counted three times, didn't she!") == [
        ("=", "She counted "), ("-", "twice"), ("+", "three times"), ("=", ", didn't she"), ("-", "?"), ("+", "!")]


def test_replaced_sentences_pair_by_similarity_else_add_and_remove():
    diff = diff_text("A cat sat on the mat. The sky was grey.", "A cat sat on the red mat. Nobody came home.")
    assert [(c.kind, c.old, c.new) for c in diff.changes] == [
        ("changed", "A cat sat on the mat.", "A cat sat on the red mat."),
        ("removed", "The sky was grey.", None), ("added", None, "Nobody came home.")]
    assert (diff.words_added, diff.words_removed) == (4, 4)

"""The one word counter shared by export, stats and review."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from narrative_cli.wordcount import count_words


def test_whitespace_words_without_lone_punctuation():
    assert count_words("I don't eat cod -- salt-road, 40 barrels.") == 7
    assert count_words("") == 0 and count_words(" \u2014 ") == 0


def test_each_han_kana_and_hangul_character_is_a_word():
    assert count_words("潮が変わった。") == 6
    assert count_words("港のタール、「二度」。") == 7
    assert count_words("他说：“你好。”") == 4
    assert count_words("안녕 세계") == 4
    assert count_words("Elena は *Marisol* に乗った") == 2 + 5  # mixed scripts
    assert count_words("مرحبا بالعالم") == 2  # Arabic is spaced like English


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=" \t\n\u00a0\u2003\x1cab9_-—*.,“’#é", max_size=40))
def test_counts_the_tokens_that_hold_a_word_character(text):
    """The definition, spelled out slowly: the fast regexes must agree with it on any text."""
    assert count_words(text) == sum(1 for token in text.split() if re.search(r"\w", token))

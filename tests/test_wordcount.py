"""The one word counter shared by export, stats and review."""

from __future__ import annotations

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

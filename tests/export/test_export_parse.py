"""Scene Markdown -> Manuscript blocks, both the fast path and the full parse."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from narrative_cli.export.model import BR, EM, STRONG, Break, ListBlock, Para, Quote
from narrative_cli.export.parse import SceneParser
from tests.export.helpers import FEATURES


def parse(body: str, smart: bool = True):
    return SceneParser("en", smart).parse(body)


def test_plain_paragraphs_join_soft_breaks_and_count_words():
    blocks, words = parse("The tide had turned\nby the time.\n\nElena counted.\n")
    assert blocks == [Para([("The tide had turned by the time.", 0)]), Para([("Elena counted.", 0)])]
    assert words == 9


def test_emphasis_strong_and_both():
    blocks, _ = parse("a *b* **c** ***d*** e\n")
    assert blocks == [Para([("a ", 0), ("b", EM), (" ", 0), ("c", STRONG), (" ", 0), ("d", EM | STRONG),
                            (" e", 0)])]


def test_every_feature():
    blocks, words = parse(FEATURES)
    kinds = [type(b).__name__ for b in blocks]
    assert kinds == ["Para", "Para", "Quote", "ListBlock", "ListBlock", "Break", "Para", "Para", "Para", "Para",
                     "Para", "Para", "Para"]
    assert blocks[1].runs == [("\u201cShe said, \u2018no\u2019 to him,\u201d Reyes answered. "
                               "Elena\u2019s crate & the <harbor> master.", 0)]
    quote = blocks[2]
    assert isinstance(quote, Quote) and isinstance(quote.blocks[1], Quote)
    assert quote.blocks[0].runs == [("A quoted letter, ", 0), ("emphasised", EM), (", on two lines.", 0)]
    bullets, numbers = blocks[3], blocks[4]
    assert isinstance(bullets, ListBlock) and not bullets.ordered and len(bullets.items) == 2
    assert isinstance(bullets.items[1][1], ListBlock)
    assert numbers.ordered and numbers.start == 3 and len(numbers.items) == 2
    assert isinstance(blocks[5], Break)
    assert blocks[6].runs == [("A line with a hard break", 0), ("", BR), ("and a backslash break", 0), ("", BR),
                              ("and the end.", 0)]
    assert blocks[7].runs == [("A heading inside the prose", STRONG)]
    assert blocks[8].runs == [("indented code keeps its lines", 0), ("", BR), ("like this", 0)]
    assert blocks[10].runs == [("An image the map and a link and code.", 0)]
    assert blocks[11].runs == [("\u201cA speech that runs on.", 0)]
    assert words == 89


def test_smart_typography_off_keeps_straight_text():
    blocks, _ = parse('"Hi" -- it\'s...\n', smart=False)
    assert blocks == [Para([('"Hi" -- it\'s...', 0)])]


def test_control_characters_are_dropped():
    blocks, _ = parse("bell\x07 and form\x0cfeed\n")
    assert blocks == [Para([("bell and formfeed", 0)])]


prose = st.lists(st.text(alphabet="ab xy'\"*_.,!?;:()-\n\t&[]`<>\\\u00a0\u201c\u201d\u2014\u2013\u2026\u00e919#=~+",
                         min_size=1, max_size=40), min_size=1, max_size=5)
emphasis_prose = st.lists(st.text(alphabet="ab *'\".,!?-()\u2014\u2026\u00a0\n", min_size=1, max_size=30),
                          min_size=1, max_size=3)


def assert_fast_path_equals_full_parse(chunks: list[str], smart: bool = True) -> None:
    body = "\n\n".join(chunks)
    parser = SceneParser("en", smart)
    assert parser.parse(body)[0] == parser._full(body)


@settings(max_examples=150, deadline=None)
@given(prose)
def test_fast_path_equals_full_parse(chunks):
    assert_fast_path_equals_full_parse(chunks)


# Lines that open with every character a block construct can start with, and near misses
# (`_word_`, `#hashtag`, `1984`, `-word`) that the fast path must take for plain text.
LINE_STARTS = ["", " ", "   ", "    ", "\t", "#", "# ", "##", "-", "- ", "--", "---", "*", "* ", "***", "* * *",
               "_", "___", "_ _ _", "=", "==", "1.", "1. ", "2)", "1984", "+", "+ ", ">", "<", "[", "[a]: ",
               "```", "~~~", "`", "~"]
line = st.tuples(st.sampled_from(LINE_STARTS), st.text(alphabet="ab x'\"*_.,-`<>\\#=19", max_size=15))
line_prose = st.lists(st.lists(line.map("".join), min_size=1, max_size=4).map("\n".join), min_size=1, max_size=4)


@settings(max_examples=400, deadline=None)
@given(line_prose)
def test_fast_path_equals_full_parse_at_line_starts(chunks):
    assert_fast_path_equals_full_parse(chunks)


# Block quotes: markers with and without the space, nested, indented (up to four spaces), with a
# tab, lazy continuation lines, empty quoted lines, and what may follow a marker.
QUOTE_STARTS = ["> ", ">", "> > ", ">> ", " > ", "   > ", "    > ", ">\t", "> \t", ">  ", "", "> - ", "> # ",
                "> >", ">     ", "> 1. "]
quote_line = st.tuples(st.sampled_from(QUOTE_STARTS), st.text(alphabet="ab x'\"*_.-", max_size=12))
quote_prose = st.lists(st.lists(quote_line.map("".join), min_size=1, max_size=5).map("\n".join),
                       min_size=1, max_size=4)


@settings(max_examples=500, deadline=None)
@given(quote_prose)
def test_fast_path_equals_full_parse_for_block_quotes(chunks):
    assert_fast_path_equals_full_parse(chunks)


def test_quoted_letters_take_the_fast_path_deep_nesting_the_full_parse():
    parser = SceneParser("en", True)
    letter = "Dear Elena,\n\n> The *tide* turned.\n> It was late.\n>\n> > Yours, R.\n\nShe folded it.\n"
    assert parser._blocks(letter) == [
        Para([("Dear Elena,", 0)]),
        Quote([Para([("The ", 0), ("tide", EM), (" turned. It was late.", 0)]), Quote([Para([("Yours, R.", 0)])])]),
        Para([("She folded it.", 0)])]
    assert parser._md is None  # markdown-it was never needed
    assert parser._blocks("> - a list in a quote\n") is None
    assert parser._blocks("> lazy\ncontinuation\n") is None
    deep = ">" * 40 + " bottom\n"
    assert parser._blocks(deep) is None
    assert parser.parse(deep)[0] == parser._full(deep)


@settings(max_examples=300, deadline=None)
@given(emphasis_prose)
def test_simple_emphasis_path_equals_full_parse(chunks):
    assert_fast_path_equals_full_parse(chunks, smart=False)


def test_markdown_writer_round_trips_every_feature():
    """What md.py writes parses back to the same blocks (typography already applied)."""
    from narrative_cli.export.md import _blocks

    blocks, _ = parse(FEATURES)
    lines: list[str] = []
    _blocks(blocks, lines, "")
    again, _ = parse("\n".join(lines), smart=False)
    assert again == blocks

"""The shared smart-typography step."""

from __future__ import annotations

from narrative_cli.export.model import BR, EM, STRONG
from narrative_cli.export.typography import Typographer


def smart(text: str, language: str = "en") -> str:
    return Typographer(language).text(text)


def test_double_and_single_quotes_curl():
    assert smart('"Hello," she said.') == "\u201cHello,\u201d she said."
    assert smart("'Go,' he said.") == "\u2018Go,\u2019 he said."


def test_apostrophes_inside_and_before_words():
    assert smart("it's Elena's crate") == "it\u2019s Elena\u2019s crate"
    assert smart("back in the '90s, 'tis true") == "back in the \u201990s, \u2019tis true"


def test_nested_quotes():
    assert smart("\"She said, 'no' to him.\"") == "\u201cShe said, \u2018no\u2019 to him.\u201d"


def test_dashes_and_ellipses():
    assert smart("dawn---all of them -- and then...") == "dawn\u2014all of them \u2013 and then\u2026"


def test_unclosed_quote_of_multi_paragraph_dialogue_opens():
    assert smart('"A speech that runs on.') == "\u201cA speech that runs on."
    assert smart('the end."') == "the end.\u201d"


def test_quotes_pair_across_emphasis_runs():
    typo = Typographer("en")
    runs = typo.runs([('"', 0), ("Marisol", EM), ('"', 0)])
    assert runs == [("\u201c", 0), ("Marisol", EM), ("\u201d", 0)]


def test_hard_break_is_kept():
    typo = Typographer("en")
    assert typo.runs([("one", 0), ("", BR), ("two", 0)]) == [("one", 0), ("", BR), ("two", 0)]


def test_language_quotes():
    assert smart('"Hallo"', "de") == "\u201eHallo\u201c"
    assert smart('"Bonjour"', "fr-CA") == "\u00ab\u00a0Bonjour\u00a0\u00bb"
    assert smart('"Hi"', "xx") == "\u201cHi\u201d"
    assert smart('"مرحبا" قال', "ar-EG") == "\u201dمرحبا\u201c قال"


def test_french_spaces_before_high_marks_and_inside_guillemets_do_not_break():
    # a plain space would let a line start with `!` or `»` in the e-reader
    assert smart('Il a dit : "Bonjour" ! Vraiment ?', "fr") == (
        "Il a dit\u00a0: \u00ab\u00a0Bonjour\u00a0\u00bb\u202f! Vraiment\u202f?")
    assert smart("« Salut » ; à 10:30, voir http://a.fr?x", "fr-CA") == (
        "\u00ab\u00a0Salut\u00a0\u00bb\u202f; \u00e0 10:30, voir http://a.fr?x")  # nothing added where no space was typed
    assert smart("Wait ! Now : yes", "en") == "Wait ! Now : yes"


def test_chinese_and_japanese_keep_straight_quotes_korean_curls():
    # without spaces the pairing would close both quotes: 彼は”二度”; writers type 「」 or “” themselves
    assert smart('彼は"二度"と言った...', "ja") == '彼は"二度"と言った\u2026'
    assert smart("他说\"你好\"--然后", "zh-Hans") == "他说\"你好\"\u2013然后"
    assert smart('"안녕" 그가 말했다', "ko") == "\u201c안녕\u201d 그가 말했다"


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

runs_strategy = st.lists(st.tuples(st.text(alphabet="ab '\"_.,!-1\u00e9", max_size=12), st.sampled_from([0, EM])),
                         min_size=1, max_size=4)


@settings(max_examples=300, deadline=None)
@given(runs_strategy)
def test_in_word_apostrophe_shortcut_changes_nothing(runs):
    import re

    import narrative_cli.export.typography as typography

    fast = Typographer("en").runs(list(runs))
    saved = typography.INWORD_APOSTROPHE
    typography.INWORD_APOSTROPHE = re.compile(r"(?!x)x")  # never matches: the plain algorithm
    try:
        slow = Typographer("en").runs(list(runs))
    finally:
        typography.INWORD_APOSTROPHE = saved
    assert fast == slow


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="a -.\u2014", max_size=20), st.sampled_from(["en", "em"]))
def test_dashes_and_ellipses_read_as_one_left_to_right_pass(text, dashes):
    """The definition: `---|--|...` matched left to right, longest first."""
    import re

    double = "\u2014" if dashes == "em" else "\u2013"
    expected = re.sub(r"---|--|\.\.\.", lambda m: {"---": "\u2014", "--": double, "...": "\u2026"}[m.group(0)], text)
    assert Typographer("en", dashes).text(text) == expected


# Marks anywhere (the library must decide the odd cases) and dialogue-shaped text, where about
# a quarter of the examples take the shortcut.
marks_anywhere = st.text(alphabet=st.sampled_from(list('ab "\u00a0\u2009.,!?-(\u2014\u00bb19')), max_size=14)
phrase = st.builds(lambda oc, w, p: ('"' if oc[0] else "") + w + p + ('"' if oc[1] else ""),
                   st.sampled_from([(True, True), (True, True), (False, False), (True, False), (False, True)]),
                   st.sampled_from(["a", "ab b", "1", "(a", "a\u2014b", "\u00bb"]),
                   st.sampled_from(["", ",", ".", "!", "?", "\u2026"]))
dialogue = st.lists(st.tuples(phrase, st.sampled_from([" ", " ", " ", " ", "\u00a0", "\u2009", ""])),
                    max_size=5).map(lambda xs: "".join(a + b for a, b in xs))
doubles_strategy = st.lists(st.tuples(st.one_of(marks_anywhere, dialogue), st.sampled_from([0, EM, STRONG, EM | STRONG])),
                            min_size=1, max_size=4)


@settings(max_examples=1000, deadline=None)
@given(doubles_strategy, st.sampled_from(["en", "fr", "de", "ar"]))
def test_plain_double_quotes_curl_as_markdown_it_pairs_them(runs, language):
    """The shortcut for dialogue is held to markdown-it's pairing (plus the leftover rule)."""
    import narrative_cli.export.typography as typography

    fast = Typographer(language).runs(list(runs))
    saved = typography._plain_doubles
    typography._plain_doubles = lambda runs, quotes: None  # always the library's pairing
    try:
        slow = Typographer(language).runs(list(runs))
    finally:
        typography._plain_doubles = saved
    assert fast == slow


def test_plain_dialogue_takes_the_shortcut_and_the_rest_does_not():
    from narrative_cli.export.typography import _plain_doubles

    quotes = ("\u201c", "\u201d", "\u2018", "\u2019")
    assert _plain_doubles([('"Go home," he said. "Now."', 0)], quotes) == [
        ("\u201cGo home,\u201d he said. \u201cNow.\u201d", 0)]
    assert _plain_doubles([('"It is ', 0), ("yours", EM), ('," she said. "Keep', 0)], quotes) == [
        ("\u201cIt is ", 0), ("yours", EM), (",\u201d she said. \u201cKeep", 0)]
    assert _plain_doubles([('"Well," said she;\u2013"well\u2013and\u2013and"!', 0)], quotes) == [
        ("\u201cWell,\u201d said she;\u2013\u201cwell\u2013and\u2013and\u201d!", 0)]
    assert _plain_doubles([('"A speech that runs on', 0)], quotes) == [("\u201cA speech that runs on", 0)]
    assert _plain_doubles([("'Go,' he said.", 0)], quotes) is None  # single quotes: the library
    assert _plain_doubles([('the end."', 0)], quotes) is None  # closes nothing opened here
    assert _plain_doubles([('he said,"go', 0)], quotes) is None  # left open after a comma: the leftover rule
    assert _plain_doubles([('a 12"" b', 0)], quotes) is None  # marks side by side (the 1"" inch case)

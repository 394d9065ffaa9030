"""The prose layer: source lines, sentences, quotes, speakers, mentions, tense and person."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from narrative_cli.prose.estimate import estimate
from narrative_cli.prose.text import paragraphs, sentences
from narrative_cli.store.project import load_project
from tests.story.conftest import write_project

CARD = {"pov": "elena-voss", "participants": ["elena-voss", "tomas-reyes"], "location": "harbor"}


def test_paragraph_lines_and_columns_follow_the_source():
    body = "First line.\n\n> Quoted *line*\n> goes on.\n\n- an item\n\n```\ncode is not prose\n```\n\nLast.\n"
    found = paragraphs(body, body_line=7)
    assert [(p.kind, p.line, p.text) for p in found] == [
        ("paragraph", 7, "First line."), ("quote", 9, "Quoted *line*\ngoes on."),
        ("item", 12, "an item"), ("paragraph", 18, "Last.")]
    assert found[1].where(found[1].text.index("goes")) == (10, 3)


@given(st.lists(st.text(alphabet="ab \n", max_size=12), min_size=1, max_size=6), st.data())
@settings(max_examples=200, deadline=None)
def test_where_maps_every_offset_to_its_line_and_column(lines, data):
    """`where` finds the line by bisection (it counted line breaks before every quote mark: quadratic);
    the result is what counting gives, for every offset, first line's column shift included."""
    from narrative_cli.prose.text import Paragraph

    text = "\n".join(lines)
    columns = data.draw(st.lists(st.integers(1, 9), min_size=text.count("\n") + 1, max_size=text.count("\n") + 1))
    paragraph = Paragraph(0, text, 7, "paragraph", columns)
    for offset in range(len(text) + 1):
        row = text[:offset].count("\n")
        start = text[:offset].rfind("\n") + 1
        assert paragraph.where(offset) == (7 + row, columns[row] + offset - start)


def test_sentences_keep_quotes_and_skip_abbreviations():
    para = paragraphs("\"Go!\" She left. Mr. Reyes stayed... until noon. It was no. Fine.\n")[0]
    assert [s.text for s in sentences(para)] == [
        "\"Go!\"", "She left.", "Mr. Reyes stayed... until noon.", "It was no.", "Fine."]


def _speakers(tmp_path, body: str, card: dict = CARD) -> list[tuple[str | None, str | None]]:
    from narrative_cli.prose import ProseIndex

    root = write_project(tmp_path / "p", scenes={"01-a/01-s": (card, body)})
    project = load_project(root)
    prose = ProseIndex(project).scene(next(project.all_scenes()))
    return [(q.speaker and q.speaker.split("/")[1], q.how) for q in prose.quotes]


def test_tags_after_and_before_quotes_and_aliases(tmp_path):
    body = ("\"One,\" said Elena.\n\n\"Two,\" Reyes said quietly.\n\n"
            "Tomas Reyes said, \"Three.\"\n\n\"Four?\" Elena asked. \"Five.\"\n")
    assert _speakers(tmp_path, body) == [
        ("elena-voss", "tag"), ("tomas-reyes", "tag"), ("tomas-reyes", "tag"),
        ("elena-voss", "tag"), ("elena-voss", "paragraph")]


def test_pronoun_tags_resolve_only_when_unambiguous(tmp_path):
    body = "Elena Voss watched the harbor.\n\n\"Late,\" she said.\n\n\"Later,\" he said.\n"
    assert _speakers(tmp_path, body) == [("elena-voss", "pronoun"), ("tomas-reyes", "pronoun")]
    canon_less = {"pov": "elena-voss", "participants": ["elena-voss", "ines"]}
    root_body = "Elena Voss and Ines walked.\n\n\"Late,\" she said.\n"
    from narrative_cli.prose import ProseIndex

    root = write_project(tmp_path / "q", canon={"characters/ines": {"name": "Ines", "custom": {"pronouns": "she"}}},
                         scenes={"01-a/01-s": (canon_less, root_body)})
    project = load_project(root)
    assert [q.speaker for q in ProseIndex(project).scene(next(project.all_scenes())).quotes] == [None]


def test_beats_turns_and_memories(tmp_path):
    body = ("Reyes crouched. \"Where is she?\"\n\n\"Gone,\" said Elena.\n\n\"Where?\"\n\n\"North.\"\n\n"
            "\"Go home,\" Reyes had said, long ago.\n")
    assert _speakers(tmp_path, body) == [
        ("tomas-reyes", "beat"), ("elena-voss", "tag"), ("tomas-reyes", "turn"), ("elena-voss", "turn"),
        ("tomas-reyes", "beat")]


def test_first_person_narrator_is_the_pov(tmp_path):
    body = ("I walked to the harbor. I was cold and my hands shook and I did not care. " * 4
            + "\n\n\"No,\" I said.\n\n\"Yes,\" said Reyes.\n")
    assert _speakers(tmp_path, body) == [("elena-voss", "pov"), ("tomas-reyes", "tag")]


def test_estimates_tense_and_person():
    past = estimate("She walked to the harbor. He was tired and she was cold. She looked away. " * 3)
    present = estimate("She walks to the harbor. He is tired and she is cold. She looks away. " * 3)
    first = estimate("I walked to the harbor and I was cold. My hands shook. " * 8)
    assert (past.tense, present.tense, first.person, past.person) == ("past", "present", "first", None)
    assert estimate("Short.").tense is None


def test_mentions_have_positions(tmp_path):
    from narrative_cli.prose import ProseIndex

    root = write_project(tmp_path / "m", scenes={"01-a/01-s": (CARD, "At Port Verrin, Elena's boat.\n")})
    project = load_project(root)
    prose = ProseIndex(project).scene(next(project.all_scenes()))
    assert [(m.term, m.ref, m.where) for m in prose.mentions] == [
        ("Port Verrin", "locations/harbor", (8, 4)), ("Elena", "characters/elena-voss", (8, 17))]
    assert Path(root, "manuscript/01-a/01-s.md").read_text().splitlines()[7] == "At Port Verrin, Elena's boat."


def test_unknown_speakers_stop_guesses(tmp_path):
    body = ("\"One,\" said Elena.\n\n\"Two,\" said Reyes.\n\n\"Three,\" said Fitzwilliam.\n\n"
            "Mrs. Gardiner frowned at Elena Voss. \"Four,\" said she.\n")
    assert _speakers(tmp_path, body) == [
        ("elena-voss", "tag"), ("tomas-reyes", "tag"), (None, None), (None, None)]


def test_a_beat_is_the_first_subject_next_to_the_speech(tmp_path):
    body = "He looked at Elena for a long time. \"Well?\"\n\nElena turned to Reyes. \"Go.\"\n"
    assert _speakers(tmp_path, body) == [("tomas-reyes", "beat"), ("elena-voss", "beat")]


def test_unnamed_people_compete_for_pronouns_but_descriptions_do_not(tmp_path):
    stranger = "Elena Voss sat at the harbor. A man in a brown coat sat down.\n\n\"Lost?\" he said.\n"
    described = "Reyes frowned; he was a man who hated hurry.\n\n\"Lost?\" he said.\n"
    assert _speakers(tmp_path / "a", stranger) == [(None, None)]
    assert _speakers(tmp_path / "b", described) == [("tomas-reyes", "pronoun")]


def test_british_single_quotes(tmp_path):
    body = ("‘Don’t go,’ said Elena. ‘It’s late.’\n\n"
            "‘Elena’s right,’ Reyes said. ‘The boat’s gone.’\n")
    assert _speakers(tmp_path, body) == [
        ("elena-voss", "tag"), ("elena-voss", "paragraph"), ("tomas-reyes", "tag"), ("tomas-reyes", "paragraph")]


def test_double_quotes_win_when_present():
    from narrative_cli.prose.dialogue import quote_style, quotes

    assert quote_style("‘Hi,’ she said. ‘Bye.’") == "single"
    assert quote_style("\"Don't,\" she said, ‘quoting’ him.") == "double"
    para = paragraphs("‘Hi,’ she said, ‘it’s me.’\n")[0]
    assert [q.text for q in quotes(para, "single")] == ["Hi,", "it’s me."]


def test_names_in_any_case_are_found_where_ignorecase_finds_them():
    import re
    from types import SimpleNamespace

    from narrative_cli.prose.names import NameIndex

    def record(ref, *names):
        return SimpleNamespace(ref=ref, names=list(names))

    index = NameIndex([record("characters/ines", "Inés Marrow", "Inés"), record("locations/pans", "the White Pans")])
    slow = re.compile(index.pattern.pattern, re.IGNORECASE)
    texts = ["INÉS MARROW met inés at THE white pans; the white pansy was not.",  # the fast path
             "ſome ﬁne İnés and inés, KELVIN at the WHITE PANS",  # characters that force the slow path
             "nobody here", "“Inés,” said the white pans’ keeper—inés’s friend."]
    for text in texts:
        assert list(index.find_any_case(text)) == [m.span() for m in slow.finditer(text)]
    assert list(index.find_any_case(texts[0])) == [(0, 11), (16, 20), (24, 38)]


def test_name_scan_without_look_behind_finds_what_the_full_pattern_finds():
    from types import SimpleNamespace

    from narrative_cli.prose.analysis import Paragraph
    from narrative_cli.prose.names import NameIndex

    index = NameIndex([SimpleNamespace(ref="characters/ines", names=["Ines Marrow", "Ines"]),
                       SimpleNamespace(ref="characters/marrow", names=["Marrow"])])
    text = "XInes Marrow, Ines’ Ines-like Ines Marrow and o’Ines, Marrow."
    found = [(m.start, m.term) for m in index.find(Paragraph(0, text, 1))]
    assert found == [(m.start(), m.group()) for m in index.pattern.finditer(text)]
    assert found == [(6, "Marrow"), (14, "Ines"), (30, "Ines Marrow"), (54, "Marrow")]


def test_a_plural_possessive_inside_british_speech_does_not_end_it():
    from narrative_cli.prose.dialogue import quotes

    def spans(text):
        return [q.text for q in quotes(paragraphs(text + "\n")[0], "single")]

    assert spans("‘Take the boys’ boat,’ she said. ‘It’s late.’") == ["Take the boys’ boat,", "It’s late."]
    assert spans("‘The boys’ boat and the girls’\noars,’ said Elena.") == ["The boys’ boat and the girls’\noars,"]
    # near misses: the s’ closes when the next mark opens a quotation, or when no mark follows
    assert spans("They called them ‘the boys’ and ‘the girls’ for years.") == ["the boys", "the girls"]
    assert spans("They called them ‘the boys’ and left.") == ["the boys"]


def test_possessive_speech_keeps_its_speaker(tmp_path):
    body = "‘Take the boys’ boat,’ said Elena. ‘Now.’\n\n‘The girls’ oars too,’ Reyes said.\n"
    assert _speakers(tmp_path, body) == [
        ("elena-voss", "tag"), ("elena-voss", "paragraph"), ("tomas-reyes", "tag")]


def test_name_trie_matches_what_the_longest_first_alternation_matches():
    import random
    import re

    from narrative_cli.prose.names import alternation

    names = ["Ann", "Anna", "Anna Lee", "Ann-Marie", "Anne", "Lee", "Leeds", "Inés", "Inés Marrow", "the Pans",
             "the Pan", "A", "Ab", "ab c"]
    flat = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    words = names + ["said", "anna", "ANN", "x", "-", "’s", "Leed", "Pans-", " ", ", "]
    rng = random.Random(7)
    # under IGNORECASE the trie is built from the lowered names, as NameIndex does for safe names
    for flags, trie in ((0, alternation(names)), (re.IGNORECASE, alternation(n.lower() for n in names))):
        for template in (r"(?<![\w’'-])(?:{})(?![\w-])", r"(?P<w>{})\s+said"):
            one, two = (re.compile(template.format(body), flags) for body in (flat, trie))
            for _ in range(300):
                text = " ".join(rng.choice(words) for _ in range(8))
                assert [m.span() for m in one.finditer(text)] == [m.span() for m in two.finditer(text)], text
    assert re.fullmatch(alternation(["ab", "abc", "b"]), "abc") and alternation([]) == r"(?!x)x"


def test_a_speech_runs_on_across_an_inset_and_line_head_marks():
    from narrative_cli.prose.analysis import _spans
    from narrative_cli.prose.dialogue import quotes

    body = "\"Read it. I have read worse.\n\n      May its approval beam!\n\nHarriet exactly. Now,\" she said.\n"
    paras = paragraphs(body)
    # the indented verse is read like a block quote (export prints it as prose)
    assert [(p.kind, p.text, p.line, p.after_inset) for p in paras[1:]] == [
        ("quote", "May its approval beam!", 3, True), ("paragraph", "Harriet exactly. Now,\" she said.", 5, True)]
    spans = _spans(paras, "double")
    assert [(q.text, q.closed, q.continued) for q in spans[2]] == [("Harriet exactly. Now,", True, True)]
    verse = paragraphs("   \"Many a flower is born,\n   \"And waste its fragrance.\"\n")[0]
    assert [(q.text, q.closed) for q in quotes(verse)] == [("Many a flower is born,\n   \"And waste its fragrance.", True)]
    wrapped = paragraphs("\"Go,\" he said, \"and\nwait.\" She went.\n")[0]
    assert [q.text for q in quotes(wrapped)] == ["Go,", "and\nwait."]

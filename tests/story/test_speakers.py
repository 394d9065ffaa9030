"""Speaker attribution sieves (narrative_cli/prose/speakers.py), each on short passages of real
public-domain prose (Doyle, Carroll, Dickens, Wells, Stoker, from /work/shared/corpus)."""

from __future__ import annotations

from narrative_cli.store.project import load_project
from tests.story.conftest import write_project

NONE = {"characters/elena-voss": None, "characters/tomas-reyes": None}
HOUND = {**NONE,
         "characters/holmes": {"name": "Sherlock Holmes", "aliases": ["Holmes", "Mr. Holmes"],
                               "custom": {"pronouns": "he/him"}},
         "characters/watson": {"name": "John Watson", "aliases": ["Watson", "Dr. Watson"],
                               "custom": {"pronouns": "he/him"}},
         "characters/mortimer": {"name": "James Mortimer", "aliases": ["Mortimer", "Dr. Mortimer"],
                                 "custom": {"pronouns": "he/him"}}}
ALICE = {**NONE,
         "characters/alice": {"name": "Alice", "custom": {"pronouns": "she/her"}},
         "characters/hatter": {"name": "The Hatter", "aliases": ["Hatter", "the Hatter"],
                               "custom": {"pronouns": "he/him"}},
         "characters/march-hare": {"name": "The March Hare", "aliases": ["March Hare", "the March Hare"],
                                   "custom": {"pronouns": "he/him"}},
         "characters/dormouse": {"name": "The Dormouse", "aliases": ["Dormouse", "the Dormouse"],
                                 "custom": {"pronouns": "he/him"}}}
WATSON_POV = {"pov": "watson"}


def speakers(tmp_path, body: str, canon: dict, card: dict | None = None) -> list[tuple[str | None, str | None]]:
    from narrative_cli.prose import ProseIndex

    root = write_project(tmp_path / "p", canon=canon, scenes={"01-a/01-s": (card or {}, body)})
    project = load_project(root)
    prose = ProseIndex(project).scene(next(project.all_scenes()))
    return [(q.speaker and q.speaker.split("/")[1], q.how) for q in prose.quotes]


def who(tmp_path, body: str, canon: dict, card: dict | None = None) -> list[str | None]:
    return [s for s, _ in speakers(tmp_path, body, canon, card)]


def test_a_named_tag_either_side_and_inside_an_interrupted_quote(tmp_path):
    body = ("“There isn’t any,” said the March Hare.\n\n"
            "“I didn’t know it was *your* table,” said Alice; “it’s laid for a great many more than three.”\n\n"
            "“You might just as well say,” added the Dormouse, who seemed to be talking in his sleep, "
            "“that ‘I breathe when I sleep’ is the same thing as ‘I sleep when I breathe’!”\n")
    assert speakers(tmp_path, body, ALICE) == [
        ("march-hare", "tag"), ("alice", "tag"), ("alice", "paragraph"), ("dormouse", "tag"),
        ("dormouse", "paragraph")]


def test_pronoun_tags_take_the_nearest_character_of_that_gender(tmp_path):
    body = ("Alice looked all round the table, but there was nothing on it but tea. "
            "“I don’t see any wine,” she remarked.\n\n"
            "The Hatter was the first to break the silence. “What day of the month is it?” he said, "
            "turning to Alice.\n")
    assert speakers(tmp_path, body, ALICE) == [("alice", "pronoun"), ("hatter", "pronoun")]


def test_pronouns_learnt_from_the_prose_when_canon_is_silent(tmp_path):
    canon = {**NONE, "characters/lucie": {"name": "Lucie Manette", "aliases": ["Miss Manette"]},
             "characters/lorry": {"name": "Jarvis Lorry", "aliases": ["Mr. Lorry"]}}
    body = ("Miss Manette had taken some refreshment on the road, and she was anxious. "
            "Miss Manette folded her hands in her lap. Miss Manette looked at her gloves.\n\n"
            "Mr. Lorry set down his glass. Mr. Lorry settled his wig at his ears. Mr. Lorry rubbed his chin.\n\n"
            "“I am going to see his Ghost!” she said.\n")
    assert speakers(tmp_path, body, canon) == [("lucie", "pronoun")]


def test_descriptions_resolve_through_aliases_relationships_and_gender(tmp_path):
    canon = {**NONE,
             "characters/young-man": {"name": "The Very Young Man", "custom": {"pronouns": "he"}},
             "characters/lorry": {"name": "Jarvis Lorry", "aliases": ["Mr. Lorry"], "custom": {"pronouns": "he"}},
             "characters/defarge": {"name": "Ernest Defarge", "aliases": ["Monsieur Defarge"],
                                    "custom": {"pronouns": "he"},
                                    "relationships": [{"to": "characters/madame-defarge", "kind": "wife"}]},
             "characters/madame-defarge": {"name": "Madame Defarge", "custom": {"pronouns": "she"}}}
    body = ("“That,” said a very young man, making spasmodic efforts to relight his cigar over the lamp.\n\n"
            "“It is very high,” said Monsieur Defarge, in a stern voice, to Mr. Lorry.\n\n"
            "“Is he alone?” the latter whispered.\n\n"
            "“Alone! God help him, who should be with him!” said the other, in the same low voice.\n\n"
            "Monsieur Defarge turned to the counter. “Hold then!” said his wife.\n")
    assert speakers(tmp_path, body, canon) == [
        ("young-man", "description"), ("defarge", "tag"), ("lorry", "description"),
        ("defarge", "description"), ("madame-defarge", "description")]


def test_two_people_alternate_and_a_vocative_names_who_answers(tmp_path):
    body = ("“Well, Watson, what do you make of it?” said Holmes.\n\n"
            "“I think that Dr. Mortimer is a successful, elderly medical man.”\n\n"
            "“Good! Excellent!”\n\n“Why so?”\n\n“Because this stick has been so knocked about.”\n\n"
            "“Perfectly sound!” said Holmes.\n")
    assert speakers(tmp_path, body, HOUND, WATSON_POV) == [
        ("holmes", "tag"), ("watson", "addressee"), ("holmes", "turn"), ("watson", "turn"), ("holmes", "turn"),
        ("holmes", "tag")]


def test_an_aside_to_a_bystander_does_not_start_an_exchange(tmp_path):
    body = ("There was a thrill in the doctor’s voice which showed that he was himself deeply moved. Holmes "
            "leaned forward in his excitement and his eyes had the hard, dry glitter.\n\n“You saw this?”\n\n“As clearly as I see you.”\n\n"
            "“Excellent! This is a colleague, Watson, after our own heart. But the marks?”\n\n"
            "“He had left his own marks all over that small patch of gravel.”\n\n"
            "Sherlock Holmes struck his hand against his knee with an impatient gesture.\n\n"
            "“If I had only been there!” he cried. “Oh, Dr. Mortimer, to think that you should not have "
            "called me in!”\n\n“I could not call you in, Mr. Holmes.”\n")
    found = who(tmp_path, body, HOUND, WATSON_POV)
    assert found == ["holmes", "mortimer", "holmes", "mortimer", "holmes", "holmes", "mortimer"]


def test_a_conversation_of_three(tmp_path):
    body = ("“Have some wine,” the March Hare said in an encouraging tone.\n\n"
            "Alice looked all round the table. “I don’t see any wine,” she remarked.\n\n"
            "“Your hair wants cutting,” said the Hatter.\n\n"
            "“You should learn not to make personal remarks,” Alice said with some severity.\n\n"
            "The Hatter opened his eyes very wide on hearing this; but all he said was, "
            "“Why is a raven like a writing-desk?”\n\n"
            "The Dormouse shook its head impatiently, and said, without opening its eyes, “Of course.”\n")
    assert who(tmp_path, body, ALICE) == ["march-hare", "alice", "hatter", "alice", "hatter", "dormouse"]


def test_a_speech_over_several_paragraphs_only_the_last_closes(tmp_path):
    body = ("“We quarrelled last March,” said the Hatter. “It was at the great concert given by the Queen.\n\n"
            "“I had to sing a song, and I had hardly finished the first verse.\n\n"
            "“The Queen jumped up and bawled out.”\n\n“How dreadfully savage!” exclaimed Alice.\n")
    assert speakers(tmp_path, body, ALICE) == [
        ("hatter", "tag"), ("hatter", "paragraph"), ("hatter", "continued"), ("hatter", "continued"),
        ("alice", "tag")]


def test_a_speech_broken_off_by_a_dash_is_taken_up_by_the_same_voice(tmp_path):
    canon = {**NONE, "characters/lucie": {"name": "Lucie Manette", "aliases": ["Miss Manette"],
                                          "custom": {"pronouns": "she"}},
             "characters/lorry": {"name": "Jarvis Lorry", "aliases": ["Mr. Lorry"], "custom": {"pronouns": "he"}}}
    body = ("“Pray take a seat, sir,” said Miss Manette.\n\n“I kiss your hand, miss,” said Mr. Lorry.\n\n"
            "“I received a letter from the Bank, sir, informing me that some intelligence⁠—or discovery⁠—”\n\n"
            "“The word is not material, miss; either word will do.”\n\n"
            "“⁠—respecting the small property of my poor father⁠—”\n\n"
            "Mr. Lorry moved in his chair, and cast a troubled look at the ceiling.\n\n"
            "“⁠—rendered it necessary that I should go to Paris.”\n\n“Myself.”\n")
    assert who(tmp_path, body, canon) == ["lucie", "lorry", "lucie", "lorry", "lucie", "lucie", "lorry"]


def test_a_quote_inside_a_quote_is_part_of_the_speech(tmp_path):
    body = ("“I think,” said I, “that Dr. Mortimer is a successful, elderly medical man.”\n\n"
            "“Good!” said Holmes.\n\n“And then again, there is the ‘friends of the C.C.H.’ I should guess "
            "that to be the Something Hunt.”\n\n“Really, Watson, you excel yourself,” said Holmes.\n")
    from narrative_cli.prose import ProseIndex

    root = write_project(tmp_path / "p", canon=HOUND, scenes={"01-a/01-s": (WATSON_POV, body)})
    project = load_project(root)
    quotes = ProseIndex(project).scene(next(project.all_scenes())).quotes
    assert [(q.text[:24], q.speaker and q.speaker.split("/")[1]) for q in quotes][2:] == [
        ("Good!", "holmes"), ("And then again, there is", "watson"), ("Really, Watson, you exce", "holmes")]


def test_tags_and_announcements_before_the_quote(tmp_path):
    canon = {**NONE, "characters/harker": {"name": "Jonathan Harker", "aliases": ["Harker"],
                                           "custom": {"pronouns": "he"}},
             "characters/dracula": {"name": "Count Dracula", "aliases": ["the Count", "Dracula"],
                                    "custom": {"pronouns": "he"}}}
    body = ("I stood in silence where I was, and the Count came forward with the lamp. "
            "The Count bowed in a courtly way as he replied:⁠—\n\n"
            "“I am Dracula; and I bid you welcome, Mr. Harker, to my house.” I protested but he insisted:⁠—\n\n"
            "“Nay, sir, you are my guest.”\n\n"
            "Of course I said all I could about being willing. He answered: “Yes, certainly,” and added:⁠—\n\n"
            "“You may go anywhere you wish in the castle.” I said I was sure of this.\n\n"
            "“But how,” said I, “can it have remained so long undiscovered?”\n")
    assert speakers(tmp_path, body, canon, {"pov": "harker"}) == [
        ("dracula", "beat"), ("dracula", "beat"), ("dracula", "pronoun"), ("dracula", "beat"),
        ("harker", "pov"), ("harker", "pov")]


def test_british_single_quotes_take_turns(tmp_path):
    body = ("‘Don’t go,’ said Elena. ‘It’s late.’\n\n‘Where?’ Reyes said.\n\n‘North.’\n\n‘Why north?’\n")
    assert speakers(tmp_path, body, {}) == [
        ("elena-voss", "tag"), ("elena-voss", "paragraph"), ("tomas-reyes", "tag"), ("elena-voss", "turn"),
        ("tomas-reyes", "turn")]


def test_letters_and_quoted_words_are_not_speech(tmp_path):
    body = ("I picked up the stick. It was a fine, thick piece of wood, of the sort which is known as a "
            "“Penang lawyer.” It bore the date “1884.”\n\n"
            "“Well, Watson, what do you make of it?” said Holmes.\n\n"
            "My dear Watson,\n\n“Come at once if convenient,” I wrote. Yours faithfully, S. H.\n")
    assert speakers(tmp_path, body, HOUND, WATSON_POV) == [
        (None, "not speech"), (None, "not speech"), ("holmes", "tag"), (None, "document")]


def test_documents_read_out_or_signed_are_not_speech(tmp_path):
    body = ("“Good!” said Holmes.\n\n"
            "From my small medical shelf I took down the Medical Directory. I read his record aloud.\n\n"
            "“Mortimer, James, M.R.C.S., 1882, Grimpen, Dartmoor, Devon.”\n\n"
            "On the table lay a note: “I have to be absent for a while. Do not wait for me.⁠—D.”\n\n"
            "“No mention of that local hunt, Watson,” said Holmes.\n\n“‘Very tiresome,’” Watson read.\n\n"
            "“I am capable of enormous tiresomeness.” Holmes looked past him.\n")
    assert speakers(tmp_path, body, HOUND, WATSON_POV) == [
        ("holmes", "tag"), (None, "document"), (None, "document"), ("holmes", "tag"), ("watson", "tag"),
        ("holmes", "beat")]  # `Watson read.` is the tag of his own line, not an announced document


def test_pins_in_a_comment_or_the_card_win_over_every_sieve(tmp_path):
    body = ("“Good!” said Holmes. <!-- speaker: watson -->\n\n"
            "<!-- speaker: mortimer -->\n“Why so?”\n\n"
            "“Perfectly sound!” said Holmes.\n\n“Then I was right.”\n")
    card = {"pov": "watson", "custom": {"speakers": {"Then I was": "mortimer"}}}
    assert speakers(tmp_path, body, HOUND, card) == [
        ("watson", "pin"), ("mortimer", "pin"), ("holmes", "tag"), ("mortimer", "pin")]


def test_a_pin_is_never_printed(tmp_path):
    from narrative_cli.export.build import export

    root = write_project(tmp_path / "p", canon=HOUND, scenes={
        "01-a/01-s": ({"pov": "watson", "status": "final"}, "“Good!” said he. <!-- speaker: holmes -->\n")})
    export(root, "md", flags={"output": root / "book.md"})
    text = (root / "book.md").read_text()
    assert "“Good!” said he." in text and "speaker" not in text and "<!--" not in text


def test_accuracy_on_the_annotated_chapters_does_not_fall():
    """Floors a little under today's figures (dev 93.5%, held-out 91.6%, blind 95.0%): a regression
    in any sieve costs more than the margin. Pooled over 623 hand-annotated quotations."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    from quote_attribution import SETS, report, score

    floors = {"dev": 0.92, "heldout": 0.90, "blind": 0.92}
    every = []
    for name, (folder, books) in SETS.items():
        rows = [row for book in books for row in score(book, folder)]
        found = report(rows)
        assert found["right"] / found["speech"] >= floors[name], (name, found)
        every += rows
    pooled = report(every)
    assert pooled["speech"] >= 600
    assert pooled["named"][0] / pooled["named"][1] >= 0.97
    assert pooled["untagged"][0] / pooled["untagged"][1] >= 0.88

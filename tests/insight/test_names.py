"""Mention finding: sentence starts, titles, clitics, kind evidence."""

from __future__ import annotations

from narrative_cli.insight.names import Scan, scan_paragraph


def _mentions(text: str):
    scan = Scan()
    scan_paragraph(scan, "manuscript/01-a/01-b.md", [(7, text)])
    return scan


def test_sentence_starts_are_marked_and_titles_kept_apart():
    scan = _mentions("She said.” Elena left. “Six,” Elena said. Mr. Darcy came. But Lisk fell. The Right "
                     "Honourable Lady Catherine sat.")
    assert [(m.core, m.title, m.form, m.initial) for m in scan.mentions] == [
        ("Elena", None, "Elena", True),
        ("Six", None, "Six", True),
        ("Elena", None, "Elena", False),
        ("Darcy", "Mr", "Mr. Darcy", False),
        ("Lisk", None, "Lisk", False),  # "But" is a stopword: the name does not start the sentence
        ("Catherine", "Lady", "Right Honourable Lady Catherine", False),
    ]


def test_possessives_and_contractions_are_cut():
    scan = _mentions("I'm sure it was Elena's coat, and Don't was not a name.")
    assert [m.core for m in scan.mentions] == ["Elena"]
    assert scan.lower["sure"] == 1


def test_kind_evidence_from_the_words_around():
    scan = _mentions("\"Go,\" said Marta. They rode to Greywell and onto the Teeth, and the Lantern Guild watched.")
    by_core = {m.core: m for m in scan.mentions}
    assert by_core["Marta"].character == 1
    assert by_core["Greywell"].location == 1
    assert by_core["Teeth"].location == 1
    assert by_core["Lantern Guild"].faction == 2


def test_lines_are_mapped_back_to_the_file():
    scan = Scan()
    scan_paragraph(scan, "p.md", [(10, "Elena walked."), (11, "Then Marta ran.")])
    assert [(m.core, m.line) for m in scan.mentions] == [("Elena", 10), ("Marta", 11)]


def test_dashes_and_a_second_form_of_address_end_a_name():
    # Pride and Prejudice, Emma, Mansfield Park: "--" is a dash, and a title after a name starts another
    scan = _mentions("It was Mr. Darcy--that Mr. Darcy. So Miss Woodhouse Miss Taylor said, at Mansfield Park Mr. "
                     "Crawford was. Anne-Marie came, and the Right Honourable Lady Catherine.")
    assert [m.form for m in scan.mentions] == [
        "Mr. Darcy", "Mr. Darcy", "Miss Woodhouse", "Miss Taylor", "Mansfield Park", "Mr. Crawford",
        "Anne-Marie", "Right Honourable Lady Catherine"]


def test_a_sentence_opening_adjective_is_not_a_title():
    # Emma ch. 26: "Little Henry must remain the heir" is little Henry, not a person called Little Henry
    scan = _mentions("Little Henry must stay. We saw Little Henry and Old Martin. Young Wentworth came.")
    assert [(m.core, m.title, m.form) for m in scan.mentions] == [
        ("Henry", None, "Henry"), ("Henry", "Little", "Little Henry"), ("Martin", "Old", "Old Martin"),
        ("Wentworth", None, "Wentworth")]


def test_ranks_split_a_surname_and_families_are_not_people():
    from narrative_cli.insight.suggest import candidates

    # Persuasion: Admiral Croft and Mrs. Croft are two people; "the Musgroves" is a family
    text = ("We met Admiral Croft. We met Mrs. Croft. We met Admiral Croft. We met Mrs. Croft. "
            "We saw the Musgroves. We saw Musgrove. We saw the Musgroves. We saw Musgrove. We saw Musgrove. "
            "Ask Mrs. Phillips. Ask Mrs. Phillips. Ask Mr. Phillip.")
    scan = _mentions(text)
    assert sorted((c.name, c.count) for c in candidates(scan)) == [
        ("Admiral Croft", 2), ("Mr. Phillip", 1), ("Mrs. Croft", 2), ("Mrs. Phillips", 2), ("Musgrove", 3)]


def test_oaths_feast_days_and_nation_adjectives_are_not_names():
    # Emma, Persuasion, Northanger Abbey: "Heaven knows", "Humph!", "at Michaelmas", "French novels"
    scan = _mentions("Harriet said, Heaven knows, at Michaelmas, that Papa liked French novels. Humph, said "
                     "Mr. English to Harriet.")
    assert [m.form for m in scan.mentions] == ["Harriet", "Mr. English", "Harriet"]


def test_a_place_word_alone_is_no_evidence_of_a_place():
    # Pride and Prejudice: Hill is the Bennets' housekeeper; Box Hill (Emma) is a place
    scan = _mentions("Hill came in with a letter. They all went up Box Hill.")
    by_core = {m.core: m for m in scan.mentions}
    assert (by_core["Hill"].location, by_core["Box Hill"].location) == (0, 1.5)


def test_a_plural_possessive_inside_a_title_keeps_it_whole():
    # Mansfield Park: the play "Lovers' Vows" is not two characters, Lovers and Vows
    scan = _mentions("They chose Lovers' Vows, and Elena's Coat was red; the Bennets' house stood.")
    assert [m.form for m in scan.mentions] == ["Lovers' Vows", "Elena", "Coat", "Bennets"]

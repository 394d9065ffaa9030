"""Building the format-neutral Manuscript (types in model.py) that every writer reads.

Built once from a loaded project: selection (chapters, status), soft-deleted
scenes left out, prose parsed from Markdown, smart typography applied. Writers
never see narrative.yaml or a scene file.
"""

from __future__ import annotations

import re
from typing import Callable

from narrative_cli.export.model import STRONG, Block, Break, MChapter, MPart, MScene, Manuscript, Para

Progress = Callable[[int, int], None]


def build_manuscript(project, options, progress: Progress | None = None) -> Manuscript:
    """The selected part of the book as a Manuscript (the one place prose is parsed)."""
    from narrative_cli.export.labels import chapter_label, labels
    from narrative_cli.export.options import status_rank
    from narrative_cli.export.parse import SceneParser, count_words

    config = project.config
    parser = SceneParser(config.language, options.smart_typography, options.dashes)
    book = _empty(project, parser.inline_text)
    printed = labels(config.language)
    minimum = status_rank(options.status) if options.status else 0
    chosen = _chosen_chapters(project, options.chapters)
    numbered = numbered_titles(c.card.title for c in project.chapters if c.live_scenes and c.card.title)
    total = sum(len(c.live_scenes) for _, c in chosen)
    done = 0
    opens = _parts_opened(project)
    part = None  # a part opened by a chapter that printed nothing yet: it opens the next one printed
    for number, chapter in chosen:
        if chapter.rel in opens:
            part = part_heading(parser.inline_text(opens[chapter.rel]))
        label, title = chapter_heading(parser.inline_text(chapter.title), chapter.card.title is not None,
                                       number, chapter_label(printed, number), numbered)
        scenes, selected = [], False
        for scene in chapter.live_scenes:
            done += 1
            if progress is not None:
                progress(done, total)
            if status_rank(scene.card.status) < minimum:
                continue
            selected = True
            blocks, words = parser.parse(scene.prose)
            if not scenes and blocks and _repeats_heading(blocks[0], number, label, title):
                words -= count_words(blocks[:1])
                blocks = blocks[1:]
            blocks = _without_stray_breaks(blocks)
            if blocks:  # a scene not written yet (a card, notes) prints nothing, not a second break
                scenes.append(MScene(scene.ref, scene.title, blocks, words))
        if selected:
            book.chapters.append(MChapter(number, label, title, scenes, part))
            part = None
    return book


def _parts_opened(project) -> dict[str, str]:
    """Chapter folder -> the part it opens. A part named on a chapter with no live scene (not
    written yet, or all deleted) opens the next chapter that has one, not nothing."""
    opens, pending = {}, None
    for chapter in project.chapters:
        pending = chapter.card.part or pending
        if chapter.live_scenes and pending:
            opens[chapter.rel], pending = pending, None
    return opens


def part_heading(text: str) -> MPart:
    """"Book the First: Recalled to Life" -> label and title; "Part One" is a label alone."""
    plain = " ".join(text.split())
    found = [(plain.find(sep), sep) for sep in (": ", " — ", " – ", ". ") if 0 < plain.find(sep) < len(plain) - len(sep)]
    if not found:
        return MPart(plain, "")
    at, sep = min(found)  # the earliest: "Part One. The Road: Home" is "Part One" / "The Road: Home"
    return MPart(plain[:at], plain[at + len(sep):])


def _repeats_heading(block: Block, number: int, label: str, title: str) -> bool:
    """A chapter's first scene opening with its own heading (`# Chapter 3`, `## The Road`, as in a
    manuscript kept one file per chapter): under the printed chapter heading it would read twice."""
    if not isinstance(block, Para) or not all(f & STRONG for t, f in block.runs if t):
        return False
    text = " ".join("".join(t for t, _ in block.runs).split()).rstrip(".").casefold()
    said = {f"{label}: {title}", f"{label} {title}", f"{label}. {title}", title} if title else set()
    return text in {s.casefold() for s in said} or restates_number(text, number, label)


def _without_stray_breaks(blocks: list[Block]) -> list[Block]:
    """A scene's own breaks, minus any at its start or end (the scene boundary is the break) or twice in a row."""
    kept: list[Block] = []
    for block in blocks:
        if not (isinstance(block, Break) and (not kept or isinstance(kept[-1], Break))):
            kept.append(block)
    while kept and isinstance(kept[-1], Break):
        kept.pop()
    return kept


# An author's own label: a word and a number ("Letter IV", "CHAPTER I.", "Stave 3"), or a number alone.
ROMAN = r"M{0,4}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
OWN_LABEL = re.compile(rf"(?:\w+\.?\s+)?(?:(?=[IVXLCDM]){ROMAN}|\d+)\.?")
# A label, then the title: "II The Mail", "CHAPTER I. Down the Rabbit-Hole", "Letter 4 - To Mina".
LABEL_WORD = r"(?i:chapter|chap|ch|letter|book|part|stave|canto|section|volume|vol|kapitel|chapitre|cap[ií]tulo|capitolo|hoofdstuk)\.?"
LABEL_THEN_TITLE = re.compile(rf"((?:({LABEL_WORD})\s+)?(?:(?=[IVXLCDM]){ROMAN}|\d+))(\.\s+|\s*[:—–]\s*|\s+-+\s+|\s+)(\S.*)")


def chapter_heading(title: str, titled: bool, number: int, label: str, numbered: bool = False) -> tuple[str, str]:
    """(label, title) as printed. A title the author gave that reads as a label ("Chapter I",
    "Letter IV", "III") is the label, as written; one that opens with its own label ("Chapter 3:
    The Road", or "II The Mail" in a book whose titles all open so: `numbered`) is split into the
    two; a title that is exactly the computed label, or a folder name that only counts
    ("01-chapter-1"), leaves the chapter untitled."""
    plain = " ".join(title.split())
    if plain.casefold().rstrip(".") == label.casefold() or not plain:
        return label, ""
    if not titled:
        return (label, "") if restates_number(plain, number, label) else (label, plain)
    if OWN_LABEL.fullmatch(plain):
        return plain, ""
    return _own_label(plain, numbered) or (label, plain)


def numbered_titles(titles) -> bool:
    """Whether the book numbers its chapters inside their titles ("I Down the Rabbit-Hole", "II The
    Pool of Tears"): at least two titles open with a numeral and every other title is a label alone.
    One such title is not enough: "I Remember" or "MIX Tape" may be a title, not a number and one."""
    plain = [" ".join(t.split()) for t in titles]
    opening = sum(bool(LABEL_THEN_TITLE.fullmatch(t)) for t in plain)
    return opening >= 2 and all(LABEL_THEN_TITLE.fullmatch(t) or OWN_LABEL.fullmatch(t) for t in plain)


def _own_label(plain: str, numbered: bool) -> tuple[str, str] | None:
    """("Chapter 3", "The Road") from "Chapter 3: The Road" (a label word and punctuation say so
    alone); ("II", "The Mail") from "II The Mail" only in a `numbered` book."""
    match = LABEL_THEN_TITLE.fullmatch(plain)
    if match is None or not (numbered or (match.group(2) and match.group(3).strip())):
        return None
    return match.group(1), match.group(4)


def restates_number(title: str, number: int, label: str) -> bool:
    """A title that only says which chapter it is (`Chapter 3`, `chapter-three` from a folder
    name, `III`, `3`): printing it after the label would read "Chapter 3: Chapter 3"."""
    text = " ".join(title.casefold().replace(".", " ").split())
    return (text in (label.casefold(), str(number), _roman(number).casefold())
            or re.fullmatch(r"(?:chapter|ch) \S+", text) is not None)


def _roman(number: int) -> str:
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, number = divmod(number, value)
        out += letters * count
    return out


def _empty(project, typeset: Callable[[str], str]) -> Manuscript:
    """The book's own words (title, subtitle, names, rights) get the prose's quotes and dashes."""
    config = project.config
    maybe = lambda text: typeset(text) if text else text  # noqa: E731
    return Manuscript(
        title=typeset(config.title), subtitle=maybe(config.subtitle),
        authors=[typeset(a) for a in config.all_authors], language=config.language,
        identifier=config.identifier, description=maybe(config.description), rights=maybe(config.rights),
        scene_break=config.scene_break, contact=config.contact,
        cover=(project.root / config.cover) if config.cover else None)


def _chosen_chapters(project, wanted: frozenset[int] | None) -> list:
    """(number, chapter) in reading order; numbers count chapters that have live scenes."""
    from narrative_cli.errors import UsageError

    live = [c for c in project.chapters if c.live_scenes]
    numbered = list(enumerate(live, start=1))
    if wanted is None:
        return numbered
    missing = sorted(n for n in wanted if n > len(live))
    if missing:
        raise UsageError(f"no chapter {missing[0]}: the book has {len(live)} chapter{'s' * (len(live) != 1)}",
                         hint="list them with `narrative list chapters`")
    return [(n, c) for n, c in numbered if n in wanted]

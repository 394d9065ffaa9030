"""From a flat stream of blocks (what a DOCX, Markdown or text file reads as) to chapters and scenes.

The rules, documented in docs/import.md:
- with headings: a single top heading before all others is the book's title; the top level
  is parts when every heading there reads as a part ("Part One", "Book II") or each one
  opens straight onto a lower heading, else chapters; the level under chapters titles scenes;
- without headings: a short paragraph alone that reads as a chapter heading ("Chapter 12",
  "CHAPTER TWELVE", "XII", "Prologue") opens a chapter (`--chapter-pattern` overrides);
- a scene-break paragraph (`***`, `* * *`, `#`, a centred ornament, a rule) splits scenes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from narrative_cli.importers.plan import ImportPlan, PlanChapter, PlanScene
from narrative_cli.wordcount import count_words

_ONES = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
         "sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|"
         "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|last|final|and")
_NUMBER = rf"(?:\d+|[ivxlcdm]+|(?:{_ONES})(?:[\s-]+(?:{_ONES}))*)"
_SEP = r"(?:\s*[.:\-–—]\s*|\s+|$)"
CHAPTER_RE = re.compile(rf"^(?:chapter|chap\.|ch\.)\s*(?:the\s+)?{_NUMBER}\b{_SEP}(?P<title>.*)$", re.I)
SPECIAL_RE = re.compile(r"^(?P<title>(?:prologue|epilogue|interlude|preface|foreword|introduction|afterword|coda)\b.*)$", re.I)
_WORD_NUMBER = re.compile(rf"^(?:{_ONES})(?:[\s-]+(?:{_ONES}))*\.?$", re.I)  # "ONE", "Twenty-Three" (centred or bold)
NUMERAL_RE = re.compile(r"^(?:\d{1,3}|[IVXLCDM]{1,7})\.?$")
PART_RE = re.compile(rf"^(?:part|book|volume|act)\s+(?:the\s+)?{_NUMBER}\b{_SEP}(?P<title>.*)$", re.I)
_END_RE = re.compile(r"^(?:the\s+)?end\.?$", re.I)
ORNAMENTS = "*#~•·⁂§◆◇❖❧☙✦✧♦⸻❦✤※⁎∗＊+◊○●"
_BREAK_RE = re.compile(rf"^[{re.escape(ORNAMENTS)}\s]*[{re.escape(ORNAMENTS)}][{re.escape(ORNAMENTS)}\s]*$")
_RULE_RE = re.compile(r"^[\s\-–—_=.]*[\-–—_=][\s\-–—_=.]*$")


@dataclass
class Block:
    kind: str  # para | heading | break | title | author | part (a paragraph styled as a part's heading)
    text: str  # Markdown
    plain: str = ""  # the words alone, for matching rules
    level: int = 0  # heading level, 1 = top
    centred: bool = False
    emphasised: bool = False  # bold, all capitals or a heading-like style: a title line
    derived: bool = False  # a heading read from a chapter line, not a heading style

    def __post_init__(self):
        if not self.plain:
            self.plain = self.text


def is_break_text(plain: str, centred: bool = False) -> bool:
    text = plain.strip()
    if not text or len(text) > 40:
        return False
    return bool(_BREAK_RE.match(text)) or (centred and len(text.replace(" ", "")) >= 3 and bool(_RULE_RE.match(text)))


def _short(block: Block) -> bool:
    text = block.plain.strip()
    return bool(text) and len(text) <= 80 and len(text.split()) <= 12


def chapter_title(plain: str, pattern: re.Pattern | None = None) -> tuple[bool, str | None]:
    """(reads as a chapter heading, the title it carries or None)."""
    text = plain.strip()
    for rule in ([pattern] if pattern else [CHAPTER_RE, SPECIAL_RE, NUMERAL_RE]):
        match = rule.match(text)
        if match:
            title = match.groupdict().get("title")
            return True, (title.strip() or None) if title else None
    return False, None


def reads_as_part(plain: str) -> bool:
    """"Part One", "Book II: The Golden Thread", "Book the First", "Volume 3", "Act I"."""
    return PART_RE.match(plain.strip()) is not None


def build(blocks: list[Block], plan: ImportPlan, pattern: re.Pattern | None = None) -> None:
    """Fill plan.chapters from the blocks."""
    blocks = [b for b in blocks if b.kind != "para" or b.text.strip()]
    blocks = _title_blocks(blocks, plan)
    levels = [b.level for b in blocks if b.kind == "heading"]
    if not levels or pattern is not None:
        blocks = _headings_from_patterns(blocks, pattern)
    else:  # headings, and maybe chapter lines set by hand beside them (centred or bold)
        blocks = _headings_from_patterns(blocks, None, level=min(levels), marked_only=True)
    blocks = _merge_labels(_merge_parts(blocks), pattern)
    if any(b.kind == "part" for b in blocks):  # parts styled as such: chapters are the headings after them
        after = [blocks[i + 1].level for i, b in enumerate(blocks[:-1]) if b.kind == "part" and blocks[i + 1].kind == "heading"]
        part_level, chapter_level = None, min(after or [b.level for b in blocks if b.kind == "heading"] or [0])
    else:
        part_level, chapter_level = _levels(blocks)
    _assemble(blocks, plan, part_level, chapter_level, pattern)


def _title_blocks(blocks: list[Block], plan: ImportPlan) -> list[Block]:
    kept = []
    for block in blocks:
        if block.kind == "title":
            plan.title = plan.title or block.plain.strip()
        elif block.kind == "author":
            plan.author = plan.author or re.sub(r"^by\s+", "", block.plain.strip(), flags=re.I)
        else:
            kept.append(block)
    headings = [b for b in kept if b.kind == "heading"]
    if headings:
        top = min(b.level for b in headings)
        tops = [b for b in headings if b.level == top]
        at = kept.index(tops[0])
        labelled = at > 0 and kept[at - 1].kind == "para" and chapter_title(kept[at - 1].plain)[0]
        parts = any(b.kind == "part" for b in kept)  # a prologue's heading above the parts' chapters
        if len(tops) == 1 and tops[0] is headings[0] and len(headings) > 1 and not labelled and not parts:
            plan.title = plan.title or tops[0].plain.strip()
            byline = kept[at + 1] if at + 1 < len(kept) else None
            if (byline is not None and byline.kind == "para" and len(byline.plain.split()) <= 6
                    and at + 2 < len(kept) and kept[at + 2].kind == "heading"):
                plan.author = plan.author or re.sub(r"^by\s+", "", byline.plain.strip(), flags=re.I)
                kept.remove(byline)
            kept.remove(tops[0])
    if kept and kept[-1].kind == "para" and _END_RE.match(kept[-1].plain.strip()):
        plan.drop("end marks")
        kept.pop()
    return kept


def _headings_from_patterns(blocks: list[Block], pattern: re.Pattern | None, level: int = 2,
                            marked_only: bool = False) -> list[Block]:
    out: list[Block] = []
    for i, block in enumerate(blocks):
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if marked_only and (not (block.centred or block.emphasised) or (nxt is not None and nxt.kind == "heading")):
            out.append(block)
            continue
        if block.kind == "para" and _short(block):
            if reads_as_part(block.plain) and pattern is None and not marked_only:
                out.append(Block("heading", block.text, block.plain, level=1))
                continue
            found, _ = chapter_title(block.plain, pattern)
            if found or (pattern is None and (block.centred or block.emphasised) and _WORD_NUMBER.match(block.plain.strip())):
                out.append(Block("heading", block.text, block.plain, level=level, derived=True))
                continue
        out.append(block)
    return _attach_title_lines(out, pattern)


def _attach_title_lines(blocks: list[Block], pattern: re.Pattern | None) -> list[Block]:
    """'Chapter One' then a short title line alone: the line is the chapter's title."""
    out: list[Block] = []
    skip = False
    for i, block in enumerate(blocks):
        if skip:
            skip = False
            continue
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if (block.kind == "heading" and block.derived and nxt is not None and nxt.kind == "para" and _short(nxt)
                and _bare_label(block.plain, pattern) and _title_like(nxt)):
            after = blocks[i + 2] if i + 2 < len(blocks) else None
            if after is None or after.kind != "heading":
                out.append(Block("heading", f"{block.text}: {nxt.text}", f"{block.plain}: {nxt.plain}", block.level))
                skip = True
                continue
        out.append(block)
    return out


def _bare_label(plain: str, pattern: re.Pattern | None) -> bool:
    """A chapter heading with no title of its own: 'Chapter One', 'XII', 'ONE'."""
    return chapter_title(plain, pattern) == (True, None) or (pattern is None and bool(_WORD_NUMBER.match(plain.strip())))


def _title_like(block: Block) -> bool:
    text = block.plain.strip()
    if block.centred or block.emphasised:
        return True
    return len(text.split()) <= 8 and text[:1].isupper() and not re.search(r"[.,;:!?\"”’]$", text)


def _merge_labels(blocks: list[Block], pattern: re.Pattern | None) -> list[Block]:
    """A chapter label paragraph right before a heading ('Chapter 1' over 'The Title') is part of it:
    a counting label goes, a numeral of the author's own ('I' over 'Down the Rabbit-Hole', as
    narrative's own DOCX prints such a book) stays in the title, so the book re-exports as it was."""
    blocks = list(blocks)
    out: list[Block] = []
    for i, block in enumerate(blocks):
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if (block.kind == "para" and nxt is not None and nxt.kind == "heading" and _short(block)
                and chapter_title(block.plain, pattern)[0]):
            if pattern is None and NUMERAL_RE.match(block.plain.strip()) and not NUMERAL_RE.match(nxt.plain.strip()):
                label = block.plain.strip().rstrip(".")
                blocks[i + 1] = Block("heading", f"{label} {nxt.text}", f"{label} {nxt.plain}", nxt.level,
                                      nxt.centred, nxt.emphasised, nxt.derived)
            continue
        out.append(block)
    return out


def _merge_parts(blocks: list[Block]) -> list[Block]:
    """A part's label and title paragraphs ("Book the First" over "Recalled to Life") are one part."""
    out: list[Block] = []
    for block in blocks:
        if block.kind == "part" and out and out[-1].kind == "part":
            out[-1] = Block("part", f"{out[-1].text}: {block.text}", f"{out[-1].plain}: {block.plain}")
        else:
            out.append(block)
    return out


def _levels(blocks: list[Block]) -> tuple[int | None, int]:
    levels = sorted({b.level for b in blocks if b.kind == "heading"})
    if not levels:
        return None, 0
    top = levels[0]
    if len(levels) < 2:
        return None, top
    tops = [i for i, b in enumerate(blocks) if b.kind == "heading" and b.level == top]
    all_parts = all(reads_as_part(blocks[i].plain) for i in tops)
    opens_onto = all(i + 1 < len(blocks) and blocks[i + 1].kind == "heading" and blocks[i + 1].level > top for i in tops)
    if all_parts or opens_onto:
        return top, levels[1]
    return None, top


def _assemble(blocks, plan: ImportPlan, part_level, chapter_level, pattern) -> None:
    chapter: PlanChapter | None = None
    front: list[Block] = []
    part: str | None = None
    for block in blocks:
        if block.kind == "part":
            part = block.plain.strip()
        elif block.kind == "heading" and part_level is not None and block.level == part_level:
            part = block.plain.strip()  # "Part One: The Beginning", label and title, as export prints it
        elif block.kind == "heading" and block.level <= chapter_level:
            chapter = _open_chapter(plan, block, pattern, part)
            part = None
        elif chapter is None:
            front.append(block)
        elif block.kind == "heading" and block.level == chapter_level + 1:
            _new_scene(chapter, block.plain.strip() or None)
        elif block.kind == "break":
            _new_scene(chapter, None)
        else:
            text = f"**{block.text.strip()}**" if block.kind == "heading" else block.text
            chapter.scenes[-1].body += text.rstrip() + "\n\n"
    _front_matter(plan, front)
    for item in plan.chapters:
        item.scenes = [s for s in item.scenes if s.body.strip() or s.title] or [PlanScene("")]
        for scene in item.scenes:
            scene.body = scene.body.rstrip() + "\n" if scene.body.strip() else ""


def _open_chapter(plan: ImportPlan, block: Block, pattern, part: str | None) -> PlanChapter:
    found, title = chapter_title(block.plain, pattern)
    worded = re.match(rf"^(?:{_ONES})(?:[\s-]+(?:{_ONES}))*: (?P<title>.+)$", block.plain.strip(), re.I)
    if not found and worded and pattern is None:
        found, title = True, worded.group("title")
    title = title if found and title else block.plain.strip() or None  # "Chapter 12" stays: export hides a restated number
    chapter = PlanChapter(title, [PlanScene("")], part=part)
    plan.chapters.append(chapter)
    return chapter


def _new_scene(chapter: PlanChapter, title: str | None) -> None:
    last = chapter.scenes[-1]
    if not last.body.strip() and last.title is None:
        last.title = title
        return
    chapter.scenes.append(PlanScene("", title))


def _front_matter(plan: ImportPlan, front: list[Block]) -> None:
    """Text before the first chapter: a title page is dropped (and said); real prose becomes a chapter."""
    prose = [b for b in front if b.kind == "para"]
    words = sum(count_words(b.plain) for b in prose)
    for block in prose if words <= 150 else []:  # a title page: centred or bold short lines
        text = block.plain.strip()
        if not (_short(block) and (block.centred or block.emphasised)):
            continue
        byline = re.match(r"^by\s+(.+)$", text, re.I)
        if byline:
            plan.author = plan.author or byline.group(1).strip()
        elif not plan.title:
            plan.title = text.title() if text.isupper() else text
    if not plan.chapters or words > 150:
        chapter = PlanChapter(None, [PlanScene("")])
        for block in front:
            if block.kind == "break":
                _new_scene(chapter, None)
            elif block.kind in ("para", "heading"):
                chapter.scenes[-1].body += block.text.rstrip() + "\n\n"
        if any(s.body.strip() for s in chapter.scenes):
            plan.chapters.insert(0, chapter)
    elif prose:
        plan.drop("front-matter paragraphs", len(prose))

"""Manuscript -> Typst source, as text.

Every piece of the writer's text becomes a Typst string literal (`#"..."`), never markup:
inside a string only `\\` and `"` mean anything, and both are escaped, so a `#`, `$`, `*`,
`@`, `<` or backslash in the prose prints as typed and no text can run Typst code. Strings
also skip Typst's own smart quotes and `--` dashes: the Manuscript's typography is what prints.
"""

from __future__ import annotations

from narrative_cli.export.model import BR, EM, STRONG, Block, Break, ListBlock, MChapter, Para, Quote, Run

ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
SMALLCAPS = 64  # a run flag of this writer's own, above the Manuscript's
WRAP = {0: "#{}", EM: "#emph({})", STRONG: "#strong({})", EM | STRONG: "#strong(emph({}))"}
WRAP.update({SMALLCAPS | k: "#smallcaps[" + v + "]" for k, v in list(WRAP.items())})
LEAD_IN_CHARS = 14  # small-caps lead-in: the first words, at least this many letters


def lit(text: str) -> str:
    """A Typst string literal holding exactly `text`."""
    return '"' + text.translate(ESCAPES) + '"'


def value(item) -> str:
    """A Python value as Typst code: strings, numbers, bools, None, lists, dicts, or a
    pre-made code snippet wrapped in Code."""
    if isinstance(item, Code):
        return item.text
    if item is None:
        return "none"
    if isinstance(item, bool):
        return "true" if item else "false"
    if isinstance(item, (int, float)):
        return repr(item)
    if isinstance(item, str):
        return lit(item)
    if isinstance(item, (list, tuple)):
        return "(" + "".join(value(v) + ", " for v in item) + ")"
    if isinstance(item, dict):
        return "(" + ", ".join(f"{k}: {value(v)}" for k, v in item.items()) + ")" if item else "(:)"
    raise TypeError(f"no Typst value for {type(item).__name__}")


class Code:
    """Typst code the writer made itself (a length, a datetime), never text from the book."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


def lead_in(runs: list[Run]) -> list[Run]:
    """The paragraph's first words in small caps (a run flag the markup reads as smallcaps)."""
    if not runs or runs[0][1] & BR:
        return runs
    text, flags = runs[0]
    words, taken = text.split(" "), 0
    cut = 0
    while cut < len(words) and taken < LEAD_IN_CHARS:
        taken += len(words[cut])
        cut += 1
    head = " ".join(words[:cut])
    rest = text[len(head):]
    return [(head, flags | SMALLCAPS), *([(rest, flags)] if rest else []), *runs[1:]]


def runs_markup(runs: list[Run]) -> str:
    parts = []
    for text, flags in runs:
        if flags & BR:
            parts.append("#linebreak()")
        elif text:
            parts.append(WRAP[flags & (EM | STRONG | SMALLCAPS)].format(lit(text)))
    return "".join(parts)


def blocks_markup(blocks: list[Block], out: list[str], lead: bool = False) -> bool:
    """Append each block's markup; returns whether the lead-in is still owed (no paragraph yet)."""
    for block in blocks:
        if isinstance(block, Para) and any(flags & BR for _, flags in block.runs):
            # lines the writer broke by hand (verse, a letter's heading) are set as an inset, ragged
            out.append("#inset[" + runs_markup(block.runs) + "]\n\n")
        elif isinstance(block, Para):
            out.append(runs_markup(lead_in(block.runs) if lead else block.runs) + "\n\n")
            lead = False
        elif isinstance(block, Break):
            out.append("#scene-break\n\n")
        elif isinstance(block, Quote):
            inner: list[str] = []
            blocks_markup(block.blocks, inner)
            out.append("#inset[\n" + "".join(inner) + "]\n\n")
        elif isinstance(block, ListBlock):
            out.append(_list(block))
    return lead


def _list(block: ListBlock) -> str:
    items = []
    for item in block.items:
        inner: list[str] = []
        blocks_markup(item, inner)
        items.append("[" + "".join(inner).strip() + "]")
    head = f"#enum(start: {block.start}, " if block.ordered else "#list("
    return head + ", ".join(items) + ")\n\n"


def chapter_markup(chapter: MChapter, name: str, small_caps: bool, in_part: bool = False) -> str:
    """The chapter, after the heading of the part it opens; in a part, its heading is a level down."""
    out = []
    if chapter.part:
        part = chapter.part
        out.append(f"#part({chapter.number}, {lit(part.label)}, {lit(part.title)}, {lit(part.name)})\n\n")
    level = ", level: 2" if in_part else ""
    out.append(f"#chapter({chapter.number}, {lit(chapter.label)}, {lit(chapter.title)}, {lit(name)}{level})\n\n")
    lead = small_caps
    for i, scene in enumerate(chapter.scenes):
        if i:
            out.append("#scene-break\n\n")
        lead = blocks_markup(scene.blocks, out, lead)
    return "".join(out)


def typst_datetime(moment) -> str:
    return (f"datetime(year: {moment.year}, month: {moment.month}, day: {moment.day}, "
            f"hour: {moment.hour}, minute: {moment.minute}, second: {moment.second})")

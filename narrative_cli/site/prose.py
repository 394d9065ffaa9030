"""The Manuscript's blocks as HTML, every text escaped (markupsafe, the escaper Jinja2 uses)."""

from __future__ import annotations

from markupsafe import Markup, escape

from narrative_cli.printable import printable
from narrative_cli.export.model import BR, EM, STRONG, Break, ListBlock, Para, Quote


def blocks_html(blocks: list, scene_break: str) -> Markup:
    return Markup("").join(_block(b, scene_break) for b in blocks)


def _block(block, scene_break: str) -> Markup:
    if isinstance(block, Para):
        return Markup("<p>%s</p>\n") % runs_html(block.runs)
    if isinstance(block, Quote):
        return Markup("<blockquote>%s</blockquote>\n") % blocks_html(block.blocks, scene_break)
    if isinstance(block, ListBlock):
        tag = "ol" if block.ordered else "ul"
        start = Markup(' start="%d"') % block.start if block.ordered and block.start != 1 else Markup("")
        items = Markup("").join(Markup("<li>%s</li>") % blocks_html(i, scene_break) for i in block.items)
        return Markup(f"<{tag}") + start + Markup(">") + items + Markup(f"</{tag}>\n")
    if isinstance(block, Break):
        return Markup('<p class="break" aria-hidden="true">%s</p>\n') % scene_break
    return Markup("")


def runs_html(runs) -> Markup:
    out = []
    for text, flags in runs:
        if flags & BR:
            out.append(Markup("<br>"))
            continue
        piece = escape(printable(text))
        if flags & EM:
            piece = Markup("<em>%s</em>") % piece
        if flags & STRONG:
            piece = Markup("<strong>%s</strong>") % piece
        out.append(piece)
    return Markup("").join(out)

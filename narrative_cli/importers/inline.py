"""Formatted runs of text -> CommonMark inline text (emphasis, strong, small caps, line breaks).

Shared by the DOCX and RTF readers: both see text as runs with italic/bold/small-caps flags.
"""

from __future__ import annotations

import re

_ESCAPE = re.compile(r"([\\`*_\[\]])")
_TAG = re.compile(r"<(?=[A-Za-z/!?])")
_LINE_START = re.compile(r"^(\s*)(#{1,6}(?=\s|$)|>|[-+*](?=\s)|\d{1,9}(?=[.)]\s)|=+\s*$)", re.M)
BREAK = "\x00br"  # a hard line break inside a paragraph


def escape(text: str) -> str:
    return _TAG.sub("&lt;", _ESCAPE.sub(r"\\\1", text))


def escape_line_starts(text: str) -> str:
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def render(runs: list[tuple[str, bool, bool, bool]]) -> str:
    """Runs of (text, italic, bold, small caps) as Markdown; markers hug the words, never spaces."""
    if not any(italic or bold or caps for _, italic, bold, caps in runs):  # most paragraphs of a novel
        return _breaks(escape("".join(r[0] for r in runs))).strip()
    merged: list[list] = []
    for text, italic, bold, caps in runs:
        if not text:
            continue
        if merged and merged[-1][1:] == [italic, bold, caps]:
            merged[-1][0] += text
        else:
            merged.append([text, italic, bold, caps])
    out: list[str] = []
    state = (False, False, False)
    for text, *flags in merged:
        if not text.replace(BREAK, "").strip():
            out.append(_breaks(text))
            continue
        core = text.strip()
        lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()):]
        out.append("\x02" + _close(state, tuple(flags)) + "\x03" + _breaks(lead) + _open(state, tuple(flags)))
        out.append(_breaks(escape(core)))
        out.append("\x01" + _breaks(trail))  # a marker slot: closings go before the trailing space
        state = tuple(flags)
    out.append("\x02" + _close(state, (False, False, False)) + "\x03")
    return _place_closings("".join(out)).strip()


def _breaks(text: str) -> str:
    return text.replace(BREAK, "\\\n")


def _open(old, new) -> str:
    marks = ""
    if new[2] and not old[2]:
        marks += '<span class="smallcaps">'
    if new[1] and not old[1]:
        marks += "**"
    if new[0] and not old[0]:
        marks += "*"
    return marks


def _close(old, new) -> str:
    marks = ""
    if old[0] and not new[0]:
        marks += "*"
    if old[1] and not new[1]:
        marks += "**"
    if old[2] and not new[2]:
        marks += "</span>"
    return marks


def _place_closings(text: str) -> str:
    """Move closing markers written after a run's trailing space to before it."""
    def swap(match: re.Match) -> str:
        return match.group(2) + match.group(1)

    text = re.sub(r"\x01(\s*)\x02([^\x03]*)\x03", swap, text)
    return re.sub("[\x01\x02\x03]", "", text)

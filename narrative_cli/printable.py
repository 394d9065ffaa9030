"""What may reach a terminal: the one place that escapes control characters.

A file name, title, canon value or commit message can hold bytes a terminal obeys: ESC and
CSI sequences retitle the window, clear the screen or hide text; CR and BS overwrite what was
printed; bidi overrides reorder a line. Shown as visible escapes (`\\x1b`, `\\u202e`) instead:
C0 controls, DEL, C1 controls (U+0080-U+009F), the line and paragraph separators and the bidi
embedding, override and isolate marks. Right-to-left letters themselves are shown as they are.

`printable` keeps line breaks and tabs (multi-line output); `one_line` escapes them too (one
problem, one line). `SafeStream` applies `printable` to every write of sys.stdout/sys.stderr
(installed by the CLI edge); JSON output is written beneath it by `raw()` and `json_text()`.
Core code: imports nothing of narrative.
"""

from __future__ import annotations

import re
from typing import Any, TextIO

_CONTROLS = [*map(chr, range(0x20)), "\x7f", *map(chr, range(0x80, 0xa0)), "\u2028", "\u2029",
             *"\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"]
_ONE_LINE = str.maketrans({c: c.encode("unicode_escape").decode("ascii") for c in _CONTROLS})
_MULTI_LINE = str.maketrans({c: c.encode("unicode_escape").decode("ascii") for c in _CONTROLS
                             if c not in "\n\t"})
_SURROGATE = re.compile("[\udc80-\udcff]")
_UNSAFE = re.compile("[" + re.escape("".join(c for c in _CONTROLS if c not in "\n\t")) + "\udc80-\udcff]")
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def bytes_visible(text: str) -> str:
    """A file name that is not UTF-8 (Linux allows it) shows its bad bytes as \\xff."""
    if _SURROGATE.search(text):
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return text


def printable(text: str) -> str:
    """`text` with every control character but line break and tab made visible."""
    if not _UNSAFE.search(text):
        return text
    return bytes_visible(text.translate(_MULTI_LINE))


def one_line(text: str) -> str:
    """`text` on one line: line breaks and tabs made visible too."""
    return bytes_visible(text.translate(_ONE_LINE))


def json_text(text: str) -> str:
    """JSON text that parses to the same values with DEL, C1 and bidi marks as \\u escapes.

    json.dumps already escapes C0 (ensure_ascii=False keeps the rest readable); U+009B is a
    CSI to some terminals and U+202E reorders a line, so they are escaped too."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class SafeStream:
    """A text stream that writes `printable(s)` to the stream beneath it.

    It has no `.buffer`, so nothing (click included) can go around it with bytes. rich's
    consoles find the stream beneath through `rich_proxied_file` (the attribute rich's own
    proxies use): their styling reaches the terminal, so narrative's consoles escape the
    content themselves (cli/render.py) and Typer's --help, whose text is narrative's own,
    keeps its colours."""

    def __init__(self, raw: TextIO):
        self.raw = raw

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        self.raw.write(printable(text))
        return len(text)

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    @property
    def rich_proxied_file(self) -> TextIO:
        return self.raw

    def __getattr__(self, name: str) -> Any:
        if name == "buffer":
            raise AttributeError("a SafeStream has no binary buffer")
        return getattr(self.raw, name)


def raw(stream: TextIO) -> TextIO:
    """The stream beneath a SafeStream (for JSON), or the stream itself."""
    return stream.raw if isinstance(stream, SafeStream) else stream

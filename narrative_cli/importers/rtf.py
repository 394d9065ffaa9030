"""RTF -> paragraphs of formatted runs, for Scrivener's content.rtf and single .rtf files.

Tokens come from rtf_tokenize (a small C tokenizer with no dependencies, from the Plover
project): striprtf throws italics away and rtfparse recurses per group (a deeply nested file
crashes it) and drags in an e-mail library. The interpretation here is the RTF 1.9.1 spec's
reader model: a stack of group states (italic, bold, small caps, hidden, the font and \\uc),
destinations skipped, \\'hh in the document's code page, \\uN with its fallback skipped,
Cocoa's backslash-newline as a paragraph end, italic/bold fonts (Palatino-Italic) as italic/bold.
Pictures and \\binN blobs are dropped and counted; a \\bin longer than the file is an error.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from narrative_cli.importers.plan import ImportRefused

MAX_DEPTH = 200
SKIP = {"fonttbl", "colortbl", "stylesheet", "info", "pict", "object", "header", "headerl", "headerr", "headerf",
        "footer", "footerl", "footerr", "footerf", "footnote", "annotation", "fldinst", "expandedcolortbl",
        "listtable", "listoverridetable", "revtbl", "rsidtbl", "generator", "xmlnstbl", "themedata",
        "colorschememapping", "latentstyles", "datastore", "pgdsctbl", "nonshppict", "shppict", "listtext",
        "pntext", "pntxta", "pntxtb", "xe", "tc", "txe", "NeXTGraphic", "atnid", "atnauthor", "atrfstart",
        "atrfend", "bkmkstart", "bkmkend", "filetbl", "mmathPr", "userprops", "docvar", "wgrffmtfilter"}
DROPPED = {"pict": "images", "NeXTGraphic": "images", "object": "images", "footnote": "footnotes",
           "annotation": "comments"}
SYMBOLS = {"emdash": "—", "endash": "–", "lquote": "‘", "rquote": "’", "ldblquote": "“", "rdblquote": "”",
           "bullet": "•", "tab": " ", "emspace": " ", "enspace": " ", "qmspace": " "}
_BIN = re.compile(rb"\\bin(-?\d{1,10}) ?")


@dataclass
class Para:
    runs: list = field(default_factory=list)  # (text, italic, bold, caps)
    centred: bool = False


def strip_binary(data: bytes, where: str, dropped: Counter) -> bytes:
    """Remove \\binN blobs (raw bytes the tokenizer would read as text)."""
    out, at = [], 0
    for match in _BIN.finditer(data):
        if match.start() < at:
            continue
        slashes = len(data[:match.start()]) - len(data[:match.start()].rstrip(b"\\"))
        if slashes % 2:  # an escaped backslash followed by "bin" is text
            continue
        size = int(match.group(1))
        if size < 0 or match.end() + size > len(data):
            raise ImportRefused("I402", "the RTF declares a binary blob longer than the file (damaged RTF)", path=where)
        out.append(data[at:match.start()])
        at = match.end() + size
        dropped["binary blobs"] += 1
    out.append(data[at:])
    return b"".join(out)


class _State:
    __slots__ = ("italic", "bold", "caps", "hidden", "skip", "uc", "font", "fonttbl")

    def __init__(self):
        self.italic = self.bold = self.caps = self.hidden = self.skip = self.fonttbl = False
        self.uc = 1
        self.font = ""

    def copy(self) -> "_State":
        new = _State()
        for name in self.__slots__:
            setattr(new, name, getattr(self, name))
        return new


def parse(data: bytes, where: str, dropped: Counter) -> list[Para]:
    from rtf_tokenize import RtfTokenizer

    if not data.lstrip().startswith(b"{\\rtf"):
        raise ImportRefused("I401", "not an RTF file (it does not start with {\\rtf)", path=where)
    data = strip_binary(data, where, dropped)
    codepage = re.search(rb"\\ansicpg(\d+)", data[:2000])
    encoding = f"cp{codepage.group(1).decode()}" if codepage else "cp1252"
    try:
        "".encode(encoding)
    except LookupError:
        encoding = "cp1252"
    reader = _Reader(encoding, dropped, where)
    tokens = RtfTokenizer(data.decode("latin-1"))
    while True:
        token = tokens.next_token()
        if token is None:
            break
        reader.feed(token)
    reader.end_para()
    return [p for p in reader.paras]


class _Reader:
    def __init__(self, encoding: str, dropped: Counter, where: str):
        self.encoding, self.dropped, self.where = encoding, dropped, where
        self.stack: list[_State] = []
        self.state = _State()
        self.paras: list[Para] = []
        self.para = Para()
        self.fonts: dict[str, str] = {}
        self.font_id = ""
        self.skip_chars = 0
        self.hex_pending = False
        self.bytes: bytearray = bytearray()
        self.group_start = False

    def feed(self, token: str) -> None:
        if token == "{":
            self.flush_bytes()
            if len(self.stack) >= MAX_DEPTH:
                raise ImportRefused("I403", f"the RTF nests groups more than {MAX_DEPTH} deep", path=self.where)
            self.stack.append(self.state)
            self.state = self.state.copy()
            self.group_start = True
            return
        if token == "}":
            self.flush_bytes()
            if self.state.fonttbl and self.font_id:
                self.font_id = ""
            self.state = self.stack.pop() if self.stack else self.state
            return
        first, self.group_start = self.group_start, False
        if token.startswith("\\"):
            self.control(token, first)
        else:
            self.text(token)

    def control(self, token: str, first: bool) -> None:
        if token == "\\'":
            self.hex_pending = True
            return
        self.flush_bytes()
        if token == "\\*":
            self.state.skip = True
            return
        if token in ("\\\n", "\\\r"):
            self.end_para()
            return
        if token in ("\\\\", "\\{", "\\}"):
            self.add(token[1])
            return
        if token == "\\~":
            self.add("\u00a0")
            return
        if token == "\\_":
            self.add("\u2011")
            return
        match = re.match(r"\\([a-zA-Z]+)(-?\d+)?", token)
        if not match:
            return
        word, arg = match.group(1), match.group(2)
        self.word(word, arg, first)

    def word(self, word: str, arg: str | None, first: bool) -> None:
        state = self.state
        if word in SKIP:
            if word in DROPPED and not state.skip:
                self.dropped[DROPPED[word]] += 1
            if word == "fonttbl":
                state.fonttbl = True
            state.skip = True
            return
        if state.fonttbl:
            if word == "f":
                self.font_id = arg or "0"
            return
        if word == "u" and arg is not None:
            code = int(arg)
            self.add(chr(code + 65536 if code < 0 else code) if 0 <= (code + 65536 if code < 0 else code) < 0x110000 else "")
            self.skip_chars = state.uc
            return
        on = arg != "0"
        if word == "uc":
            state.uc = int(arg or 1)
        elif word == "i":
            state.italic = on
        elif word == "b":
            state.bold = on
        elif word == "scaps":
            state.caps = on
        elif word == "v":
            state.hidden = on
        elif word == "plain":
            state.italic = state.bold = state.caps = state.hidden = False
        elif word == "f":
            state.font = self.fonts.get(arg or "0", "")
        elif word in ("par", "sect", "page"):
            self.end_para()
        elif word == "line":
            self.add("\x00br")
        elif word == "pard":
            self.para.centred = False
        elif word == "qc":
            self.para.centred = True
        elif word in SYMBOLS:
            self.add(SYMBOLS[word])

    def text(self, token: str) -> None:
        if self.hex_pending:
            self.hex_pending = False
            hexa, token = token[:2], token[2:]
            try:
                value = int(hexa, 16)
                if self.skip_chars:
                    self.skip_chars -= 1
                else:
                    self.bytes.append(value)
            except ValueError:
                pass
            if not token:
                return
        self.flush_bytes()
        if self.state.fonttbl:
            if self.font_id:
                name = self.fonts.get(self.font_id, "") + token
                self.fonts[self.font_id] = name.split(";")[0].strip()
            return
        if self.skip_chars:
            cut = min(self.skip_chars, len(token))
            token, self.skip_chars = token[cut:], self.skip_chars - cut
        self.add(token.replace("\n", "").replace("\r", ""))

    def flush_bytes(self) -> None:
        if self.bytes:
            text = bytes(self.bytes).decode(self.encoding, errors="replace")
            self.bytes = bytearray()
            self.add(text)

    def add(self, text: str) -> None:
        state = self.state
        if not text or state.skip or state.hidden:
            return
        font = state.font.lower()
        italic = state.italic or "italic" in font or "oblique" in font
        bold = state.bold or "bold" in font
        self.para.runs.append((text, italic, bold, state.caps))

    def end_para(self) -> None:
        self.flush_bytes()
        if self.state.skip:
            return
        self.paras.append(self.para)
        self.para = Para(centred=self.para.centred)

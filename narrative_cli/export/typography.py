"""Smart typography: the one step that turns straight quotes, `--`, `---` and `...`
into curly quotes, en and em dashes and ellipses, for every output format.

Quotes use markdown-it's own smartquotes algorithm (nesting, apostrophes inside
words, the 1"" inch case) run over our inline runs, so fast-path and fully parsed
paragraphs get exactly the same treatment. Prose differs from markdown-it's
documents in one way: dialogue that runs over several paragraphs leaves an
opening quote without a partner, so quotes still straight after the algorithm
are decided from their left neighbour. Most dialogue needs none of the
algorithm's judgement (every double quote opens or closes without doubt): that case is
curled directly, and markdown-it is imported only for the rest.
"""

from __future__ import annotations

import re
import unicodedata

from narrative_cli.export.languages import is_unspaced
from narrative_cli.export.model import BR, Run

QUOTES = {  # double open, double close, single open, single close
    "en": "“”‘’", "nl": "“”‘’", "de": "„“‚‘", "da": "»«›‹", "sv": "””’’", "fi": "””’’",
    "es": "«»“”", "it": "«»“”", "pt": "«»“”", "pt-BR": "“”‘’", "ru": "«»„“", "pl": "„”‚’",
    "fr": ("«\u00a0", "\u00a0»", "‹\u00a0", "\u00a0›"), "ko": "“”‘’",
    # CLDR's Arabic marks: curly quotes are not mirrored right to left, so the English pair in
    # logical order would show backwards; ” opens and “ closes
    "ar": "”“’‘",
}
INWORD_APOSTROPHE = re.compile(r"'(?<=[^\W_]')(?=[^\W_])")  # the literal first: scanned for at C speed
# Replaced in this order (`---` before `--`), str.replace gives what one left-to-right pass
# over `---|--|...` would, without a regex scan of every paragraph that has a full stop.
DASH_FOR = {"---": "\u2014", "--": "\u2013", "...": "\u2026"}
TYPEWRITER_DASH_FOR = {**DASH_FOR, "--": "\u2014"}  # `dashes: em`: the typewriter's -- is an em dash
# French puts a space before ; : ! ? and inside « »; a plain space there lets a line start with
# the mark. The space the writer typed becomes a no-break one (narrow before ; ! ?, as French
# publishers set it). Nothing is added where no space was typed: `10:30`, `http://`. A match
# starts only where a run of spaces starts and never backtracks into it: a title of 200,000
# spaces is one pass, not 200,000.
FRENCH_NARROW = re.compile(r"(?<![ \t])[ \t]++(?=[;!?])")
FRENCH_WIDE = re.compile(r"(?<![ \t])[ \t]++(?=[:\u00bb\u203a])|(?<=[\u00ab\u2039])[ \t]++")
PAIRING_LIMIT = 2000  # quote marks in one paragraph (a hostile 1 MiB scene of quotes took minutes)
OPENS_AFTER = set(" \t\n([{\u2014\u2013-/\u00a0")
# markdown-it's whitespace (isWhiteSpace), which its quote rules read around each mark
MD_WHITESPACE = frozenset("\t\n\x0b\x0c\r \u00a0\u1680\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200b))))


class _Tok:
    """The three attributes markdown-it's smartquotes reads from a token."""

    __slots__ = ("type", "content", "level")

    def __init__(self, type_: str, content: str, level: int) -> None:
        self.type, self.content, self.level = type_, content, level


class _Options:
    def __init__(self, quotes) -> None:
        self.quotes = list(quotes)


class _State:
    def __init__(self, quotes) -> None:
        self.md = type("MD", (), {})()
        self.md.options = _Options(quotes)


def quotes_for(language: str) -> tuple[str, str, str, str] | None:
    """The book's quote marks, or None where straight quotes are left as typed: Chinese and
    Japanese put no spaces between words, and the pairing reads spaces, so it would close
    every quote; their writers type 「」 or “” themselves."""
    if is_unspaced(language):
        return None
    chosen = QUOTES.get(language) or QUOTES.get(language.split("-")[0]) or QUOTES["en"]
    return tuple(chosen)  # type: ignore[return-value]


class Typographer:
    """Applies the smart-typography step to the runs of one paragraph at a time."""

    def __init__(self, language: str, dashes: str = "en") -> None:
        self._dash_for = tuple((TYPEWRITER_DASH_FOR if dashes == "em" else DASH_FOR).items())
        self._quotes = quotes_for(language)
        self._state = _State(self._quotes or QUOTES["en"])  # unused when quotes stay straight
        self._french = language.split("-")[0].lower() == "fr"

    def text(self, text: str) -> str:
        """A single line (a chapter title): the same rules as a paragraph."""
        return "".join(t for t, _ in self.runs([(text, 0)]))

    def runs(self, runs: list[Run]) -> list[Run]:
        runs = self._curled(runs)
        return [(_french_spacing(t), f) for t, f in runs] if self._french else runs

    def _curled(self, runs: list[Run]) -> list[Run]:
        runs = [(self._dashes(t), f) for t, f in runs]
        if self._quotes is None:
            return runs
        # an apostrophe between two letters is one whatever surrounds it (markdown-it agrees),
        # and most paragraphs then have no quote left for the slower pairing pass
        runs = [(INWORD_APOSTROPHE.sub("\u2019", t) if "'" in t else t, f) for t, f in runs]
        marks = sum(t.count("'") + t.count('"') for t, _ in runs)
        if not marks:
            return runs
        plain = _plain_doubles(runs, self._quotes)
        if plain is not None:
            return plain
        if marks > PAIRING_LIMIT:  # the pairing is quadratic in marks: no prose has this many in one paragraph
            return self._leftovers(runs)
        from markdown_it.rules_core.smartquotes import process_inlines

        tokens = [_Tok("hardbreak" if f & BR else "text", t, f.bit_count()) for t, f in runs]
        process_inlines(tokens, self._state)  # type: ignore[arg-type]
        return self._leftovers([(tok.content, f) for tok, (_, f) in zip(tokens, runs)])

    def _dashes(self, text: str) -> str:
        for typed, printed in self._dash_for:
            if typed in text:
                text = text.replace(typed, printed)
        return text

    def _leftovers(self, runs: list[Run]) -> list[Run]:
        """Quotes the pairing left straight: an opening one where a quote can open, else closing."""
        if not any("'" in t or '"' in t for t, _ in runs):
            return runs
        out: list[Run] = []
        before = " "
        for text, flags in runs:
            chars = list(text)
            for i, ch in enumerate(chars):
                prev = chars[i - 1] if i else before
                if ch == '"':
                    chars[i] = self._quotes[0] if prev in OPENS_AFTER else self._quotes[1]
                elif ch == "'":
                    chars[i] = "\u2019"  # 'tis, '90s, rock 'n' roll: an apostrophe
            text = "".join(chars)
            out.append((text, flags))
            before = text[-1] if text else ("\n" if flags & BR else before)
        return out


def _plain_doubles(runs: list[Run], quotes: tuple[str, ...]) -> list[Run] | None:
    """The runs with their double quotes curled as markdown-it's pairing (and then the
    leftover rule) would curl them, for the common case; None for the rest, which the library
    decides. Handled: no single quote and no line break; each mark opens, or closes an open
    mark of its own emphasis level, by the library's reading of the characters around it; no
    mark touches another; and an opening mark left unpaired opens after a space, dash or
    bracket. A property test holds this to the library."""
    text = "".join(t for t, _ in runs)
    if "'" in text or any(f & BR or not t for t, f in runs):
        return None
    out: list[Run] = []
    stack: list[tuple[int, bool]] = []  # each open mark: (emphasis level, left over it would close)
    start = 0
    for run, flags in runs:
        level = flags.bit_count()
        while stack and stack[-1][0] > level:  # the algorithm drops marks deeper emphasis left open
            if stack.pop()[1]:
                return None
        chars = None
        at = run.find('"')
        while at >= 0:
            where = start + at
            before = text[where - 1] if where else " "
            after = text[where + 1] if where + 1 < len(text) else " "
            if before == '"' or after == '"':
                return None
            # markdown-it's canOpen and canClose, folded: after a space a mark can only open,
            # before a space only close, and between two non-spaces punctuation decides (a mark
            # between letters does neither; between two punctuation marks, both)
            if before in MD_WHITESPACE:
                can_open, can_close = after not in MD_WHITESPACE, False
            elif after in MD_WHITESPACE:
                can_open, can_close = False, True
            else:
                can_open, can_close = _punctuation(before), _punctuation(after)
            if can_close and stack and stack[-1][0] == level:
                stack.pop()
                mark = quotes[1]
            elif can_open:
                stack.append((level, before not in OPENS_AFTER))
                mark = quotes[0]
            else:
                return None
            chars = chars or list(run)
            chars[at] = mark
            at = run.find('"', at + 1)
        out.append(("".join(chars), flags) if chars else (run, flags))
        start += len(run)
    return None if any(closes for _, closes in stack) else out


def _punctuation(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "PS"  # markdown-it's isPunctChar (ASCII punctuation included)


def _french_spacing(text: str) -> str:
    return FRENCH_WIDE.sub("\u00a0", FRENCH_NARROW.sub("\u202f", text))

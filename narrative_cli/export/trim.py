"""Print trims and margins shared by the PDF and the book DOCX: the print-on-demand sizes,
any WxH in inches or millimetres, and the gutter KDP asks for a page count."""

from __future__ import annotations

import re
from dataclasses import dataclass

from narrative_cli.diagnostics import Diagnostic, Location, Severity
from narrative_cli.errors import ProblemsFound

MM = 1 / 25.4
TRIMS = {"5x8": (5.0, 8.0), "5.25x8": (5.25, 8.0), "5.5x8.5": (5.5, 8.5), "6x9": (6.0, 9.0),
         "7x10": (7.0, 10.0), "8.5x11": (8.5, 11.0), "a5": (148 * MM, 210 * MM)}
SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*[x×]\s*(\d+(?:\.\d+)?)\s*(in|mm)?\s*$", re.I)
# KDP paperback: (most pages, inside margin in inches); past the last row a book is too long
GUTTERS = ((150, 0.375), (300, 0.5), (500, 0.625), (700, 0.75), (828, 0.875))
MAX_PAGES = GUTTERS[-1][0]
SMALLEST, LARGEST = (3.0, 4.0), (8.5, 11.69)  # inches: what print services bind


@dataclass(frozen=True)
class Trim:
    name: str
    width: float  # inches
    height: float

    @property
    def outside(self) -> float:
        """Outside margin: clear of the trim's cutting tolerance, wider on larger pages."""
        return round(0.5 + 0.025 * self.width, 3)

    @property
    def top(self) -> float:
        return round(0.55 + 0.025 * self.height, 3)

    @property
    def bottom(self) -> float:
        return round(0.55 + 0.025 * self.height, 3)


def trim_or_stop(spec: str, where: str) -> Trim:
    """The trim, or a stopped build with N901 at `where` (`--trim`, narrative.yaml)."""
    try:
        return parse_trim(spec)
    except BadTrim as exc:
        found = Diagnostic("N901", Severity.ERROR, str(exc), Location(where), exc.hint)
        raise ProblemsFound("the trim is not a page size; nothing was exported", [found]) from None


class BadTrim(ValueError):
    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.hint = hint


def parse_trim(spec: str) -> Trim:
    """`6x9`, `A5`, `5.5x8.5`, `152x229mm`, `6x9in` -> Trim; anything else BadTrim."""
    key = str(spec).strip().lower()
    if key in TRIMS:
        return Trim(key, *TRIMS[key])
    match = SIZE.match(key)
    if not match:
        raise BadTrim(f"unknown trim '{spec}'",
                      f"choose one of {', '.join(TRIMS)} or give WxH in inches or mm, like 152x229mm")
    scale = MM if (match.group(3) or "in").lower() == "mm" else 1.0
    width, height = float(match.group(1)) * scale, float(match.group(2)) * scale
    if not (SMALLEST[0] <= width <= LARGEST[0] and SMALLEST[1] <= height <= LARGEST[1]) or width > height:
        raise BadTrim(f"trim '{spec}' is {width:.2f} x {height:.2f} in: not a book page",
                      "a portrait page between 3 x 4 in and 8.5 x 11.69 in, like 6x9 or 148x210mm")
    return Trim(key, round(width, 4), round(height, 4))


def gutter(pages: int) -> float:
    """The inside margin KDP asks for a paperback of this many pages."""
    for most, inches in GUTTERS:
        if pages <= most:
            return inches
    return GUTTERS[-1][1]


def estimate_pages(words: int, trim: Trim, openings: int = 0, words_per_page_6x9: float = 320) -> int:
    """A first estimate of the page count (the gutter depends on it): words per page scale
    with the text area, 6x9 setting about 320 words of 11 pt prose (measured on generated
    books of 100k and 562k words); each opening (Manuscript.openings: chapters, parts twice)
    adds about a page (its last page's rest and, half the time, a blank page before the next),
    the front matter four."""
    area = (trim.width - trim.outside - 0.6) * (trim.height - trim.top - trim.bottom)
    reference = (6 - 0.65 - 0.6) * (9 - 2 * 0.775)
    return max(1, round(words / (words_per_page_6x9 * area / reference)) + openings + 4)

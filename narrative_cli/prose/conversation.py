"""The conversation sieves of speaker attribution: vocatives, addressees and turn-taking.

A mixin of `speakers.Attribution`, which provides the scene (`paras`, `spans`,
`people`, `talk`) and the shared helpers (`speaker`, `settled`, `set`,
`subjects`, `nearest`, `_continued`, `_introduces`, `_resumes`):

- `addressee`: a vocative (`Well, Watson, ...`) or `said to Alice` names who
  answers next, once the vocative's own speaker is known or the addressee is
  already in the scene (an aside to a bystander does not start an exchange);
- `beat`: a turn right after narration about one person only is theirs;
- `turn`: two people alternate, so an untagged turn is the speaker of two turns
  before (forward and backward), or the other of the two people talking.
"""

from __future__ import annotations

import re

from narrative_cli.prose.dialogue import SAY_VERBS
from narrative_cli.prose.text import Paragraph

UNKNOWN = "?"  # as in analysis: a person who is not in canon ("?he", "?she")
# `he said to the drawer`, `turning to Alice`, `addressing the inn servants`: who is spoken to.
SPOKEN_TO = re.compile(rf"\b(?:{SAY_VERBS}|turning|turned|addressing)\s+(?:\w+\s+){{0,2}}?(?:to\s+)?$")
GAP = 3  # paragraph indices between two turns of one conversation (two paragraphs of narration)
STRETCH = 6  # turns each way that `pair` looks for the two people talking


class Conversation:
    def _conversation(self) -> None:
        turns = [p for p in self.talk if any(q.how not in ("document", "not speech") for q in self.spans[p.index])]
        self._addressees(turns)
        for p in turns:
            self._after_narration(p)
        for _ in range(3):  # alternation fills from both sides; a few passes reach a fixed point
            self._continued()
            changed = self._addressees(turns) + self._alternate(turns) + self._alternate(turns[::-1])
            changed += self._pairs(turns)
            if not changed:
                break

    def _after_narration(self, p: Paragraph) -> None:
        """A turn right after narration about one person only (`Mr. Lorry flattened his wig...`) is theirs."""
        prev = self.paras[p.index - 1] if p.index else None
        if prev is None or self.spans[prev.index] or self.settled(p) or prev.kind != "paragraph" \
                or self._resumes(p):
            return
        who = set(self.subjects(prev))
        for m in re.finditer(r"\b([Hh]e|[Ss]he)\b", prev.text):
            who.add(self.nearest(prev, m.group(1).lower(), m.start()) or "?")
        if self.prose.first_person and re.search(r"\bI\b", prev.text):
            who.add(self.pov() or "?")
        if len(who) == 1 and not next(iter(who)).startswith(UNKNOWN):
            self.set(p, who.pop(), "beat")

    def _addressees(self, turns: list[Paragraph]) -> int:
        """`Well, Watson, ...`: the next turn is Watson's, and this one is not his."""
        changed = 0
        for a, b in zip(turns, turns[1:]):
            if self.settled(b) or b.index != a.index + 1:
                continue
            intro = self.paras[a.index - 1] if a.index and not self.spans[a.index - 1] else None
            called = self.vocative(a) or self.spoken_to(a) or (intro is not None and self._introduces(intro)
                                                               and self.spoken_to(intro))
            if called and not self.speaker(a) and not self.present(called, a):
                continue  # `This is a colleague, Watson, after our own heart`: an aside to a bystander
            if called and called != self.speaker(a) and called != self.speaker(self._after(turns, b)):
                self.set(b, called, "addressee")
                changed += 1
        return changed

    def _alternate(self, turns: list[Paragraph]) -> int:
        changed = 0
        for two, one, here in zip(turns, turns[1:], turns[2:]):
            if self.settled(here) or self._resumes(here) or not (self.near(two, one) and self.near(one, here)):
                continue
            a, b = self.speaker(two), self.speaker(one)
            if a and b and a != b and a != self.vocative(here):
                self.set(here, a, "turn")
                changed += 1
        return changed

    def _pairs(self, turns: list[Paragraph]) -> int:
        """Two people talking: a turn after one of them, unattributed, is the other's."""
        changed = 0
        for i, here in enumerate(turns):
            if self.settled(here) or self._resumes(here):
                continue
            prev = turns[i - 1] if i and self.near(turns[i - 1], here) else None
            nxt = turns[i + 1] if i + 1 < len(turns) and self.near(here, turns[i + 1]) else None
            pair = self.pair(turns, i)
            if len(pair) != 2:
                continue
            for side in (prev, nxt):
                known = side and self.speaker(side)
                if known in pair:
                    other = next(r for r in pair if r != known)
                    if other != self.vocative(here):
                        self.set(here, other, "turn")
                        changed += 1
                        break
        return changed

    def pair(self, turns: list[Paragraph], i: int) -> list[str]:
        """The people speaking in the stretch of conversation around turn i (up to 6 turns each way)."""
        lo, hi = i, i
        while lo > 0 and i - lo < STRETCH and self.near(turns[lo - 1], turns[lo]):
            lo -= 1
        while hi + 1 < len(turns) and hi - i < STRETCH and self.near(turns[hi], turns[hi + 1]):
            hi += 1
        return list(dict.fromkeys(self.speaker(t) for t in turns[lo:hi + 1] if self.speaker(t)))

    def near(self, a: Paragraph, b: Paragraph) -> bool:
        """Two turns of one conversation: at most two paragraphs of narration between them."""
        return 0 < b.index - a.index <= GAP if a.index < b.index else 0 < a.index - b.index <= GAP

    def _after(self, turns: list[Paragraph], p: Paragraph) -> Paragraph:
        i = turns.index(p)
        return turns[i + 1] if i + 1 < len(turns) else p

    def present(self, ref: str, p: Paragraph) -> bool:
        """Someone who has spoken, or been named in the narration, earlier in the scene."""
        for prev in self.paras[:p.index]:
            if any(q.speaker == ref for q in self.spans[prev.index]):
                return True
        first = self._named_first().get(ref)
        return first is not None and first < p.index

    def _named_first(self) -> dict[str, int]:
        if not hasattr(self, "_first_named"):
            self._first_named: dict[str, int] = {}
            for para in self.paras:
                for m in self.people[para.index]:
                    if m.ref and m.ref not in self._first_named and not self.prose.quoted(m):
                        self._first_named[m.ref] = para.index
        return self._first_named

    def spoken_to(self, p: Paragraph) -> str | None:
        """`"Have some wine," the March Hare said to Alice`: the person the narration says is addressed."""
        spans = self.spans[p.index]
        inside = [(q.start, q.end) for q in spans]
        for m in self.people[p.index]:
            if m.ref and not any(a <= m.start < b for a, b in inside) \
                    and SPOKEN_TO.search(p.text, max(0, m.start - 60), m.start):
                return m.ref
        return None

    def vocative(self, p: Paragraph) -> str | None:
        """The character a paragraph's speech addresses by name (`Well, Watson,`, `my dear Lizzy`)."""
        if p.index not in self._vocatives:
            self._vocatives[p.index] = self._vocative(p)
        return self._vocatives[p.index]

    def _vocative(self, p: Paragraph) -> str | None:
        for q in self.spans[p.index]:
            if q.how in ("document", "not speech"):
                continue
            text = q.text
            for m in self.index.people.pattern.finditer(text):
                refs = self.index.people.refs_for(m.group())
                if len(refs) != 1:
                    continue
                lead = text[:m.start()].rstrip(" *_")
                tail = text[m.end():m.end() + 2].lstrip(" *_")
                if (not lead or lead.endswith((",", "dear", "Dear", "O", "Oh")) or lead[-1] in "!?.") \
                        and tail[:1] in (",", "!", "?", ".", "—", ";", "") or lead.endswith(",") and tail[:1] in "!?.":
                    return refs[0]
        return None

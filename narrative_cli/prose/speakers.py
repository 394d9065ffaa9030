"""Who says each quotation: deterministic sieves, the most certain first.

After Muzny, Algee-Hewitt and Jurafsky (2017), "A Two-stage Sieve Approach for
Quote Attribution": each sieve only fills what the sieves before it left open.

1. pins: `<!-- speaker: elena-voss -->` beside a quote, or the scene card's
   `custom: {speakers: {"Where is she": tomas-reyes}}` (the quotation's opening words);
2. not speech: letters quoted in the narration, and quoted words inside a sentence
   (`known as a "Penang lawyer."`);
3. tags: a speech verb beside the quote or between its parts, with a canon name
   (`said Elena`, `the March Hare said`), `I` (the POV), he/she (the nearest
   character of that gender, recent speakers and mentions), or a description
   (`the old man`, `her mother`: canon aliases, relationships, then gender);
4. one speaker per paragraph; a speech left open runs on into the next paragraph;
5. beats: the first subject of the paragraph's narration, or of the paragraph just
   before when it ends in `:` or `,` and introduces the speech;
6. conversation (prose/conversation.py): a vocative names the addressee, who answers
   next; two people alternate, so an untagged turn is the speaker of two turns
   before, or the other of the two people talking.

The result sits on each Quote: `speaker` (a character ref or None) and `how`.
"""

from __future__ import annotations

import re

from narrative_cli.prose.conversation import Conversation
from narrative_cli.prose.dialogue import SAY_VERBS, Quote
from narrative_cli.prose.text import Paragraph, last_sentence, letters

UNKNOWN = "?"
# Speakers a check may hold the writer to: named in a tag, or pinned by the writer.
CERTAIN = ("tag", "pin")
PIN = re.compile(r"<!--\s*speaker:\s*([\w/.-]+)\s*-->")
# The word before an embedded quotation: `known as a "Penang lawyer."`, `the date "1884."`
EMBEDDED = re.compile(r"([A-Za-z]+)[\s*_]*$")
INTRO_VERBS = re.compile(rf"\b(?:{SAY_VERBS}|thought|calling|called|went|sang|singing|bawled|cried|ask|say|"
                         r"began|repeated|words|remark|reflection|answer|exclaiming|saying|muttering|shouting|"
                         r"crying|whispering|screaming|repeating|reading|murmuring|asking|answering|replying|"
                         r"adding|thinking|remarking|cackled|cackling|cry|shout|voice|whisper|exclamation|call|"
                         r"name|reply|question|itself|herself|himself|aloud)\b")
HE = {"man", "gentleman", "fellow", "boy", "lad", "father", "brother", "son", "uncle", "husband", "king",
      "lord", "sir", "master", "stranger", "visitor", "doctor", "waiter", "servant", "captain", "gentlemen"}
SHE = {"woman", "lady", "girl", "mother", "sister", "daughter", "aunt", "wife", "queen", "miss", "mistress",
       "maid", "madam", "widow"}
DASHED_END = re.compile(r"[—–-]\W*$")
DASHED_START = re.compile(r"^[\W_]*?[—–]")
REPLY = re.compile(r"[\s,]*(?:was|came)\s+(?:the\s+(?:[a-z]+\s+)?(?:reply|response|answer|rejoinder|retort|"
                   r"reflection|comment|remark)\s+of\s+|(?=[A-Z][\w.\s\u00a0]{0,30}[’']s\s+(?:[a-z]+\s+)?(?:reply|"
                   r"response|answer|rejoinder|retort|reflection|comment|remark)\b))")
SOMEONE = re.compile(rf"[\s,—–-]*(?:{SAY_VERBS})\s+(?:one|a|an|another|some|the|this|that|each)\b")
REPORTED = re.compile(rf"\s+(?:\w+ly\s+)?(?:{SAY_VERBS})\s+(?:that|I|he|she|it|they|we|you|all|nothing|"
                      r"something|so|him|her|them|me|us)\b")
# Narration announcing a document: `I read his record aloud.`, `he handed it to me to read`, `ran thus:`
READ_OUT = re.compile(r"\b(?:read|wrote|inscribe|copied)\b[^.!?]*[.:]\W*$|\b(?:as follows|ran thus)\W*$")
# A note signed with an initial or two after a dash: `Do not wait for me.—D.`
SIGNED = re.compile(r"[.!]\W*—\s*[A-Z]{1,3}\.?\W*$")
WINDOW = 12  # paragraphs back that salience and conversations look


class Attribution(Conversation):
    """The sieves for one scene; `index` is the ProseIndex (names, tags, pronouns, relationships)."""

    def __init__(self, index, prose, paras: list[Paragraph], spans: dict[int, list[Quote]], scene) -> None:
        self.index, self.prose, self.paras, self.spans = index, prose, paras, spans
        self.scene = scene
        self.people = {p.index: index.people.find(p) for p in paras}
        self.talk = [p for p in paras if spans[p.index]]  # paragraphs with quotes, in order
        self._subjects: dict[int, list[tuple]] = {}
        self._vocatives: dict[int, str | None] = {}

    def run(self) -> None:
        self._pins()
        self._not_speech()
        for p in self.talk:
            self._tags(p)
            self._fill(p, "paragraph")
        self._continued()
        for p in self.talk:
            self._beat(p)
        self._conversation()

    # -- helpers ---------------------------------------------------------------------------------

    def open(self, p: Paragraph) -> list[Quote]:
        return [q for q in self.spans[p.index] if q.how is None]

    def speaker(self, p: Paragraph) -> str | None:
        found = [q.speaker for q in self.spans[p.index] if q.speaker]
        return found[-1] if found else None

    def settled(self, p: Paragraph) -> bool:
        return all(q.how is not None for q in self.spans[p.index])

    def set(self, p: Paragraph, who: str | None, how: str) -> None:
        for q in self.open(p):
            q.speaker, q.how = who, how

    def pov(self) -> str | None:
        return self.prose.pov

    # -- 1. pins ---------------------------------------------------------------------------------

    def _pins(self) -> None:
        """HTML comments in the body (the prose has them blanked) and the card's `custom: speakers:`."""
        quotes = [q for p in self.talk for q in self.spans[p.index]]
        where = [q.paragraph.where(q.start) for q in quotes]
        for n, line in enumerate(self.scene.body.split("\n")):
            for match in PIN.finditer(line):
                at = (self.scene.body_line + n, match.start() + 1)
                before = [i for i, w in enumerate(where) if w[0] == at[0] and w[1] < at[1]]
                after = [i for i, w in enumerate(where) if w >= at]
                pick = before[-1] if before else (after[0] if after else None)
                if pick is not None:
                    self._pin(quotes[pick], match.group(1))
        custom = getattr(self.scene.card, "custom", {}) or {}
        table = custom.get("speakers") if isinstance(custom, dict) else None
        if isinstance(table, dict):
            for key, ref in table.items():
                for q in quotes:
                    if _same_opening(q.text, str(key)):
                        self._pin(q, str(ref))

    def _pin(self, q: Quote, ref: str) -> None:
        who = self.index.resolve(ref)
        q.speaker, q.how = who, "pin"
        for other in self.spans[q.paragraph.index]:  # the rest of the paragraph follows the pin
            if other.how is None:
                other.speaker, other.how = who, "pin"

    # -- 2. not speech ---------------------------------------------------------------------------

    def _not_speech(self) -> None:
        letter = letters(self.paras)
        read = {p.index for p in self.talk if self._read_out(p)}
        for p in self.talk:
            for i, q in enumerate(self.spans[p.index]):
                if q.how is not None:
                    continue
                if p.index in letter or p.index in read or SIGNED.search(q.text):
                    q.how = "document"
                elif self._embedded(p, i):
                    q.how = "not speech"

    def _read_out(self, p: Paragraph) -> bool:
        """A paragraph that opens with a quotation the narration before it says is read or written
        (`I read his record aloud.`, `the notes which I had made, and which I inscribe here:—`),
        and that no speech tag claims, quotes a document."""
        spans = self.spans[p.index]
        if p.text[:spans[0].start].strip(" *_") or not p.index:
            return False
        prev = self.paras[p.index - 1]
        tail_from = self.spans[prev.index][-1].end if self.spans[prev.index] else 0
        start = last_sentence(prev.text, tail_from, len(prev.text))
        if self.spans[prev.index] and start == tail_from:
            return False  # `"'Very tiresome,'" Elena read.`: the tag of the quote before
        if not READ_OUT.search(prev.text[start:]):
            return False
        return not any(self.index.tags.tag(p, spans, i) for i in range(len(spans)))

    def _embedded(self, p: Paragraph, i: int) -> bool:
        """A quotation inside a sentence of narration, after a word that does not introduce speech."""
        q = self.spans[p.index][i]
        if q.continued:
            return False
        start = self.spans[p.index][i - 1].end if i else 0
        before = p.text[start:q.start]
        word = EMBEDDED.search(before)
        if not word or INTRO_VERBS.search(before[-40:]):
            return False
        return word.group(1).lower() not in ("and", "but", "then", "or") and not word.group(1)[0].isupper()

    # -- 3. tags ---------------------------------------------------------------------------------

    def _tags(self, p: Paragraph) -> None:
        spans = self.spans[p.index]
        for i, q in enumerate(spans):
            if q.how is not None:
                continue
            tag = self.index.tags.tag(p, spans, i) or self._reply_of(p, q)
            if not tag:
                if SOMEONE.match(p.text, q.end):
                    q.how = "unknown"  # `said one of the three`: someone speaks who is not resolved
                continue
            word, offset = tag
            if i == len(spans) - 1 and offset > q.end and word in ("I", "he", "she", "He", "She") \
                    and self._introduces(p):
                continue  # `"..." I protested but he insisted:—`: narration leading to the next speech
            if REPORTED.match(p.text, offset + len(word)):
                continue  # `I said I was sure of this`: reported speech, not a tag
            q.tag = word
            q.speaker, q.how = self._who(p, word, offset)
            if q.speaker is None and q.how is None:
                q.how = "unknown"  # tagged, but not someone in canon: stops the guesses below

    def _reply_of(self, p: Paragraph, q: Quote) -> tuple[str, int] | None:
        """`"Ay," was the grim reply of Monsieur Defarge`, `was Mr. Lorry's breathless reflection`."""
        match = REPLY.match(p.text, q.end)
        if not match:
            return None
        mention = self.index.people.pattern.match(p.text, match.end())
        return (mention.group(), mention.start()) if mention else None

    def _who(self, p: Paragraph, word: str, offset: int) -> tuple[str | None, str | None]:
        if word == "I":
            return (self.pov(), "pov") if self.pov() else (None, None)
        if word.lower() in ("he", "she"):
            return self.nearest(p, word.lower(), offset), "pronoun"
        refs = self.index.people.refs_for(word)
        if len(refs) == 1:
            return refs[0], "tag"
        if word[:1].islower() or word.split()[0] in ("The", "His", "Her", "My", "Our", "Their"):
            return self._description(p, word, offset)
        return None, None

    def _description(self, p: Paragraph, words: str, offset: int) -> tuple[str | None, str | None]:
        """`the old man`, `her mother`, `his friend`: an alias, a relationship, else the gender."""
        det, *rest = words.lower().split()
        head = rest[-1] if rest else det
        if head in ("latter", "former", "other"):
            return self._one_of_two(p, head, offset), "description"
        for term in (words, " ".join(rest), "the " + " ".join(rest), head, "the " + head):
            refs = self.lowered().get(term.lower(), ())
            if len(refs) == 1:
                return refs[0], "description"
        if det in ("his", "her", "my", "our"):
            owner = self.pov() if det == "my" else self.nearest(p, "he" if det == "his" else "she", offset)
            related = self.index.related(owner, head) if owner else []
            if len(related) == 1:
                return related[0], "description"
        gender = "he" if head in HE else "she" if head in SHE else None
        if gender:
            return self.nearest(p, gender, offset, skip_last=True), "description"
        return None, None

    def _one_of_two(self, p: Paragraph, which: str, offset: int) -> str | None:
        """`the latter` / `the former`: of the last two characters named; `the other`: not the last speaker."""
        named: list[str] = []
        for para, upto in [(p, offset)] + [(q, None) for q in self.before(p)[:2]]:
            found = [m.ref for m in self.people[para.index] if m.ref and (upto is None or m.start < upto)]
            named = [r for r in dict.fromkeys(found[::-1]) if r not in named][::-1] + named
            if len(named) >= 2:
                break
        if which == "other":
            last = self.previous_speaker(p)
            rest = [r for r in named if r != last]
            return rest[-1] if rest and last else None
        if len(named) < 2:
            return None
        return named[-1] if which == "latter" else named[-2]

    def lowered(self) -> dict[str, tuple[str, ...]]:
        """Canon names and aliases in lower case: `said a very young man` finds `The Very Young Man`."""
        if not hasattr(self, "_lowered"):
            table: dict[str, set[str]] = {}
            for term, refs in self.index.people.terms.items():
                table.setdefault(" ".join(term.lower().split()), set()).update(refs)
            self._lowered = {k: tuple(sorted(v)) for k, v in table.items()}
        return self._lowered

    def nearest(self, p: Paragraph, gender: str, offset: int, skip_last: bool = False) -> str | None:
        """The most salient character of that gender: named before the tag in this paragraph, then
        speakers and named subjects of the paragraphs before, nearest first, then the scene's cast.
        Two of that gender named in the nearest narration that names any: ambiguous (None). When
        the pick is the previous turn's speaker and another fits, the other: a new paragraph is a
        new speaker. An unnamed person (`a man in a brown coat`) who fits first: None."""
        own = [q.speaker for q in self.spans[p.index] if q.speaker and q.end <= offset]
        groups = [(own[::-1], False), (self.subjects(p, upto=offset)[::-1], True)]
        for prev in self.before(p):
            who = self.speaker(prev) if self.spans[prev.index] else None
            groups.append(([who] if who else [], False))
            groups.append((self.subjects(prev)[::-1], not self.spans[prev.index]))
        groups.append((list(self.prose.cast), False))
        fits: list[str] = []
        called = self.vocative(p)  # `"I will do so, Mr. Holmes." He scribbled...`: not Holmes
        for group, narrated in groups:
            match = [r for r in dict.fromkeys(group) if r not in fits and self.gender(r) == gender
                     and r != self.exclude() and r != called]
            if narrated and not fits and len(match) > 1:
                return None
            fits += match
        if not fits or fits[0].startswith(UNKNOWN):
            return None
        here = bool(groups[0][0] or groups[1][0])
        last = self.previous_speaker(p)
        if (not here or skip_last) and fits[0] == last and len(fits) > 1 and fits[1] in self.recent_speakers(p):
            return fits[1]
        return fits[0]

    def exclude(self) -> str | None:
        return self.pov() if self.prose.first_person else None

    def gender(self, ref: str) -> str | None:
        return ref[1:] if ref.startswith(UNKNOWN) else self.index.pronoun_of(ref)

    def before(self, p: Paragraph) -> list[Paragraph]:
        return self.paras[max(0, p.index - WINDOW):p.index][::-1]

    def recent_speakers(self, p: Paragraph, turns: int = 6) -> list[str]:
        found = [self.speaker(t) for t in self.before(p) if self.spans[t.index]][:turns]
        return [r for r in found if r]

    def previous_speaker(self, p: Paragraph) -> str | None:
        for prev in self.before(p):
            if self.spans[prev.index]:
                return self.speaker(prev)
        return None

    def subjects(self, p: Paragraph, upto: int | None = None) -> list[str]:
        """Characters named as subjects in the narration (and unnamed `a man`), in order."""
        if p.index not in self._subjects:
            self._subjects[p.index] = self.index.subject_spans(p, self.spans[p.index], self.people[p.index])
        limit = len(p.text) if upto is None else upto
        return list(dict.fromkeys(ref for at, ref in self._subjects[p.index] if at < limit))

    # -- 4. paragraphs and long speeches ---------------------------------------------------------

    def _fill(self, p: Paragraph, how: str) -> None:
        spans = self.spans[p.index]
        if any(q.how == "unknown" for q in spans):
            self.set(p, None, "unknown")
            return
        said = {q.speaker for q in spans if q.speaker and q.how not in ("document", "not speech")}
        if len(said) == 1:
            who = said.pop()
            for q in spans:
                if q.how is None:
                    q.speaker, q.how = who, how

    def _continued(self) -> None:
        """A speech whose paragraph ends open runs on: the next paragraph's speech is the same voice.
        So does a speech broken off by a dash and taken up again with one (`...father—` / `—rendered`)."""
        for a, b in zip(self.talk, self.talk[1:]):
            last, first = self.spans[a.index][-1], self.spans[b.index][0]
            if last.closed and DASHED_END.search(last.text) and DASHED_START.match(first.text) \
                    and b.index - a.index <= 3 and not self.settled(b) and last.speaker and first.how is None:
                self.set(b, last.speaker, "continued")
        for a, b in zip(self.talk, self.talk[1:]):
            last = self.spans[a.index][-1]
            if not last.closed and b.index == a.index + 1 and not self.settled(b) and last.speaker:
                self.set(b, last.speaker, "continued")
        for a, b in zip(self.talk[::-1], self.talk[-2::-1]):  # backwards: the tag closes the speech
            last = self.spans[b.index][-1]
            if not last.closed and a.index == b.index + 1 and not self.settled(b) and self.speaker(a):
                self.set(b, self.speaker(a), "continued")

    # -- 5. beats --------------------------------------------------------------------------------

    def _beat(self, p: Paragraph) -> None:
        """The subject of this paragraph's narration next to the speech; else of the narration just
        before, when it ends by announcing the speech (`Then he rose and said:—`), even after a quote
        of its own. Narration after the last quote that announces the next speech is not this one's."""
        if self.settled(p):
            return
        spans = self.spans[p.index]
        who = None
        if not (self._introduces(p) and not p.text[:spans[0].start].strip(" *_")):
            who = self._subject_of(p, self.index.beat(p, spans, self.people[p.index], self.first()))
        prev = self.paras[p.index - 1] if p.index else None
        if not who and prev is not None and self._introduces(prev):
            who = self._subject_of(prev, self._announcer(prev))
            if not who and self.spans[prev.index] and not self.first_subject_after(prev):
                who = self.speaker(prev)  # `"Yes, certainly," and added:—`: the same speaker goes on
        if who:
            self.set(p, who, "pov" if who == self.pov() and self.first() else "beat")

    def first_subject_after(self, p: Paragraph) -> bool:
        """Whether the narration after a paragraph's last quote has a subject of its own."""
        start = self.spans[p.index][-1].end
        tail = p.text[start:]
        return bool(re.search(r"\b(?:I|[Hh]e|[Ss]he|[Tt]hey|[Ww]e)\b", tail)
                    or any(m.start >= start for m in self.people[p.index]))

    def _announcer(self, p: Paragraph) -> tuple[str, str, int] | None:
        """Who `he said to the drawer:` names: the subject nearest before the last speech verb."""
        spans = self.spans[p.index]
        start = spans[-1].end if spans else 0
        verbs = list(INTRO_VERBS.finditer(p.text, start))
        if not verbs or not re.search(r"[^\W\d_]", p.text[start:]):
            return None
        end = verbs[-1].start()
        return self.index.beat(p, spans, self.people[p.index], self.first(),
                               piece=(last_sentence(p.text, start, end), end), last=True)

    def _subject_of(self, p: Paragraph, beat: tuple[str, str, int] | None) -> str | None:
        if not beat:
            return None
        who, kind, at = beat
        if kind == "pov":
            return self.pov()
        if kind == "pronoun":
            who = self.nearest(p, who, at)
        return who if who and not who.startswith(UNKNOWN) else None

    def first(self) -> bool:
        return bool(self.prose.first_person and self.pov())

    def _introduces(self, p: Paragraph) -> bool:
        """Narration that ends by announcing the speech below it (`he said to the drawer:`)."""
        return bool(re.search(r"[:,]\W*$", p.text) and INTRO_VERBS.search(p.text[-200:]))

    def _resumes(self, p: Paragraph) -> bool:
        """A turn that takes up, with a dash, a speech broken off with one a turn or two before."""
        first = self.spans[p.index][0]
        if not DASHED_START.match(first.text):
            return False
        before = [t for t in self.before(p)[:3] if self.spans[t.index]]
        return bool(before) and DASHED_END.search(self.spans[before[0].index][-1].text) is not None

def attribute(index, prose, paras: list[Paragraph], spans: dict[int, list[Quote]], scene) -> None:
    Attribution(index, prose, paras, spans, scene).run()
    for p in paras:  # `how` says how a speaker was found; none found, none said
        for q in spans[p.index]:
            if q.speaker is None and q.how not in ("document", "not speech"):
                q.how = None


def _same_opening(text: str, key: str) -> bool:
    def norm(s: str) -> str:
        return " ".join(re.findall(r"\w+", s.lower()))
    key = norm(key)
    return bool(key) and norm(text).startswith(key)

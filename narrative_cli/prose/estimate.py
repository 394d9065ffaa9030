"""Tense and grammatical person of narration, estimated from closed-class words.

No tagger: past and present are told apart by auxiliaries (was/is, had/has,
did/does), by `pronoun + verb` pairs (`she walked` vs `she walks`) and by a
short list of irregular pasts. Person is the rate of I/me/my in narration:
first-person narration runs at several per hundred words, third-person
narration at almost none. Dialogue is excluded before counting.
An estimate is None when the evidence is thin.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

PAST_AUX = {"was", "were", "had", "did", "hadn't", "wasn't", "weren't", "didn't"}
PRESENT_AUX = {"is", "are", "am", "has", "does", "isn't", "aren't", "hasn't", "doesn't", "'s"}
IRREGULAR_PAST = {
    "said", "went", "came", "saw", "knew", "thought", "took", "made", "got", "gave", "found", "told",
    "felt", "left", "kept", "held", "stood", "sat", "ran", "began", "brought", "bought", "caught",
    "fell", "heard", "meant", "put", "set", "shook", "spoke", "stole", "swore", "threw", "wore",
    "won", "wrote", "rose", "drew", "drove", "ate", "forgot", "hid", "led", "lay", "lost", "paid",
    "read", "rode", "sent", "slept", "struck", "taught", "tore", "understood", "woke",
}
FIRST = {"i", "me", "my", "mine", "myself"}
SUBJECT_VERB = re.compile(r"\b(?:he|she|it|i|we|they)\s+([a-z']+)", re.IGNORECASE)
TOKEN = re.compile(r"[A-Za-z']+")
NOT_VERBS = {"was", "is", "has", "does", "its", "this", "always", "perhaps", "as", "us", "thus", "less"}


@dataclass(frozen=True)
class Estimate:
    past: int
    present: int
    first: int
    words: int

    @property
    def tense(self) -> str | None:
        total = self.past + self.present
        if total < 6:
            return None
        share = self.past / total
        return "past" if share >= 0.75 else "present" if share <= 0.25 else None

    @property
    def person(self) -> str | None:
        if self.words < 60:
            return None
        rate = self.first / self.words
        return "first" if rate >= 0.02 else "third" if rate <= 0.007 else None


def estimate(narration: str) -> Estimate:
    counts: Counter[str] = Counter()
    for token, n in Counter(TOKEN.findall(narration)).items():  # the sums below run over distinct words
        counts[token.lower()] += n
    past = sum(n for t, n in counts.items() if t in PAST_AUX)
    present = sum(n for t, n in counts.items() if t in PRESENT_AUX)
    for match in SUBJECT_VERB.finditer(narration):
        verb = match.group(1).lower()
        if verb in PAST_AUX or verb in PRESENT_AUX:
            continue
        if verb.endswith("ed") or verb in IRREGULAR_PAST:
            past += 1
        elif match.group(0).split()[0].lower() in ("he", "she", "it") and verb.endswith("s") \
                and verb not in NOT_VERBS and not verb.endswith("ss"):
            present += 1
    first = sum(n for t, n in counts.items() if t in FIRST)
    return Estimate(past, present, first, sum(counts.values()))

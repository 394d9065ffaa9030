"""Stylometric features of a text: word frequencies and a few measures of style.

Word frequencies are relative (per token), so passages of different lengths
compare; the other measures are what editors notice first: sentence and word
length, punctuation habits, contractions and vocabulary richness (moving
average type-token ratio, which does not fall as texts grow).
"""

from __future__ import annotations

import re
from collections import Counter

TOKEN = re.compile(r"[a-z]+(?:['’][a-z]+)*")
SENTENCE = re.compile(r"[.!?…]+")
# n't 're 've 'll 'd 'm always contract; 's only after pronouns and the like (`Elena's` is a possessive).
CONTRACTION = re.compile(r"(?:n't|'re|'ve|'ll|'d|'m)$|^(?:it|that|he|she|what|there|here|who|where|let|how|"
                         r"nothing|everything|something|someone|nobody|everyone)'s$|^(?:ain't|'tis|o')$")
PUNCTUATION = {"comma": ",", "semicolon": ";", "colon": ":", "exclamation": "!", "question": "?",
               "dash": "—", "ellipsis": "…"}
STYLE = ("sentence_length", "word_length", "contractions", "richness", *PUNCTUATION)


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text.lower())


def normalise(text: str) -> str:
    """One spelling for each mark: `--` and `---` are dashes, `...` an ellipsis, no Markdown emphasis."""
    text = re.sub(r"-{2,3}", "—", text.replace("...", "…"))
    return re.sub(r"[*_]", "", text)


def style(text: str) -> dict[str, float]:
    text = normalise(text)
    words = tokens(text)
    n = max(len(words), 1)
    sentences = max(len([s for s in SENTENCE.split(text) if tokens(s)]), 1)
    found = {
        "sentence_length": len(words) / sentences,
        "word_length": sum(len(w) for w in words) / n,
        "contractions": sum(bool(CONTRACTION.search(w.replace("’", "'"))) for w in words) / n,
        "richness": mattr(words),
    }
    for name, mark in PUNCTUATION.items():
        found[name] = text.count(mark) / n
    return found


def mattr(words: list[str], window: int = 50) -> float:
    """Moving-average type-token ratio (Covington & McFall 2010)."""
    if len(words) <= window:
        return len(set(words)) / max(len(words), 1)
    counts = Counter(words[:window])
    total = len(counts)
    for i in range(window, len(words)):
        out, new = words[i - window], words[i]
        counts[out] -= 1
        if not counts[out]:
            del counts[out]
        counts[new] += 1
        total += len(counts)
    return total / (len(words) - window + 1) / window


def frequencies(text: str, vocabulary: list[str]) -> dict[str, float]:
    words = tokens(normalise(text))
    counts = Counter(words)
    n = max(len(words), 1)
    return {f"w:{w}": counts[w] / n for w in vocabulary}


def most_frequent(texts: list[str], n: int) -> list[str]:
    counts: Counter = Counter()
    for text in texts:
        counts.update(tokens(normalise(text)))
    return [w for w, _ in counts.most_common(n)]

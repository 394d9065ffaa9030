"""Voice attribution accuracy on unseen 500-word passages of real public-domain text.

Each author stands in for a character. Per author the first 70% of their
dialogue trains (capped at the smallest author's size so no voice dominates),
the last 30% is cut into 500-word passages the model has never seen, and each
passage is attributed with the same code `narrative voice whois` uses.

Run:  PYTHONPATH=.:bench python bench/voice_accuracy.py [--mfw 150] [--passage 500]
(first run: `apt-get download` of three Debian packages, see voice_corpus.py)
"""

from __future__ import annotations

import argparse
import time

from narrative_cli.voice.delta import VoiceModel


def chunks(words: list[str], size: int) -> list[str]:
    return [" ".join(words[i:i + size]) for i in range(0, len(words) - size + 1, size)]


def split(texts: dict[str, str], passage: int, max_tests: int):
    words = {k: t.split() for k, t in texts.items()}
    cut = {k: int(len(w) * 0.7) for k, w in words.items()}
    cap = min(cut.values())
    train = {k: chunks(w[:cut[k]][:cap], passage) for k, w in words.items()}
    test = {k: chunks(w[cut[k]:], passage)[:max_tests] for k, w in words.items()}
    return train, test, cap


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mfw", type=int, default=150)
    parser.add_argument("--passage", type=int, default=500)
    parser.add_argument("--max-tests", type=int, default=40)
    args = parser.parse_args()
    from voice_corpus import voices

    texts = voices()
    train, test, cap = split(texts, args.passage, args.max_tests)
    start = time.perf_counter()
    model = VoiceModel.fit(train, mfw=args.mfw)
    hits = {"cosine": 0, "burrows": 0}
    per_author = {}
    for author, passages in test.items():
        right = 0
        for text in passages:
            ranked = model.rank(text)
            right += ranked[0]["label"] == author
            hits["cosine"] += ranked[0]["label"] == author
            hits["burrows"] += min(ranked, key=lambda r: r["delta"])["label"] == author
        per_author[author] = (right, len(passages))
    total = sum(len(p) for p in test.values())
    elapsed = time.perf_counter() - start
    sizes = ", ".join(f"{k} {len(t.split())}" for k, t in texts.items())
    print(f"voices: {len(test)} (words of dialogue: {sizes}); training words per voice: {cap}")
    for author, (right, n) in per_author.items():
        print(f"  {author:<10} {right}/{n} unseen {args.passage}-word passages ({100 * right / n:.1f}%)")
    print(f"cosine delta accuracy: {hits['cosine']}/{total} = {100 * hits['cosine'] / total:.1f}%")
    print(f"burrows delta accuracy: {hits['burrows']}/{total} = {100 * hits['burrows'] / total:.1f}%")
    print(f"fit + {total} attributions: {elapsed:.2f} s (mfw={args.mfw})")


if __name__ == "__main__":
    main()

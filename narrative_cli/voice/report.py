"""`narrative voice`: each character's distinctive traits, who sounds alike, lines that sound off.

Samples are a character's words per scene: their attributed dialogue, and
the narration of first-person scenes they narrate. A character needs
MIN_WORDS in all to get a fingerprint; a passage needs MIN_PASSAGE words to
be judged (below that, any stylometry is noise), and is called unlike its
speaker only when, left out of the speaker's fingerprint, it matches someone
else by MARGIN or more.
"""

from __future__ import annotations

from dataclasses import dataclass

from narrative_cli.voice.delta import VoiceModel, cosine
from narrative_cli.voice.features import style, tokens

MIN_WORDS = 60
MIN_PASSAGE = 40
MARGIN = 0.2  # cosine points between the best match and the speaker's own voice
STYLE_WORDS = {
    "sentence_length": ("longer sentences", "shorter sentences", "{:.1f} words"),
    "word_length": ("longer words", "shorter words", "{:.2f} letters"),
    "contractions": ("more contractions", "fewer contractions", "{:.1%} of words"),
    "richness": ("a richer vocabulary", "a plainer vocabulary", "MATTR {:.2f}"),
    "comma": ("more commas", "fewer commas", "{:.1%} per word"),
    "question": ("more questions", "fewer questions", "{:.1%} per word"),
    "exclamation": ("more exclamations", "fewer exclamations", "{:.1%} per word"),
    "semicolon": ("more semicolons", "fewer semicolons", "{:.1%} per word"),
    "dash": ("more dashes", "fewer dashes", "{:.1%} per word"),
}


@dataclass
class Passage:
    character: str
    scene: str
    path: str
    line: int
    text: str

    @property
    def words(self) -> int:
        return len(tokens(self.text))


def passages(project) -> list[Passage]:
    from narrative_cli.prose import ProseIndex
    from narrative_cli.prose.dialogue import narration

    index = ProseIndex(project)
    found: dict[tuple[str, str], Passage] = {}
    for scene in project.all_scenes():
        prose = index.scene(scene)
        for q in prose.quotes:
            if q.speaker:
                _add(found, q.speaker, scene, q.paragraph.where(q.start)[0], q.text)
        if prose.first_person and prose.pov:
            for p in prose.paragraphs:
                spans = prose.quotes_in(p)
                text = " ".join(p.text[a:b] for a, b in narration(p, spans))
                _add(found, prose.pov, scene, p.line, text)
    return list(found.values())


def _add(found: dict, ref: str, scene, line: int, text: str) -> None:
    key = (ref, scene.rel)
    if key not in found:
        found[key] = Passage(ref, scene.ref, scene.rel, line, "")
    found[key].text += ("\n" if found[key].text else "") + text


def fit(project) -> tuple[VoiceModel | None, dict[str, list[Passage]]]:
    by_character: dict[str, list[Passage]] = {}
    for p in passages(project):
        by_character.setdefault(p.character, []).append(p)
    voiced = {k: v for k, v in by_character.items() if sum(p.words for p in v) >= MIN_WORDS}
    if len(voiced) < 2:
        return None, voiced
    return VoiceModel.fit({k: [p.text for p in v] for k, v in voiced.items()}, mfw=100), voiced


def voices(project) -> dict:
    model, voiced = fit(project)
    names = {r.ref: r.model.name for r in project.entities.get("characters", {}).values()}
    if model is None:
        return {"characters": [], "similar": [], "unlike": [],
                "note": f"voices need at least two characters with {MIN_WORDS}+ attributed words"}
    people = [_character(model, ref, ps, names) for ref, ps in sorted(voiced.items())]
    return {"characters": people, "similar": _pairs(model, names), "unlike": _unlike(model, voiced, names)}


def _character(model: VoiceModel, ref: str, ps: list[Passage], names: dict) -> dict:
    text = "\n".join(p.text for p in ps)
    return {"character": ref.split("/", 1)[1], "name": names.get(ref, ref),
            "words": sum(p.words for p in ps), "scenes": len(ps), "traits": traits(model, ref, text)}


def traits(model: VoiceModel, ref: str, text: str, limit: int = 5) -> list[str]:
    """Plain-words description of the features where this voice stands out most (|z| >= 0.5)."""
    centroid = model.centroids[ref]
    raw = style(text)
    found = []
    for feature, (more, fewer, unit) in STYLE_WORDS.items():
        z = centroid.get(feature)
        if z is not None and abs(z) >= 0.5:
            found.append((abs(z), f"{more if z > 0 else fewer} ({unit.format(raw[feature])}; z {z:+.1f})"))
    words = sorted(((z, f[2:]) for f, z in centroid.items() if f.startswith("w:") and z >= 1.0), reverse=True)
    if words:
        found.append((words[0][0], "favours " + ", ".join(f"'{w}'" for _, w in words[:4])))
    return [text for _, text in sorted(found, reverse=True)[:limit]]


def _pairs(model: VoiceModel, names: dict) -> list[dict]:
    labels = sorted(model.centroids)
    pairs = []
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            score = cosine(model.centroids[a], model.centroids[b])
            pairs.append({"a": a.split("/", 1)[1], "b": b.split("/", 1)[1], "similarity": round(score, 3)})
    return sorted(pairs, key=lambda p: -p["similarity"])[:5]


def _unlike(model: VoiceModel, voiced: dict, names: dict) -> list[dict]:
    """Passages that, left out of their speaker's fingerprint, sound more like someone else."""
    found = []
    for ref, ps in sorted(voiced.items()):
        for i, p in enumerate(ps):
            rest = sum(q.words for q in ps) - p.words
            if p.words < MIN_PASSAGE or rest < MIN_WORDS:
                continue
            ranked = model.rank(p.text, exclude=(ref, i))
            own = next((r["score"] for r in ranked if r["label"] == ref), None)
            if ranked and own is not None and ranked[0]["label"] != ref and ranked[0]["score"] - own >= MARGIN:
                found.append({"character": ref.split("/", 1)[1], "scene": p.scene, "path": p.path, "line": p.line,
                              "words": p.words, "sounds_like": ranked[0]["label"].split("/", 1)[1],
                              "score": ranked[0]["score"], "own_score": own})
    return found


def whois(project, text: str) -> list[dict]:
    model, _ = fit(project)
    if model is None:
        from narrative_cli.errors import NarrativeError

        raise NarrativeError(f"not enough attributed dialogue: voices need two characters with {MIN_WORDS}+ words",
                             hint="tag dialogue with the speaker's name: \"...\", said Elena")
    names = {r.ref: r.model.name for r in project.entities.get("characters", {}).values()}
    return [{"character": r["label"].split("/", 1)[1], "name": names.get(r["label"], r["label"]),
             "score": r["score"], "delta": r["delta"]} for r in model.rank(text)]

"""`narrative voice quotes`: every quotation of the manuscript with its speaker and how it was decided.

A quotation interrupted by its tag (`"I think," said I, "that..."`) is one
quotation; its parts are spans of the prose layer. `how` names the sieve that
decided (see narrative_cli/prose/speakers.py): pin, tag, pronoun, description,
pov, paragraph, continued, beat, addressee, turn; `document` and `not speech`
for quoted letters and quoted words, which have no speaker.
"""

from __future__ import annotations

PRONOUNS = ("he", "she", "He", "She", "I")
DETERMINERS = ("A", "An", "The", "His", "Her", "My", "Our", "Their", "This", "That")


def quotations(project, chapter: int | None = None, character: str | None = None,
               spans: bool = False) -> list[dict]:
    """Dicts with path, line, column, scene, text, speaker (a character id or None), how, kind.

    `spans`: one entry per quoted span instead of per quotation (what the benchmark scores).
    """
    from narrative_cli.prose import ProseIndex

    index = ProseIndex(project)
    wanted = _character(index, character)
    found = []
    for scene in project.all_scenes():
        if chapter is not None and scene.chapter.number != chapter:
            continue
        prose = index.scene(scene)
        for p in prose.paragraphs:
            parts = prose.quotes_in(p)
            kind = _kind(parts)
            for group in ([[q] for q in parts] if spans else _groups(parts)):
                entry = _entry(scene, group, kind)
                if wanted is None or group[0].speaker == wanted:
                    found.append(entry)
    return found


def _character(index, ref: str | None) -> str | None:
    if ref is None:
        return None
    from narrative_cli.errors import UsageError

    by_name = index.people.refs_for(ref)
    found = index.resolve(ref) or (by_name[0] if len(by_name) == 1 else None)
    if not found:
        raise UsageError(f"no character '{ref}'", hint="use a character's id, name or alias: narrative ls characters")
    return found


def _groups(parts: list) -> list[list]:
    """Spans of one paragraph with one speaker decided the same way: one quotation."""
    groups: list[list] = []
    for q in parts:
        if groups and groups[-1][-1].speaker == q.speaker and _speech(groups[-1][-1]) == _speech(q):
            groups[-1].append(q)
        else:
            groups.append([q])
    return groups


def _speech(q) -> bool:
    return q.how not in ("document", "not speech")


def _kind(parts: list) -> str:
    """named (`said Alice`, `the March Hare said`), pronoun (`she said`, `said I`, `said the old man`),
    or untagged: how the paragraph's tag reads, whatever the sieves made of it."""
    for q in parts:
        if q.tag:
            if q.how == "tag":
                return "named"
            plain = q.tag in PRONOUNS or q.tag[:1].islower() or q.tag.split()[0] in DETERMINERS
            return "pronoun" if plain else "named"
    return "untagged"


def _entry(scene, group: list, kind: str) -> dict:
    first = group[0]
    line, column = first.paragraph.where(first.start)
    how = first.how if first.how != "paragraph" else next((q.how for q in group if q.how != "paragraph"), "paragraph")
    return {"path": scene.rel, "line": line, "column": column, "scene": scene.ref,
            "text": " ".join(q.text.strip() for q in group),
            "speaker": first.speaker.split("/", 1)[1] if first.speaker else None,
            "how": how, "kind": kind}

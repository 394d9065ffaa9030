"""`narrative stats`: the manuscript in numbers.

Words per chapter, scene and POV; progress against `word_target`; scene
status counts; which characters are present in which chapter (scene cards:
pov + participants); and value turns (entering_value -> exiting_value).
Soft-deleted scenes and entities are left out. The result is a plain dict:
the JSON output, the terminal tables and the HTML page all read it.
"""

from __future__ import annotations

from typing import Mapping

from narrative_cli.insight.text import count_words
from narrative_cli.model.scene import STATUSES
from narrative_cli.store.project import Project, Scene

SCHEMA = "narrative-stats/1"
PRESENCE_ROWS = 40  # characters the charts show (the JSON lists all): a cast of hundreds is unreadable


def compute_stats(project: Project, words: Mapping[str, int] | None = None) -> dict:
    """`words`: each scene's count by path when the caller has it already (the site, from the
    Manuscript it built: export counts as `count_words` does, except that a chapter heading the
    first scene repeats is printed, and counted, once), so the prose is not parsed again."""
    scenes = [_scene_row(project, order, scene, words)
              for order, chapter in enumerate(project.chapters, 1) for scene in chapter.live_scenes]
    total = sum(s["words"] for s in scenes)
    config = project.config
    target = config.word_target if config else None
    return {
        "schema": SCHEMA,
        "title": config.title if config else project.root.name,
        "author": ", ".join(config.all_authors) if config else "",
        "words": total,
        "target": target,
        "progress": round(total / target, 4) if target else None,
        "chapters": _chapters(project, scenes),
        "scenes": scenes,
        "pov": _by_pov(project, scenes),
        "status": {status: sum(s["status"] == status for s in scenes) for status in STATUSES},
        "presence": _presence(project, scenes),
        "values": _values(scenes),
    }


def _scene_row(project: Project, order: int, scene: Scene, words: Mapping[str, int] | None) -> dict:
    card = scene.card
    entering, exiting = card.entering_value, card.exiting_value
    return {
        "ref": scene.ref, "path": scene.rel, "title": scene.title, "chapter": order,
        "words": _words(scene, words), "pov": _bare(card.pov), "status": card.status,
        "characters": list(dict.fromkeys(_bare(r) for r in (card.pov, *card.participants) if r)),
        "entering_value": entering, "exiting_value": exiting, "turns": _turns(entering, exiting),
    }


def _words(scene: Scene, known: Mapping[str, int] | None) -> int:
    found = known.get(scene.rel) if known is not None else None
    return found if found is not None else count_words(scene.prose)


def _turns(entering: str | None, exiting: str | None) -> bool | None:
    """None when the card does not say; a scene turns when its value charge changes."""
    if not entering or not exiting:
        return None
    return entering.strip().casefold() != exiting.strip().casefold()


def _bare(ref: str | None) -> str | None:
    return ref.split("/", 1)[1] if ref and "/" in ref else ref


def _chapters(project: Project, scenes: list[dict]) -> list[dict]:
    rows = []
    for order, chapter in enumerate(project.chapters, 1):
        own = [s for s in scenes if s["chapter"] == order]
        rows.append({"number": order, "title": chapter.title, "path": chapter.rel,
                     "words": sum(s["words"] for s in own), "scenes": len(own),
                     "status": {st: sum(s["words"] for s in own if s["status"] == st) for st in STATUSES}})
    return rows


def character_name(project: Project, ident: str) -> str:
    record = project.entities.get("characters", {}).get(ident)
    return record.model.name if record is not None and not record.deleted else ident


def _by_pov(project: Project, scenes: list[dict]) -> list[dict]:
    found: dict[str | None, dict] = {}
    for scene in scenes:
        row = found.setdefault(scene["pov"], {"id": scene["pov"], "words": 0, "scenes": 0,
                                              "name": character_name(project, scene["pov"]) if scene["pov"]
                                              else "(no pov)"})
        row["words"] += scene["words"]
        row["scenes"] += 1
    return sorted(found.values(), key=lambda r: (-r["words"], r["name"]))


def _presence(project: Project, scenes: list[dict]) -> dict:
    """characters x chapters: in how many scenes of each chapter a character is pov or participant."""
    chapters = list(range(1, len(project.chapters) + 1))
    ids = dict.fromkeys(r.id for r in project.all_entities() if r.kind == "characters")
    seen: dict[tuple, int] = {}  # (id, chapter) -> scenes: one pass, not characters x chapters x scenes
    for scene in scenes:
        for ident in scene["characters"]:
            ids.setdefault(ident)
            seen[ident, scene["chapter"]] = seen.get((ident, scene["chapter"]), 0) + 1
    rows = []
    for ident in ids:
        counts = [seen.get((ident, n), 0) for n in chapters]
        rows.append({"id": ident, "name": character_name(project, ident), "chapters": counts,
                     "scenes": sum(counts)})
    rows.sort(key=lambda r: (-r["scenes"], r["name"]))
    return {"chapters": chapters, "characters": rows}


def _values(scenes: list[dict]) -> dict:
    charted = [s for s in scenes if s["turns"] is not None]
    turning = sum(bool(s["turns"]) for s in charted)
    return {
        "scenes": len(scenes),
        "charted": len(charted),
        "turning": turning,
        "share": round(turning / len(scenes), 4) if scenes else None,
        "flat": [s["ref"] for s in charted if not s["turns"]],
        "uncharted": [s["ref"] for s in scenes if s["turns"] is None],
    }

"""The search index: every searchable line of prose and canon, cached in .narrative/.

Loading and Markdown-parsing a 560,000-word project takes over a second; a
search must answer in under half of one. So the plain text and the scene
metadata are cached in `.narrative/search-index.json`, keyed on each file's
path, mtime and size. When nothing changed the project is not loaded at all;
when something did, the project is loaded (the one loader, which also drops
soft-deleted scenes and entities) and only changed scenes are re-parsed.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

INDEX_FILE = ".narrative/search-index.json"
INDEX_VERSION = 2


@dataclass
class Doc:
    """One searchable file: a scene (paragraphs of plain lines) or a canon file (one unit per line)."""

    path: str
    kind: str  # "scene" or a canon kind
    units: list[list]  # [text, [[offset, line], ...]]: a paragraph (lines joined by "\n") or one YAML line
    meta: dict


def stamps(root: Path) -> dict[str, list[int]]:
    """path -> [mtime_ns, size] for every file the index depends on."""
    found: dict[str, list[int]] = {}
    _stamp(root, "narrative.yaml", found)
    for top, depth in (("manuscript", 2), ("canon", 2)):
        _walk(root, top, depth, found)
    return found


def _stamp(root: Path, rel: str, found: dict) -> None:
    try:
        st = os.stat(root / rel)
    except OSError:
        return
    found[rel] = [st.st_mtime_ns, st.st_size]


def _walk(root: Path, rel: str, depth: int, found: dict) -> None:
    try:
        entries = list(os.scandir(root / rel))
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        child = f"{rel}/{entry.name}"
        if entry.is_dir(follow_symlinks=False):
            found[child + "/"] = [0, 0]  # a new or removed folder changes the order
            if depth > 1:
                _walk(root, child, depth - 1, found)
        else:
            st = entry.stat(follow_symlinks=False)
            found[child] = [st.st_mtime_ns, st.st_size]


def load_index(root: Path) -> list[Doc]:
    """The documents to search, from the cache when every file is unchanged."""
    current = stamps(root)
    cached = _read_cache(root)
    if cached is not None and cached.get("stamps") == current:
        return [Doc(**d) for d in cached["docs"]]
    docs = build_docs(root, current, cached)
    _write_cache(root, {"version": INDEX_VERSION, "stamps": current, "docs": [d.__dict__ for d in docs]})
    return docs


def build_docs(root: Path, current: dict, cached: dict | None) -> list[Doc]:
    from narrative_cli.store.project import load_project

    project = load_project(root)
    reuse = _reusable(cached, current)
    docs = [_scene_doc(project, scene, order, reuse)
            for order, chapter in enumerate(project.chapters, 1) for scene in chapter.live_scenes]
    for record in project.all_entities():
        units = [[line, [[0, n]]] for n, line in enumerate(record.text.split("\n"), 1) if line.strip()]
        docs.append(Doc(record.rel, record.kind, units, {"id": record.id, "name": record.model.name}))
    return docs


def _reusable(cached: dict | None, current: dict) -> dict[str, list]:
    """Scene paragraphs from the old cache whose file did not change: no need to parse them again."""
    if not cached:
        return {}
    old = cached.get("stamps", {})
    return {d["path"]: d["units"] for d in cached.get("docs", [])
            if d.get("kind") == "scene" and old.get(d["path"]) == current.get(d["path"])}


def _scene_doc(project, scene, order: int, reuse: dict) -> Doc:
    from narrative_cli.insight.text import paragraphs

    units = reuse.get(scene.rel)
    if units is None:
        units = [_unit(p.lines) for p in paragraphs(scene.body, scene.body_line)]
    card = scene.card
    people = [_bare(r) for r in (card.pov, *card.participants) if r]
    meta = {"chapter": order, "ref": scene.ref, "title": scene.title, "pov": _bare(card.pov),
            "characters": sorted(set(people)), "status": card.status}
    return Doc(scene.rel, "scene", units, meta)


def _unit(lines: list[tuple[int, str]]) -> list:
    """A paragraph as one string (so a search runs once per paragraph) and where each line starts in it."""
    starts, offset = [], 0
    for number, text in lines:
        starts.append([offset, number])
        offset += len(text) + 1
    return ["\n".join(text for _, text in lines), starts]


def _bare(ref: str | None) -> str | None:
    """`characters/elena-voss` and `elena-voss` name the same character in filters."""
    return ref.split("/", 1)[1] if ref and "/" in ref else ref


def _read_cache(root: Path) -> dict | None:
    try:
        data = json.loads((root / INDEX_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("version") == INDEX_VERSION else None


def _write_cache(root: Path, data: dict) -> None:
    """Best effort: a read-only checkout still searches, it just does not cache."""
    from narrative_cli.store.files import atomic_write

    try:
        atomic_write(root / INDEX_FILE, json.dumps(data, ensure_ascii=False, separators=(",", ":")))
    except OSError:
        pass

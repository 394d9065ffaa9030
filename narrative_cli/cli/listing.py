"""Rendering for `list` and `show`: rich tables on a terminal, JSON for machines."""

from __future__ import annotations

from narrative_cli.cli.common import OutputFormat
from narrative_cli.cli.render import console, print_json, table


def show_list(project, kind_word: str, deleted: bool, fmt: OutputFormat) -> int:
    if kind_word in ("chapters", "chapter"):
        return _list_chapters(project, fmt)
    if kind_word in ("scenes", "scene"):
        return _list_scenes(project, deleted, fmt)
    from narrative_cli.ops.canon import kind_from_word, list_entities

    kind = kind_from_word(kind_word)
    records = list_entities(project, kind, deleted)
    if fmt is OutputFormat.json:
        print_json([{"ref": r.ref, "id": r.id, "name": r.model.name, "summary": r.model.summary,
                     "path": r.rel, "deleted": r.deleted} for r in records])
        return 0
    rows = [(r.id, r.model.name + (" (deleted)" if r.deleted else ""), r.model.summary or "") for r in records]
    table(f"{kind} ({len(rows)})", ["id", "name", "summary"], rows)
    return 0


def _list_chapters(project, fmt: OutputFormat) -> int:
    data = [{"number": i, "folder": c.rel, "title": c.title, "part": c.card.part, "status": c.card.status,
             "scenes": len(c.live_scenes)} for i, c in enumerate(project.chapters, 1)]
    if fmt is OutputFormat.json:
        print_json(data)
        return 0
    columns = ["#", "folder", "title", *(["part"] if any(d["part"] for d in data) else []), "status", "scenes"]
    table(f"chapters ({len(data)})", columns, [tuple(d[k if k != "#" else "number"] for k in columns) for d in data])
    return 0


def _list_scenes(project, deleted: bool, fmt: OutputFormat) -> int:
    scenes = list(project.all_scenes(include_deleted=deleted))
    data = [{"ref": s.ref, "path": s.rel, "title": s.title, "pov": s.card.pov, "when": s.card.when,
             "status": s.card.status, "words": s.words, "deleted": s.deleted} for s in scenes]
    if fmt is OutputFormat.json:
        print_json(data)
    else:
        table(f"scenes ({len(data)})", ["ref", "title", "pov", "when", "status", "words"],
              [(d["ref"], d["title"], d["pov"], d["when"], d["status"], d["words"]) for d in data])
    return 0


def show_one(project, ref: str, fmt: OutputFormat) -> int:
    from narrative_cli.lookup import find_chapter_or_none, resolve_name
    from narrative_cli.ops.canon import entity_details
    from narrative_cli.refs import find_scene, require

    scene = find_scene(project, ref, required=False)
    chapter = None if scene is not None else find_chapter_or_none(project, ref)
    if scene is not None:
        data = {"ref": scene.ref, "path": scene.rel, "deleted": scene.deleted,
                "card": scene.card.model_dump(mode="json", exclude_defaults=True),
                "words": scene.words}
    elif chapter is not None:
        data = _chapter_details(chapter)
    else:
        data = entity_details(project, require(project, resolve_name(project, ref), include_deleted=True))
    if fmt is OutputFormat.json:
        print_json(data)
        return 0
    _print_details(data)
    return 0


def _chapter_details(chapter) -> dict:
    card = {k: v for k, v in chapter.card.model_dump(mode="json", exclude_defaults=True).items() if v not in ("", None)}
    return {"ref": str(chapter.number), "path": chapter.rel, "deleted": False,
            "card": {"title": chapter.title, **card}, "words": sum(s.words for s in chapter.live_scenes),
            "chapter_scenes": [{"ref": s.ref, "path": s.rel, "title": s.title, "words": s.words}
                               for s in chapter.live_scenes]}


def _print_details(data: dict) -> None:
    from rich.markup import escape

    out = console()
    title = data.get("fields", {}).get("name") or data.get("card", {}).get("title") or data["ref"]
    out.print(f"[bold]{escape(str(title))}[/bold]  {data['ref']}  ({data['path']})"
              + ("  [red]deleted[/red]" if data["deleted"] else ""))
    for key, value in (data.get("fields") or data.get("card") or {}).items():
        out.print(f"  [cyan]{key}[/cyan]: {escape(_flat(value))}")
    if "chapter_scenes" in data:
        out.print(f"  {len(data['chapter_scenes'])} scene(s), {data['words']:,} words")
        for scene in data["chapter_scenes"]:
            out.print(f"    {scene['ref']}  {escape(scene['title'])}  ({scene['words']:,} words)")
    if "scenes" in data:
        if data["scenes"]:
            out.print(f"  appears in {len(data['scenes'])} scene(s): {', '.join(data['scenes'][:8])}"
                      + (" ..." if len(data["scenes"]) > 8 else ""))
        else:
            out.print("  appears in no scene")
        if data["referenced_by"]:
            out.print(f"  referenced by: {', '.join(data['referenced_by'])}")


def _flat(value) -> str:
    if isinstance(value, list):
        return ", ".join(_flat(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}={_flat(v)}" for k, v in value.items())
    return str(value)

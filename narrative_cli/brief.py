"""`narrative brief SCENE`: everything needed to draft or revise a scene, for a person or a model.

Read-only: it loads the project and assembles the scene's card, the canon of
its cast and place, the scenes around it, the events so far, each speaker's
voice (canon notes, measured traits, sample lines) and the open findings of
`narrative check` in that scene. Markdown or JSON.
"""

from __future__ import annotations

from narrative_cli.checks.story.context import Point, StoryContext

CANON_FIELDS = ("role", "status", "born", "died", "summary", "voice", "region", "parent", "owner", "notes")


def brief(project, ref: str) -> dict:
    from narrative_cli.refs import find_scene

    scene = find_scene(project, ref)
    ctx = StoryContext(project)
    live = ctx.scenes
    at = live.index(scene) if scene in live else -1
    prose = ctx.prose.scene(scene)
    place = ctx.resolve(scene.card.location, ("locations",))
    return {
        "scene": {"ref": scene.ref, "path": scene.rel, "title": scene.title,
                  "chapter": scene.chapter.title, "words": scene.words,
                  "card": scene.card.model_dump(mode="json", exclude_defaults=True)},
        "chapter_synopsis": scene.chapter.card.synopsis,
        "previous": _neighbour(live[at - 1]) if at > 0 else None,
        "next": _neighbour(live[at + 1]) if 0 <= at < len(live) - 1 else None,
        "cast": [_canon(ctx, r) for r in prose.cast],
        "location": _canon(ctx, place) if place else None,
        "events_so_far": _events(ctx, scene, prose.cast, place),
        "voices": _voices(project, prose.cast),
        "findings": _findings(project, scene),
    }


def _neighbour(scene) -> dict:
    card = scene.card
    summary = card.summary or card.what_changes or _opening(scene.prose)
    return {"ref": scene.ref, "title": scene.title, "when": card.when, "pov": card.pov, "summary": summary}


def _opening(body: str, words: int = 40) -> str:
    text = " ".join(body.split()[:words])
    return text + (" ..." if len(body.split()) > words else "")


def _canon(ctx: StoryContext, ref: str) -> dict:
    record = ctx.record(ref)
    model = record.model
    data = {"ref": record.ref, "name": model.name, "aliases": list(model.aliases), "path": record.rel}
    for field in CANON_FIELDS:
        value = getattr(model, field, None)
        if value:
            data[field] = value
    if model.relationships:
        data["relationships"] = [r.model_dump(mode="json", exclude_none=True) for r in model.relationships]
    return data


def _events(ctx: StoryContext, scene, cast: list[str], place: str | None) -> list[dict]:
    """Dated events up to this scene's `when` that involve its cast or place."""
    now = ctx.point(scene)
    found = []
    for event in ctx.project.entities.get("events", {}).values():
        m = event.model
        involved = {ctx.resolve(p, ("characters",)) for p in m.participants} | {ctx.resolve(m.location, ("locations",))}
        if event.deleted or not m.when or not (involved & {*cast, place}):
            continue
        if now.when and Point(m.when).compare(Point(now.when)) <= 0:
            found.append({"ref": event.ref, "name": m.name, "when": m.when, "summary": m.summary,
                          "consequences": [c.model_dump(mode="json") for c in m.consequences]})
    return sorted(found, key=lambda e: e["when"])


def _voices(project, cast: list[str]) -> list[dict]:
    from narrative_cli.voice.report import fit, traits

    model, voiced = fit(project)
    found = []
    for ref in cast:
        record = project.entities["characters"][ref.split("/", 1)[1]]
        passages = voiced.get(ref, [])
        lines = sorted((p for p in passages), key=lambda p: -p.words)[:1]
        sample = [line.strip() for p in lines for line in p.text.split("\n") if 4 <= len(line.split()) <= 30][:3]
        measured = traits(model, ref, "\n".join(p.text for p in passages)) if model and ref in model.centroids else []
        found.append({"character": record.id, "name": record.model.name, "canon": record.model.voice,
                      "traits": measured, "sample_lines": sample})
    return found


def _findings(project, scene) -> list[dict]:
    from narrative_cli.checks.story import run

    return [d.to_json() for d in run(project) if d.location.path == scene.rel]

def to_markdown(data: dict) -> str:
    """Headings a writer scans, lists a model can follow."""
    s = data["scene"]
    out = [f"# Brief: {s['ref']} {s['title']}", "",
           f"Chapter: {s['chapter']}. File: `{s['path']}` ({s['words']} words so far).", ""]
    if data["chapter_synopsis"]:
        out += [f"Chapter synopsis: {data['chapter_synopsis']}", ""]
    out += ["## Scene card", ""] + [f"- **{k}**: {_flat(v)}" for k, v in s["card"].items()] + [""]
    for label, key in (("Previous scene", "previous"), ("Next scene", "next")):
        n = data[key]
        if n:
            when = f", {n['when']}" if n["when"] else ""
            out += [f"## {label}: {n['ref']} {n['title']}{when}", "", n["summary"] or "(no summary)", ""]
    out += ["## Cast", ""]
    for c in data["cast"]:
        out += _entity(c)
    if data["location"]:
        out += ["## Location", ""] + _entity(data["location"])
    if data["events_so_far"]:
        out += ["## Events so far", ""]
        for e in data["events_so_far"]:
            out.append(f"- {e['when']}: **{e['name']}**. {e['summary'] or ''}".rstrip())
        out.append("")
    out += ["## Voices", ""] + _voices_markdown(data["voices"])
    out += ["## Open findings", ""]
    out += [f"- line {d['line']}: {d['severity']} {d['code']}: {d['message']}" for d in data["findings"]] or ["- none"]
    return "\n".join(out).rstrip() + "\n"


def _voices_markdown(voices: list[dict]) -> list[str]:
    out = []
    for v in voices:
        out += [f"### {v['name']}", ""]
        if v["canon"]:
            out.append(f"- canon: {v['canon']}")
        out += [f"- measured: {t}" for t in v["traits"]]
        out += [f"- says: \"{line}\"" for line in v["sample_lines"]]
        out.append("")
    return out


def _entity(c: dict) -> list[str]:
    aliases = f" (also {', '.join(c['aliases'])})" if c["aliases"] else ""
    lines = [f"### {c['name']}{aliases}", ""]
    for key, value in c.items():
        if key not in ("ref", "name", "aliases", "path", "relationships"):
            lines.append(f"- **{key}**: {_flat(value)}")
    for r in c.get("relationships", []):
        lines.append(f"- **{r['kind']}** of {r['to']}" + (f": {r['note']}" if r.get("note") else ""))
    return lines + [""]


def _flat(value) -> str:
    if isinstance(value, list):
        return ", ".join(_flat(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}={_flat(v)}" for k, v in value.items())
    return " ".join(str(value).split())

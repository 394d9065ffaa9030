"""Every page of the site as (relative path, text), rendered by Jinja2 with autoescaping on.

Templates live in templates/site/; nothing here builds HTML by concatenation except through
markupsafe (prose.py). Links are relative, so the folder works from file:// and any host.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Iterator

from narrative_cli.printable import printable
from narrative_cli.site.data import SiteData, kinds_in_order

NAV = (("index.html", "Home"), ("book/index.html", "Manuscript"), ("canon/index.html", "Canon"),
       ("timeline.html", "Timeline"), ("map.html", "Map"), ("findings.html", "Findings"),
       ("stats.html", "Stats"), ("search.html", "Search"))


@lru_cache(maxsize=1)
def environment():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    from narrative_cli.templates import template_path

    env = Environment(loader=FileSystemLoader(str(template_path("site"))), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, finalize=_visible)
    env.filters["number"] = lambda n: f"{n:,}"
    env.filters["value"] = _value
    env.filters["iso"] = _iso
    return env


def _visible(value):
    """Control characters (ESC sequences, bidi overrides) shown as `\\x1b`, as the terminal shows them.
    A plain str only: Markup (a str subclass) is already made safe by prose.py."""
    return printable(value) if type(value) is str else value


def _iso(when: int) -> str:
    from narrative_cli.site.changes import iso

    return iso(when)


def _value(value) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(_value(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_value(v)}" for k, v in value.items())
    return "" if value is None else str(value)


def render(name: str, path: str, data: SiteData, **values) -> tuple[str, str]:
    depth = path.count("/")
    base = "../" * depth
    page = environment().get_template(name).render(
        base=base, path=path, nav=NAV, site=data, title_of=data.title, **values)
    return path, page


def all_pages(data: SiteData) -> Iterator[tuple[str, str]]:
    yield home(data)
    yield render("contents.html", "book/index.html", data, chapters=data.chapters)
    for chapter in data.chapters:
        yield chapter_page(data, chapter)
    yield canon_index(data)
    for info in data.entities.values():
        yield entity_page(data, info)
    yield timeline_page(data)
    yield map_page(data)
    yield findings_page(data)
    yield render("search.html", "search.html", data)
    yield "assets/search-index.js", search_index(data)
    yield stats_page(data)


def home(data: SiteData) -> tuple[str, str]:
    target = data.target
    share = min(1.0, data.words / target) if target else None
    counts = [(kind, sum(e.kind == kind for e in data.entities.values())) for kind in kinds_in_order()]
    recent = data.changes.recent if data.changes else []
    return render("home.html", "index.html", data, share=share, counts=counts, recent=recent,
                  progress=data.progress, scenes=len(data.scenes))


def chapter_page(data: SiteData, chapter: dict) -> tuple[str, str]:
    from narrative_cli.site.prose import blocks_html

    at = data.chapters.index(chapter)
    before = data.chapters[at - 1] if at else None
    after = data.chapters[at + 1] if at + 1 < len(data.chapters) else None
    scenes = [(s, blocks_html(s.blocks, data.book.scene_break)) for s in chapter["scenes"]]
    return render("chapter.html", chapter["url"], data, chapter=chapter, scenes=scenes, before=before, after=after)


def canon_index(data: SiteData) -> tuple[str, str]:
    groups = [(kind, sorted((e for e in data.entities.values() if e.kind == kind), key=lambda e: e.name.casefold()))
              for kind in kinds_in_order()]
    return render("canon.html", "canon/index.html", data, groups=groups)


def entity_page(data: SiteData, info) -> tuple[str, str]:
    model = info.record.model
    fields = [(k, v) for k, v in model.model_dump(exclude_none=True).items()
              if k not in ("name", "aliases", "summary", "relationships", "deleted_at", "deleted_by", "custom",
                           "consequences", "notes", "parent", "leader", "members", "owner", "participants",
                           "location") and v not in ([], {}, "")]
    return render("entity.html", info.url, data, e=info, model=model, fields=fields,
                  custom=getattr(model, "custom", {}) or {})


def timeline_page(data: SiteData) -> tuple[str, str]:
    from narrative_cli.site.timeline import timeline

    return render("timeline.html", "timeline.html", data, t=timeline(data))


def map_page(data: SiteData) -> tuple[str, str]:
    from narrative_cli.site.graph import SIZE, graph, layout

    nodes, edges = graph(data)
    pos = layout(nodes, edges)
    return render("map.html", "map.html", data, nodes=nodes, edges=edges, pos=pos, size=int(SIZE))


def findings_page(data: SiteData) -> tuple[str, str]:
    rows = []
    canon = {e.record.rel: e for e in data.entities.values()}
    for d in data.findings:
        scene = data.scenes.get(d.location.path)
        target = scene.url if scene else canon[d.location.path].url if d.location.path in canon else None
        rows.append((d, target, scene))
    return render("findings.html", "findings.html", data, rows=rows)


def stats_page(data: SiteData) -> tuple[str, str]:
    """The `stats --html` report as it is, with the site's navigation added at the top of its body."""
    import datetime as _dt

    from narrative_cli.insight.report_html import render_report
    from narrative_cli.insight.stats import compute_stats

    day = _dt.date.fromisoformat(data.progress["as_of"]) if data.progress else \
        _dt.datetime.fromtimestamp(data.epoch, _dt.timezone.utc).date()
    words = {s.rel: s.words for s in data.scenes.values()}  # the Manuscript's counts: one parse
    page = render_report(compute_stats(data.project, words), day, data.progress)
    _, nav = render("nav.html", "stats.html", data)
    page = page.replace("<title>", '<link rel="stylesheet" href="assets/site.css">\n<title>', 1)  # the report's own rules follow it
    return "stats.html", page.replace("<body>", "<body>\n" + nav, 1)


def search_index(data: SiteData) -> str:
    docs = []
    for e in data.entities.values():
        model = e.record.model
        docs.append({"t": e.name, "k": e.kind[:-1] if e.kind != "magic" else "magic", "u": e.url,
                     "a": " ".join(str(a) for a in model.aliases), "s": str(model.summary or "")})
    for chapter in data.chapters:
        for s in chapter["scenes"]:
            docs.append({"t": s.title or s.name, "k": "scene " + s.ref, "u": s.url, "a": "", "s": str(s.card.summary or "")})

    docs = [{k: printable(v) for k, v in d.items()} for d in docs]
    text = json.dumps(docs, ensure_ascii=True, separators=(",", ":")).replace("<", "\\u003c")
    return f"window.NARRATIVE_SEARCH = {text};\n"

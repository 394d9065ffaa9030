"""The Markdown form of a scene brief: headings a writer scans, lists a model can follow."""

from __future__ import annotations


def render(data: dict) -> str:
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
    out += ["## Voices", ""]
    for v in data["voices"]:
        out.append(f"### {v['name']}")
        out.append("")
        if v["canon"]:
            out.append(f"- canon: {v['canon']}")
        out += [f"- measured: {t}" for t in v["traits"]]
        out += [f"- says: \"{line}\"" for line in v["sample_lines"]]
        out.append("")
    out += ["## Open findings", ""]
    out += [f"- line {d['line']}: {d['severity']} {d['code']}: {d['message']}" for d in data["findings"]] or ["- none"]
    return "\n".join(out).rstrip() + "\n"


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

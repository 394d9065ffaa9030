"""The story diff as GitHub/GitLab-flavoured Markdown, to post as a pull request comment.

Prose is escaped (a scene's `*` must not turn the comment bold), removed
words are ~~struck~~ and added words **bold**, and the comment stays under
the 65,536 characters both forges accept.
"""

from __future__ import annotations

import json
import re
from typing import Any

from narrative_cli.review.model import EntityDiff, SceneDiff, StoryDiff, summary_line

MAX_CHARS = 60_000
_SPECIAL = re.compile(r"([\\`*_~\[\]<>|#])")
HEADING = "### Story diff"


def escape(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", text.replace("\n", " "))


def code(value: Any) -> str:
    """An inline code span that survives backticks inside the value."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = text.replace("\n", " ")
    if not text:
        return '`""`'
    fence = "`" * (max((len(m) for m in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def value(v: Any) -> str:
    return "*(none)*" if v is None or v == [] or v == {} else code(v)


def marked(op: str, text: str) -> str:
    """Wrap a changed span, keeping its outer spaces outside the markers so they render."""
    core = text.strip()
    if not core:
        return text
    lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()):]
    mark = "~~" if op == "-" else "**"
    return f"{lead}{mark}{escape(core)}{mark}{trail}"


def sentence_line(change) -> str:
    if change.kind == "added":
        return f"- ➕ **{escape(change.new)}**"
    if change.kind == "removed":
        return f"- ➖ ~~{escape(change.old)}~~"
    parts, previous = [], "="
    for op, text in change.words:
        if op == "+" and previous == "-":
            parts.append(" ")  # ~~old~~ **new** reads better than ~~old~~**new**
        parts.append(escape(text) if op == "=" else marked(op, text))
        previous = op
    return "- ✏️ " + "".join(parts)


def _range(diff: StoryDiff) -> str:
    def short(label: str, commit: str | None) -> str:
        return code(commit[:10]) if commit else label

    return f"{short(diff.old_label, diff.old_commit)} → {short(diff.new_label, diff.new_commit)}"


def scene_section(scene: SceneDiff) -> list[str]:
    path = code(scene.old_path) + (f" → {code(scene.new_path)}" if scene.new_path != scene.old_path else "") \
        if scene.old_path else code(scene.new_path)
    lines = [f"- **{escape(scene.title)}** {path}: {scene_verbs(scene)}"]
    lines += [f"  - {code(f.field)}: {value(f.old)} → {value(f.new)}" for f in scene.fields]
    if scene.status == "changed" and scene.text.changes:
        n = len(scene.text.changes)
        lines += ["", f"  <details><summary>{n} sentence{'s' * (n != 1)} changed</summary>", ""]
        lines += ["  " + sentence_line(c) for c in scene.text.changes]
        lines += ["", "  </details>", ""]
    return lines


def scene_verbs(scene: SceneDiff) -> str:
    words = f"+{scene.text.words_added} −{scene.text.words_removed} words"
    if scene.status != "changed":
        return f"{scene.status} ({words})"
    verbs = [v for v in (scene.move, scene.lifecycle) if v]
    if scene.text.changed:
        verbs.append(f"edited ({words})")
    if scene.fields:
        verbs.append("card changed")
    return ", ".join(verbs)


def entity_section(entity: EntityDiff) -> list[str]:
    where = code(entity.ref)
    if entity.renamed:
        where = f"{code(f'{entity.kind}/{entity.old_id}')} → {code(entity.ref)}"
    verbs = [v for v in (entity.status if entity.status != "changed" else None,
                         "renamed" if entity.renamed else None, entity.lifecycle) if v]
    verbs += ["fields changed"] if entity.fields else []
    lines = [f"- **{escape(entity.name)}** {where}: {', '.join(verbs)}"]
    lines += [f"  - {code(f.field)}: {value(f.old)} → {value(f.new)}" for f in entity.fields]
    return lines


def render_markdown(diff: StoryDiff) -> str:
    out = [f"{HEADING} {_range(diff)}", "", f"**{escape(summary_line(diff))}**", ""]
    out += [f"> ⚠️ {escape(note)}" for note in diff.notes] + ([""] if diff.notes else [])
    if diff.chapters:
        out += ["#### Chapters", ""]
        for c in diff.chapters:
            path = code(c.old_path) + (f" → {code(c.new_path)}" if c.new_path and c.new_path != c.old_path else "") \
                if c.old_path else code(c.new_path)
            verbs = ", ".join(v for v in (c.status if c.status != "changed" else None, c.move,
                                          "card changed" if c.fields else None) if v)
            out.append(f"- **{escape(c.title)}** {path}: {verbs}")
            out += [f"  - {code(f.field)}: {value(f.old)} → {value(f.new)}" for f in c.fields]
        out.append("")
    sections = [("#### Scenes", [scene_section(s) for s in diff.scenes]),
                ("#### Canon", [entity_section(e) for e in diff.canon]),
                ("#### Project settings", [[f"- {code(f.field)}: {value(f.old)} → {value(f.new)}"]
                                           for f in diff.project])]
    for heading, items in sections:
        if items:
            out += [heading, ""] + [line for item in items for line in item] + [""]
    return _truncate("\n".join(out).rstrip() + "\n")


def _truncate(text: str) -> str:
    if len(text) <= MAX_CHARS:
        return text
    cut = text.rfind("\n", 0, MAX_CHARS)
    return text[:cut] + "\n\n*… cut to fit a comment; run `narrative diff` for the whole diff.*\n"

"""What an edit made in an editor changed (for `narrative commit`).

Nothing here trusts what the user says changed: the changed paths and the
field-by-field differences come from the real diff against HEAD.
"""

from __future__ import annotations

import json
from pathlib import Path

from narrative_cli.errors import NarrativeError
from narrative_cli.trust.roles import PathChange


def entity_of(path: str) -> str | None:
    """`canon/characters/elena-voss.yaml` -> `characters/elena-voss`; a scene is its own path."""
    parts = path.split("/")
    if len(parts) == 3 and parts[0] == "canon" and parts[2].endswith(".yaml"):
        return f"{parts[1]}/{parts[2][:-5]}"
    if parts[0] == "manuscript" and path.endswith(".md"):
        return path
    return None


def _data(path: str, text: str | None) -> dict:
    """Top-level fields of a canon file or a scene card; {} when absent or unreadable."""
    from narrative_cli.store.files import split_front_matter
    from narrative_cli.store.yamlio import load_yaml

    if not text:
        return {}
    if path.endswith(".md"):
        fm, _ = split_front_matter(text, path)
        text = fm.yaml_text if fm and fm.yaml_text else ""
    data = load_yaml(text, path).data if text else None
    return data if isinstance(data, dict) else {}


def field_changes(path: str, old: str | None, new: str | None) -> list[tuple[str, object, object]]:
    """(field, old value, new value) for each top-level field that differs."""
    before, after = _data(path, old), _data(path, new)
    return [(key, before.get(key), after.get(key)) for key in sorted(set(before) | set(after), key=str)
            if before.get(key) != after.get(key)]


def field_lines(path: str, old: str | None, new: str | None) -> list[str]:
    """`characters/elena-voss status "alive" -> "dead"` for each field that differs."""
    entity = entity_of(path)
    if entity is None:
        return []
    return [f"{entity} {key} {show(a)} -> {show(b)}" for key, a, b in field_changes(path, old, new)]


def show(value: object) -> str:
    return "-" if value is None else json.dumps(value, ensure_ascii=False, default=str, sort_keys=True)


def changed_paths(root: Path) -> list[str]:
    from narrative_cli.history.git import git

    out = git(root, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--no-renames")
    paths = []
    for entry in out.split("\0"):
        if len(entry) > 3:
            paths.append(entry[3:])
    return sorted(p for p in paths if not p.startswith(".narrative/"))


def action_for(changes: list[PathChange]) -> str:
    from narrative_cli.trust.roles import MANIFEST_FILES, is_content

    if any(c.path in MANIFEST_FILES for c in changes):
        return "manage_collaborators"
    added = {c.new for c in changes if c.old is None}
    if any(c.new is None and is_content(c.path) and c.old not in added for c in changes):
        return "purge"
    return "edit"


def renamed(changes: list[PathChange]) -> set[str]:
    """Paths removed or added only to move a file: the same blob left one path and arrived at another."""
    gone = {c.old: c.path for c in changes if c.new is None and c.old}
    came = {c.new: c.path for c in changes if c.old is None and c.new}
    return {path for blob in gone.keys() & came.keys() for path in (gone[blob], came[blob])}


def blob_text(root: Path, blob: str | None) -> str | None:
    from narrative_cli.history.git import git

    if blob is None:
        return None
    try:
        return git(root, "cat-file", "blob", blob)
    except NarrativeError:
        return None

"""`narrative rename REF "New Name" [--id new-id]`: a canon entity's name, and its id with every reference.

A new id is its own commit: the file moves with its bytes unchanged (Git and
`history` see a 100% rename; a manifest role with `edit` may make it) and every
reference in canon files and scene cards follows in that same commit. The new
name is a second commit, an ordinary field edit. Prose is the writer's: mentions
of the old name are listed, never rewritten.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from narrative_cli.errors import UsageError
from narrative_cli.refs import require
from narrative_cli.slug import id_for
from narrative_cli.store.files import split_front_matter
from narrative_cli.store.project import EntityRecord, Project
from narrative_cli.store.yamlio import edit_yaml
from narrative_cli.ops.writes import Change, FieldChange

# Keys whose values are the writer's words, never references.
FREE_TEXT = frozenset({"name", "aliases", "summary", "notes", "note", "voice", "title", "part", "synopsis", "goal",
                       "conflict", "entering_value", "exiting_value", "what_changes", "custom", "deleted_by"})


@dataclass
class Mention:
    path: str
    line: int
    column: int
    text: str  # the line around the mention, at most about 100 characters


@dataclass
class RenamePlan:
    changes: list[Change]
    ref: str  # the entity's ref after the rename
    mentions: list[Mention] = field(default_factory=list)
    references: list[str] = field(default_factory=list)  # files whose references follow the new id


def plan_rename(project: Project, ref: str, new_name: str, new_id: str | None = None) -> RenamePlan:
    record = require(project, ref)
    if not new_name.strip():
        raise UsageError("the new name is empty", hint=f'narrative rename {record.id} "New Name"')
    new_name = new_name.strip()
    changes, references, current = [], [], record
    if new_id is not None and new_id != record.id:
        new_id = id_for(new_name, new_id)
        change, references = _id_change(project, record, new_id)
        changes.append(change)
        current = EntityRecord(record.kind, new_id, f"canon/{record.kind}/{new_id}.yaml", record.text, record.model)
    if new_name != record.model.name:
        changes.append(_name_change(current, new_name))
    if not changes:
        raise UsageError(f"{record.ref} is already called '{new_name}'",
                         hint="give a different name, or a new id with --id")
    # aliases stay valid after a rename: only the old name itself is the writer's to revise
    mentions = prose_mentions(project, [record.model.name]) if new_name != record.model.name else []
    return RenamePlan(changes, current.ref, mentions, references)


def _name_change(record: EntityRecord, new_name: str) -> Change:
    def rename(tree):
        tree["name"] = new_name

    return Change("edit", f"Rename {record.ref}: {record.model.name} -> {new_name}",
                  {record.rel: edit_yaml(record.text, rename)}, entity=record.ref,
                  fields=[FieldChange(record.ref, "name", record.model.name, new_name)])


def _id_change(project: Project, record: EntityRecord, new_id: str) -> tuple[Change, list[str]]:
    new_rel = f"canon/{record.kind}/{new_id}.yaml"
    if (project.root / new_rel).exists():
        raise UsageError(f"{new_rel} already exists", hint="choose another id with --id")
    clash = [r for r in project.ids_by_stem().get(new_id, []) if r.kind != record.kind]
    new_ref = f"{record.kind}/{new_id}"
    files: dict[str, str | None] = {record.rel: None, new_rel: record.text}
    for rel, text in _referring_files(project, record, new_id, new_ref, bool(clash)):
        files[rel] = text
    references = sorted(p for p in files if p not in (record.rel, new_rel))
    summary = f"Rename {record.ref} -> {new_ref}" + (f" ({len(references)} referring file"
                                                     f"{'s' * (len(references) != 1)} follow)" if references else "")
    return Change("edit", summary, files, entity=new_ref,
                  fields=[FieldChange(new_ref, "id", record.id, new_id)]), references


def _referring_files(project: Project, record: EntityRecord, new_id: str, new_ref: str, qualify: bool):
    """(path, new text) for every canon file and scene card that names the entity."""
    def replacement(value: str) -> str:
        return new_ref if value == record.ref or qualify else new_id

    for other in project.all_entities(include_deleted=True):
        if other.rel != record.rel and _names(other.model.model_dump(mode="json"), record):
            yield other.rel, edit_yaml(other.text, lambda tree: _replace(tree, record, replacement))
    for scene in project.all_scenes(include_deleted=True):
        card = scene.card.model_dump(mode="json")
        if _names(card, record):
            yield scene.rel, _edit_card(scene.text, scene.rel, lambda tree: _replace(tree, record, replacement))


def _edit_card(text: str, rel: str, change) -> str:
    fm, _ = split_front_matter(text, rel)
    return f"---\n{edit_yaml(fm.yaml_text, change)}---\n{fm.body}"


def _names(value, record: EntityRecord) -> bool:
    if isinstance(value, str):
        return value in (record.id, record.ref)
    if isinstance(value, dict):
        return any(_names(v, record) for k, v in value.items() if k not in FREE_TEXT)
    if isinstance(value, list):
        return any(_names(v, record) for v in value)
    return False


def _replace(tree, record: EntityRecord, replacement) -> None:
    """Replace, in place (comments, order and flow style stay), every reference to `record`."""
    items = tree.items() if isinstance(tree, dict) else enumerate(tree) if isinstance(tree, list) else ()
    for key, value in list(items):
        if isinstance(key, str) and key in FREE_TEXT:
            continue
        if isinstance(value, str) and value in (record.id, record.ref):
            tree[key] = replacement(str(value))
        elif isinstance(value, (dict, list)):
            _replace(value, record, replacement)


def prose_mentions(project: Project, names: list[str]) -> list[Mention]:
    """Every prose line naming the entity by one of its (old) names: for the writer to revise by hand."""
    words = sorted({n for n in names if n.strip()}, key=len, reverse=True)
    if not words:
        return []
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)")
    found = []
    for scene in project.all_scenes():
        for offset, line in enumerate(scene.prose.split("\n")):
            match = pattern.search(line)
            if match:
                left = max(0, match.start() - 40)
                snippet = line[left:match.end() + 60].strip()
                found.append(Mention(scene.rel, scene.body_line + offset, match.start() + 1,
                                     ("..." if left else "") + snippet + ("..." if match.end() + 60 < len(line) else "")))
    return found

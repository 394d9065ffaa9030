"""Canon entities: create, list, show, soft delete and restore."""

from __future__ import annotations

import datetime as _dt

from narrative_cli.errors import UsageError
from narrative_cli.model.canon import KIND_BY_SINGULAR, KIND_MODELS, SINGULAR
from narrative_cli.ops.writes import Change, FieldChange
from narrative_cli.refs import Target, find_target
from narrative_cli.slug import id_for
from narrative_cli.store.files import split_front_matter
from narrative_cli.store.project import EntityRecord, Project, Scene
from narrative_cli.store.yamlio import dump_yaml, edit_yaml

# Commented hints written into new files: the writer sees every field without reading docs.
FIELD_HINTS = {
    "characters": "# role: protagonist\n# status: alive      # alive | dead | missing | unknown\n"
                  "# born: \"290-01-01\"  # story date or event id\n# voice: short sentences, no contractions\n",
    "locations": "# region: the coast\n# parent: another-location\n",
    "factions": "# leader: a-character\n# members: [a-character]\n",
    "items": "# owner: a-character\n# properties: {material: iron}\n",
    "magic": "# rules: [what it does]\n# costs: [what it takes]\n# limits: [what it cannot do]\n",
    "events": "# when: \"312-04-02\"\n# participants: [a-character]\n# location: a-location\n"
              "# consequences: [{entity: a-character, change: {status: dead}}]\n",
}
COMMON_HINT = "# aliases: [Other Name]\n# summary: One or two sentences.\n# relationships: [{to: other-id, kind: ally}]\n"


def kind_from_word(word: str) -> str:
    """`character` or `characters` -> `characters`."""
    kind = KIND_BY_SINGULAR.get(word, word)
    if kind not in KIND_MODELS:
        raise UsageError(f"unknown kind '{word}'", hint=f"kinds are: {', '.join(SINGULAR.values())}")
    return kind


def new_entity(project: Project, kind: str, name: str, explicit_id: str | None = None) -> Change:
    name = " ".join(name.split())  # stray spaces from the shell are not part of a name
    if not name:
        raise UsageError("the name is empty", hint='give a name, e.g. narrative new character "Bob Baker"')
    ident = id_for(name, explicit_id)
    taken = project.ids_by_stem().get(ident, [])
    if any(r.kind == kind for r in taken) or (project.root / "canon" / kind / f"{ident}.yaml").exists():
        raise UsageError(f"{kind}/{ident} already exists",
                         hint=f"choose another id with --id, e.g. --id {ident}-2")
    text = dump_yaml({"name": name}) + COMMON_HINT + FIELD_HINTS[kind]
    ref = f"{kind}/{ident}"
    note = f" (also {', '.join(r.ref for r in taken)}: refer to it as {ref})" if taken else ""
    return Change("create", f"Create {ref}{note}", {f"canon/{kind}/{ident}.yaml": text}, entity=ref,
                  fields=[FieldChange(ref, "name", None, name)])


def soft_delete(project: Project, ref: str, actor: str, now: _dt.datetime | None = None) -> Change:
    target = find_target(project, ref)
    if target.deleted:
        raise UsageError(f"{target.ref} is already deleted", hint=f"`narrative restore {target.ref}` brings it back")
    stamp = (now or _dt.datetime.now(_dt.timezone.utc)).replace(microsecond=0).isoformat().replace("+00:00", "Z")

    def mark(tree):
        tree["deleted_at"] = stamp
        tree["deleted_by"] = actor

    text = _edit(target, mark)
    fields = [FieldChange(target.ref, "deleted_at", None, stamp)]
    return Change("delete", f"Delete {target.ref}", {target.rel: text}, entity=target.ref, fields=fields)


def restore(project: Project, ref: str) -> Change:
    target = find_target(project, ref)
    if not target.deleted:
        raise UsageError(f"{target.ref} is not deleted")

    def unmark(tree):
        tree.pop("deleted_at", None)
        tree.pop("deleted_by", None)

    text = _edit(target, unmark)
    return Change("restore", f"Restore {target.ref}", {target.rel: text}, entity=target.ref,
                  fields=[FieldChange(target.ref, "deleted_at", "set", None)])


def _edit(target: Target, change) -> str:
    if not target.is_scene:
        return edit_yaml(target.text, change)
    fm, _ = split_front_matter(target.text, target.rel)
    card = edit_yaml(fm.yaml_text if fm and fm.yaml_text is not None else "", change)
    body = fm.body if fm else target.text
    if not card.strip():  # a scene that had no card gets none back (restore is byte for byte)
        return body
    return f"---\n{card}---\n{body}"


def list_entities(project: Project, kind: str, include_deleted: bool = False) -> list[EntityRecord]:
    return sorted((r for r in project.entities.get(kind, {}).values() if include_deleted or not r.deleted),
                  key=lambda r: r.id)


def entity_details(project: Project, record: EntityRecord) -> dict:
    """Everything `show` prints: the fields, and where the entity is used."""
    data = record.model.model_dump(mode="json", exclude_defaults=True)
    return {
        "ref": record.ref,
        "id": record.id,
        "kind": record.kind,
        "path": record.rel,
        "deleted": record.deleted,
        "fields": data,
        "scenes": [s.rel for s in project.all_scenes() if _scene_uses(s, record)],
        "referenced_by": sorted(_referenced_by(project, record)),
    }


def _scene_uses(scene: Scene, record: EntityRecord) -> bool:
    card = scene.card
    refs = {card.pov, card.location, *card.participants}
    return record.id in refs or record.ref in refs


def _referenced_by(project: Project, record: EntityRecord) -> set[str]:
    found = set()
    for other in project.all_entities():
        if other is record:
            continue
        dumped = other.model.model_dump(mode="json")
        if _mentions(dumped, record):
            found.add(other.ref)
    return found


def _mentions(value, record: EntityRecord) -> bool:
    if isinstance(value, str):
        return value in (record.id, record.ref)
    if isinstance(value, dict):
        return any(_mentions(v, record) for k, v in value.items() if k not in ("name", "summary", "notes"))
    if isinstance(value, list):
        return any(_mentions(v, record) for v in value)
    return False


def purge_change(project, ref: str):
    """A hard delete of one entity file or scene file."""
    from narrative_cli.ops.writes import Change

    target = find_target(project, ref)
    return Change("purge", f"Purge {target.ref}", {target.rel: None}, entity=target.ref)

"""`narrative suggest --apply`: turn suggestions into stub canon files, in one audited commit.

Each stub is made by ops.canon.new_entity (the same file `narrative new`
writes), with the other spellings seen in the prose as aliases; all of them
go through writes.apply as one Change, so one apply is one commit.
"""

from __future__ import annotations

from narrative_cli.ops.canon import kind_from_word, new_entity
from narrative_cli.errors import UsageError
from narrative_cli.store.project import Project
from narrative_cli.store.yamlio import edit_yaml
from narrative_cli.ops.writes import Change

KIND_PLURAL = {"character": "characters", "location": "locations", "faction": "factions"}


def plan_stubs(project: Project, suggestions: dict, names: list[str], kind: str | None) -> Change:
    kind = kind_from_word(kind) if kind else None
    chosen = _pick(suggestions["entities"], names, kind)
    files, fields, refs = {}, [], []
    for entry, entry_kind in chosen:
        change = new_entity(project, entry_kind, entry["name"])
        (rel, text), = change.files.items()
        if rel in files:
            raise UsageError(f"two suggestions would both create {rel}", hint="apply them one at a time")
        files[rel] = _with_aliases(text, entry)
        fields += change.fields
        refs.append(change.entity)
    summary = f"Create {refs[0]} from suggestions" if len(refs) == 1 else \
        f"Create {len(refs)} entities from suggestions: {', '.join(refs)}"
    return Change("create", summary, files, entity=refs[0] if len(refs) == 1 else None, fields=fields)


def _pick(entities: list[dict], names: list[str], kind: str | None) -> list[tuple[dict, str]]:
    if not names:
        chosen = [(e, KIND_PLURAL[e["kind"]]) for e in entities
                  if e["kind"] in KIND_PLURAL and kind in (None, KIND_PLURAL[e["kind"]])]
        if not chosen:
            raise UsageError("no suggestion to apply" + (f" of kind {kind}" if kind else " with a known kind"),
                             hint="name them: narrative suggest --apply --kind character NAME")
        return chosen
    return [_named(entities, name, kind) for name in names]


def _named(entities: list[dict], name: str, kind: str | None) -> tuple[dict, str]:
    folded = name.casefold()
    for entry in entities:
        if folded == entry["name"].casefold() or folded in (f.casefold() for f in entry["forms"]):
            entry_kind = kind or KIND_PLURAL.get(entry["kind"])
            if entry_kind is None:
                raise UsageError(f"cannot guess the kind of '{entry['name']}'",
                                 hint=f"give it: narrative suggest --apply --kind character \"{entry['name']}\"")
            return entry, entry_kind
    raise UsageError(f"no suggestion named '{name}'",
                     hint="run `narrative suggest` to see them (lower --min-count for rarer names)")


def _with_aliases(text: str, entry: dict) -> str:
    aliases = [f for f in entry["forms"] if f.casefold() != entry["name"].casefold()]
    if not aliases:
        return text

    def add(tree):
        from ruamel.yaml.comments import CommentedSeq

        seq = CommentedSeq(aliases)
        seq.fa.set_flow_style()  # aliases: [Marta, Miss Holt], like the examples
        tree["aliases"] = seq

    return edit_yaml(text, add)

"""Loading only what checking a few files needs, so every write can be revalidated cheaply.

After a command writes `canon/characters/bob-baker.yaml`, the write path must
know that the file validates. Reloading a 5,000-scene project for that costs a
second; the errors that can sit in the touched files depend only on:
- the files themselves (YAML, schema, front matter),
- the names beside them in their folders (NN prefixes, chapter naming),
- the canon files their references could name: for a bare `x`, every
  `canon/<kind>/x.yaml`; for `kind/x`, that one file.
`load_subset` loads exactly that, so the reference checks see the same
candidates a full load would. Did-you-mean hints need the whole canon, which
is why the write path reloads everything when (and only when) this finds a problem.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from narrative_cli.model.canon import KIND_BY_SINGULAR
from narrative_cli.model.common import CANON_KINDS, REF_RE
from narrative_cli.model.scene import ChapterCard
from narrative_cli.store import project as full
from narrative_cli.store.project import Chapter, Project


def load_subset(root: Path, rels: Iterable[str]) -> Project:
    """A Project holding the config, the files in `rels` and what their references can reach."""
    touched = set(rels)
    project = Project(root=root, config=None)
    full._load_config(project)
    for rel in sorted(touched):
        parts = rel.split("/")
        if len(parts) == 3 and parts[0] == "canon" and parts[1] in CANON_KINDS:
            _load_canon_file(project, parts[1], parts[2])
    _load_manuscript(project, touched)
    _load_reference_targets(project)
    return project


def _load_canon_file(project: Project, kind: str, name: str) -> None:
    folder = project.root / "canon" / kind
    path = folder / name
    if name.startswith(".") or not (path.exists() or path.is_symlink()):
        return
    if folder.parent.is_symlink() or folder.is_symlink() or not folder.is_dir():
        return  # the full loader never follows these either
    project.entities.setdefault(kind, {})
    full._load_entity(project, kind, path)
    project.invalidate_index()


def _load_manuscript(project: Project, touched: set[str]) -> None:
    folder = project.root / "manuscript"
    if not any(rel.startswith("manuscript/") for rel in touched) or not full._real_folder(project, folder,
                                                                                           "manuscript"):
        return
    for number, slug, entry, rel in full._ordered_entries(project, folder, "manuscript", True, "N302"):
        inside = {t for t in touched if t.startswith(rel + "/")}
        card = full._load_chapter_card(project, Path(entry.path), rel) if f"{rel}/chapter.yaml" in inside \
            else ChapterCard()
        chapter = Chapter(number, slug, rel, card)
        project.chapters.append(chapter)
        if not inside:
            continue
        for s_number, s_slug, s_entry, s_rel in full._ordered_entries(project, Path(entry.path), rel, False, "N303"):
            if s_rel in inside:
                scene = full._load_scene(project, chapter, s_number, s_slug, Path(s_entry.path), s_rel)
                if scene is not None:
                    chapter.scenes.append(scene)


def _load_reference_targets(project: Project) -> None:
    from narrative_cli.checks.references import SCENE_FIELDS, _entity_refs, _model_refs

    from narrative_cli.store.project import EntityRecord

    records = [*project.all_entities(include_deleted=True), *project.partial]
    refs = [ref for record in records if isinstance(record, EntityRecord)
            for _, ref, _ in _entity_refs(record.kind, record.model)]
    refs += [ref for scene in [*project.all_scenes(include_deleted=True), *project.partial]
             if not isinstance(scene, EntityRecord) for _, ref, _ in _model_refs(scene.card, SCENE_FIELDS)]
    for ref in refs:
        match = REF_RE.match(ref or "")
        if not match:
            continue
        kind, ident = match.groups()
        kinds = [KIND_BY_SINGULAR.get(kind, kind)] if kind else CANON_KINDS
        for candidate in kinds:
            if candidate in CANON_KINDS and ident not in project.entities.get(candidate, {}):
                _load_canon_file(project, candidate, f"{ident}.yaml")

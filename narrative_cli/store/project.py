"""Finding and loading a project into memory, collecting every problem on the way.

Loading never stops at the first problem: a file that cannot be read or
validated is reported and left out, the rest is still loaded, so `validate`
shows everything at once and other commands can still work on the good part.
"""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

from narrative_cli.diagnostics import Location, Severity, error, warning
from narrative_cli.errors import ProjectNotFound
from narrative_cli.model.canon import KIND_MODELS
from narrative_cli.model.common import CANON_KINDS, is_valid_id
from narrative_cli.model.project import FORMAT_VERSION, ProjectConfig
from narrative_cli.model.scene import ChapterCard, SceneCard
from narrative_cli.store.files import read_text, split_front_matter, symlink_problem
from narrative_cli.store.records import Chapter, EntityRecord, Project, Scene  # noqa: F401 (re-exported)
from narrative_cli.store.schema import salvage, validate_model
from narrative_cli.store.yamlio import load_yaml

CONFIG_FILE = "narrative.yaml"
ORDERED_NAME = re.compile(r"^(\d{1,6})-([a-z0-9][a-z0-9-]*)$")


def find_project(start: Path | None = None, explicit: Path | None = None) -> Path:
    """The project root: `explicit` if given, else the nearest folder upwards holding narrative.yaml."""
    if explicit is not None:
        root = explicit.expanduser()
        if not (root / CONFIG_FILE).is_file():
            raise ProjectNotFound(f"{root} is not a narrative project (no {CONFIG_FILE})",
                                  hint="create one with `narrative init PATH`")
        return root.resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
    raise ProjectNotFound(f"no narrative project in {here} or any parent folder",
                          hint="run inside a project, pass --project PATH, or create one with `narrative init PATH`")


def load_project(root: Path) -> Project:
    project = Project(root=root, config=None)
    _load_config(project)
    _load_canon(project)
    _load_manuscript(project)
    return project


def _load_config(project: Project) -> None:
    text, diags = read_text(project.root / CONFIG_FILE, project.root)
    if text is None:  # without its config nothing else can be trusted: always an error
        project.diagnostics += [d.with_severity(Severity.ERROR) for d in diags]
        return
    if not text.strip():
        project.diagnostics.append(error("N006", "empty file", Location(CONFIG_FILE, 1, 1),
                                         hint="narrative.yaml needs format, title, author and identifier; "
                                              "`narrative init` writes one"))
        return
    project.config_text = text
    result = load_yaml(text, CONFIG_FILE)
    project.diagnostics += result.diagnostics
    if not result.ok:
        return
    data = result.data
    if isinstance(data, dict) and isinstance(data.get("format"), int) and data["format"] > FORMAT_VERSION:
        project.diagnostics.append(error(
            "N601", f"project format {data['format']} is newer than this narrative reads ({FORMAT_VERSION})",
            Location(CONFIG_FILE, 1, 1), hint="upgrade narrative: pip install -U narrative-cli"))
        return
    config, diags = validate_model(ProjectConfig, data, text, CONFIG_FILE, what="narrative.yaml")
    project.diagnostics += diags
    project.config = config


def _scan(folder: Path) -> list[os.DirEntry]:
    try:
        return sorted((e for e in os.scandir(folder) if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError:
        return []


def _load_canon(project: Project) -> None:
    canon = project.root / "canon"
    if not _real_folder(project, canon, "canon"):
        return
    for entry in _scan(canon):
        rel = f"canon/{entry.name}"
        if entry.name not in CANON_KINDS:
            guess = difflib.get_close_matches(entry.name, CANON_KINDS, n=1)
            hint = f"did you mean canon/{guess[0]}/?" if guess else f"kinds are: {', '.join(CANON_KINDS)}"
            project.diagnostics.append(error("N306", f"unknown canon kind '{entry.name}'", Location(rel, 1, 1), hint=hint))
            continue
        if entry.is_symlink():
            project.diagnostics.append(symlink_problem(Path(entry.path), project.root, rel))
            continue
        if not entry.is_dir():
            project.diagnostics.append(error("N305", "expected a folder", Location(rel, 1, 1),
                                             hint=f"canon/{entry.name}/ holds one <id>.yaml per entity"))
            continue
        project.entities[entry.name] = {}
        for file in _scan(Path(entry.path)):
            _load_entity(project, entry.name, Path(file.path))


def _load_entity(project: Project, kind: str, path: Path) -> None:
    rel = f"canon/{kind}/{path.name}"
    stem, suffix = os.path.splitext(path.name)
    if suffix != ".yaml" or path.is_dir():
        hint = f"rename it to {stem}.yaml" if suffix == ".yml" else "canon folders hold only <id>.yaml files"
        project.diagnostics.append(warning("N305", "not a canon file; ignored", Location(rel, 1, 1), hint=hint))
        return
    if not is_valid_id(stem):
        project.diagnostics.append(error(
            "N301", f"invalid id '{stem}'", Location(rel, 1, 1),
            hint="ids are lowercase letters, digits and hyphens, at most 64 characters; "
                 "`narrative new` makes one from a name"))
        return
    text, diags = read_text(path, project.root)
    project.diagnostics += diags
    if text is None:
        return
    if not text.strip():
        project.diagnostics.append(error("N006", "empty file", Location(rel, 1, 1),
                                         hint="an entity needs at least `name:`"))
        return
    result = load_yaml(text, rel)
    project.diagnostics += result.diagnostics
    if not result.ok:
        return
    model, diags = validate_model(KIND_MODELS[kind], result.data, text, rel, what="a canon file")
    project.diagnostics += diags
    if model is None and diags:
        partial = salvage(KIND_MODELS[kind], result.data)
        if partial is not None:
            project.partial.append(EntityRecord(kind, stem, rel, text, partial))
    if model is not None:
        project.entities[kind][stem] = EntityRecord(kind, stem, rel, text, model)


def _ordered_entries(project: Project, folder: Path, rel_folder: str, is_dir: bool, code: str):
    """(number, slug, entry) for NN-slug names; bad names and duplicate numbers are reported."""
    seen: dict[int, str] = {}
    for entry in _scan(folder):
        name = entry.name if is_dir else entry.name.removesuffix(".md")
        rel = f"{rel_folder}/{entry.name}"
        if entry.is_symlink():
            text, diags = read_text(Path(entry.path), project.root)
            project.diagnostics += diags
            continue
        if is_dir != entry.is_dir() or (not is_dir and not entry.name.endswith(".md")):
            if not (not is_dir and entry.name == "chapter.yaml"):
                what = "chapter folders" if is_dir else "scene files (NN-slug.md) and chapter.yaml"
                project.diagnostics.append(warning("N305", f"unexpected file; manuscript/ holds {what}",
                                                   Location(rel, 1, 1)))
            continue
        match = ORDERED_NAME.match(name)
        if not match:
            example = "01-arrival" if is_dir else "01-dockside.md"
            project.diagnostics.append(error(code, f"'{entry.name}' does not follow the NN-slug naming",
                                             Location(rel, 1, 1), hint=f"name it like {example}"))
            continue
        number = int(match.group(1))
        if number in seen:
            project.diagnostics.append(error(
                "N304", f"prefix {number} is used twice", Location(rel, 1, 1), related=(Location(seen[number], 1, 1),),
                hint="renumber one of them; numbers need not be contiguous (10, 20, 30)"))
        else:
            seen[number] = rel
        yield number, match.group(2), entry, rel


def _real_folder(project: Project, folder: Path, rel: str) -> bool:
    """True for a real folder; a symlinked canon/ or manuscript/ is reported, never followed."""
    if folder.is_symlink():
        project.diagnostics.append(symlink_problem(folder, project.root, rel))
        return False
    return folder.is_dir()


def _load_manuscript(project: Project) -> None:
    folder = project.root / "manuscript"
    if not _real_folder(project, folder, "manuscript"):
        return
    for number, slug, entry, rel in _ordered_entries(project, folder, "manuscript", True, "N302"):
        card = _load_chapter_card(project, Path(entry.path), rel)
        chapter = Chapter(number, slug, rel, card)
        for s_number, s_slug, s_entry, s_rel in _ordered_entries(project, Path(entry.path), rel, False, "N303"):
            scene = _load_scene(project, chapter, s_number, s_slug, Path(s_entry.path), s_rel)
            if scene is not None:
                chapter.scenes.append(scene)
        project.chapters.append(chapter)


def _load_chapter_card(project: Project, folder: Path, rel: str) -> ChapterCard:
    path = folder / "chapter.yaml"
    if not path.exists() and not path.is_symlink():
        return ChapterCard()
    text, diags = read_text(path, project.root)
    project.diagnostics += diags
    if text is None:
        return ChapterCard()
    result = load_yaml(text, f"{rel}/chapter.yaml")
    project.diagnostics += result.diagnostics
    if not result.ok:
        return ChapterCard()
    card, diags = validate_model(ChapterCard, result.data, text, f"{rel}/chapter.yaml", what="chapter.yaml")
    project.diagnostics += diags
    return card or ChapterCard()


def _load_scene(project: Project, chapter: Chapter, number: int, slug: str, path: Path, rel: str) -> Scene | None:
    text, diags = read_text(path, project.root)
    project.diagnostics += diags
    if text is None:
        return None
    fm, diags = split_front_matter(text, rel)
    project.diagnostics += diags
    if fm is None:
        return None
    card: SceneCard | None = SceneCard()
    if fm.yaml_text is not None:
        offset = fm.yaml_line - 1
        result = load_yaml(fm.yaml_text, rel, line_offset=offset)
        project.diagnostics += result.diagnostics
        if not result.ok:
            return None
        card, diags = validate_model(SceneCard, result.data, fm.yaml_text, rel, offset, what="the scene card")
        project.diagnostics += diags
        if card is None:
            partial = salvage(SceneCard, result.data)
            if partial is not None:
                project.partial.append(Scene(chapter, number, slug, rel, partial, fm.body, fm.body_line,
                                             fm.yaml_line, text))
            return None
    return Scene(chapter, number, slug, rel, card, fm.body, fm.body_line, fm.yaml_line, text)

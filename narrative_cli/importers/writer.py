"""One writer for every source: an ImportPlan -> project files -> a new project or one more commit.

A new project is made by `narrative init`'s own create_project with the imported files in its
first commit (validated, one audited commit, signed when a key is set up): it builds in a hidden
temp folder beside DEST and renames it into place, so on any failure nothing is created.
`--into` appends after the project's last chapter through writes.apply (permission-checked and
signed under a manifest).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from narrative_cli.errors import UsageError
from narrative_cli.importers.plan import ImportPlan, PlanChapter
from narrative_cli.wordcount import count_words

CARD_KEYS = ("title", "summary", "pov", "participants", "location", "status", "tags", "notes", "custom")
REF_KEYS = {"pov": "characters", "participants": "characters", "location": "locations"}


@dataclass
class Outcome:
    root: Path | None
    commit: str | None
    paths: list[str] = field(default_factory=list)
    skipped_canon: list[str] = field(default_factory=list)


def plan_words(plan: ImportPlan) -> int:
    return sum(count_words(_prose(s.body)) for c in plan.chapters for s in c.scenes)


def _prose(body: str) -> str:
    import re

    return re.sub(r"<!--.*?-->", " ", body, flags=re.S)


def dump_yaml(data: dict) -> str:
    """Plain YAML for new files (libyaml's emitter: ruamel's round-trip dumper costs 2 ms a file,
    seconds on a 365-chapter book, and new files have no comments or order to keep)."""
    import yaml

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False, default_flow_style=False, width=1000)


def _slug(title: str | None, fallback: str) -> str:
    if not title:
        return fallback
    from narrative_cli.slug import slugify

    slug = slugify(title)[:40].strip("-")
    return slug or fallback


def _canon_ids(plan: ImportPlan, existing: set[str]) -> tuple[dict[str, str], dict[tuple, str]]:
    """file path -> YAML text for new canon files, and (kind, name) -> id for scene references."""
    files: dict[str, str] = {}
    ids: dict[tuple, str] = {}
    for item in plan.canon:
        ident = _slug(item.name, "entity")
        base, n = ident, 2
        while f"{item.kind}/{ident}" in existing or f"canon/{item.kind}/{ident}.yaml" in files:
            if f"{item.kind}/{ident}" in existing and f"canon/{item.kind}/{ident}.yaml" not in files:
                break  # the project already has it: reference it, never overwrite it
            ident, n = f"{base}-{n}", n + 1
        ids[(item.kind, item.name)] = ident
        if f"{item.kind}/{ident}" in existing:
            continue
        data = {"name": item.name, **{k: v for k, v in item.data.items()
                                      if v not in (None, "", [], {}) and not k.startswith("_")}}
        files[f"canon/{item.kind}/{ident}.yaml"] = dump_yaml(data)
    return files, ids


def _card(scene, known: dict[str, str]) -> dict:
    """The scene card: references that name no canon entity go to custom, never to a broken ref."""
    card = {"title": scene.title} if scene.title else {}
    custom = dict(scene.card.get("custom", {}))
    for key in CARD_KEYS[1:]:
        value = scene.card.get(key)
        if value in (None, "", [], {}) or key == "custom":
            continue
        if key in REF_KEYS:
            values = value if isinstance(value, list) else [value]
            refs = [known.get(f"{REF_KEYS[key]}:{v.lower()}") for v in values]
            if all(refs):
                card[key] = refs if isinstance(value, list) else refs[0]
            else:
                custom[key] = value
            continue
        card[key] = value
    if custom:
        card["custom"] = custom
    return card


def project_files(plan: ImportPlan, first_number: int, existing_canon: set[str],
                  known: dict[str, str] | None = None) -> tuple[dict[str, str], list[str]]:
    """Project-relative path -> text for every chapter, scene and canon file of the plan."""
    files, ids = _canon_ids(plan, existing_canon)
    known = dict(known or {})
    for item in plan.canon:
        for name in [item.name, *item.data.get("aliases", []), *item.data.get("_tags", [])]:
            known.setdefault(f"{item.kind}:{name.lower()}", ids[(item.kind, item.name)])
    skipped = [f"{k}/{i}" for (k, _), i in ids.items() if f"{k}/{i}" in existing_canon]
    last = first_number + len(plan.chapters) - 1
    width = max(2, len(str(last)))
    for offset, chapter in enumerate(plan.chapters):
        folder = f"manuscript/{first_number + offset:0{width}d}-{_slug(chapter.title, 'chapter')}"
        files[f"{folder}/chapter.yaml"] = dump_yaml(_chapter_card(chapter))
        swidth = max(2, len(str(len(chapter.scenes))))
        for number, scene in enumerate(chapter.scenes, 1):
            card = _card(scene, known)
            head = f"---\n{dump_yaml(card)}---\n" if card else "---\n---\n"
            files[f"{folder}/{number:0{swidth}d}-{_slug(scene.title, 'scene')}.md"] = head + scene.body
    return files, skipped


def _chapter_card(chapter: PlanChapter) -> dict:
    card: dict = {}
    if chapter.title:
        card["title"] = chapter.title
    if chapter.part:  # the chapter opens a part: export prints its heading before it
        card["part"] = chapter.part
    if chapter.synopsis:
        card["synopsis"] = chapter.synopsis
    if chapter.status:
        card["status"] = chapter.status
    return card or {"title": None}


def _summary(plan: ImportPlan) -> str:
    scenes = sum(len(c.scenes) for c in plan.chapters)
    return (f"Import {len(plan.chapters)} chapter(s), {scenes} scene(s) from {Path(plan.source).name} "
            f"({plan.kind})")


def create(plan: ImportPlan, dest: Path, key: str | None = None) -> Outcome:
    """A new project at `dest` (absent or an empty folder), or nothing at all."""
    from narrative_cli.history.git import git
    from narrative_cli.ops.init import create_project
    from narrative_cli.templates import template_path

    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise UsageError(f"{dest} exists and is not empty", hint="name a new folder; import never overwrites")
    if not dest.parent.is_dir():
        raise UsageError(f"{dest.parent} does not exist", hint="create the parent folder first")
    files, skipped = project_files(plan, 1, set())
    template = template_path("projects", "novel") / "manuscript"
    for path in sorted(template.rglob("*")):  # the template's sample chapter makes way for the book
        if path.is_file():
            files.setdefault(f"manuscript/{path.relative_to(template).as_posix()}", None)
    root = create_project(dest, plan.title or dest.name, plan.author or "Anonymous", _language(plan.language),
                          key=key, files=files, summary=_summary(plan))
    commit = git(root, "rev-parse", "HEAD").strip()
    return Outcome(root, commit, sorted(p for p, text in files.items() if text is not None), skipped)


def append(plan: ImportPlan, root: Path) -> Outcome:
    """The plan's chapters after the last chapter of the project at `root`, as one commit."""
    from narrative_cli.ops.manuscript import next_number
    from narrative_cli.store.project import load_project
    from narrative_cli.ops.writes import Change, apply

    project = load_project(root)
    existing = {f"{r.kind}/{r.id}" for r in project.all_entities(include_deleted=True)}
    known = {}
    for record in project.all_entities():
        for name in record.names:
            known.setdefault(f"{record.kind}:{name.lower()}", record.id)
    first = next_number([c.number for c in project.chapters])
    files, skipped = project_files(plan, first, existing, known)
    done = apply(root, Change("create", _summary(plan), files, entity="manuscript"))
    return Outcome(root, done.commit, done.paths, skipped)


def _language(tag: str | None) -> str:
    import re

    from narrative_cli.model.project import BCP47

    tag = (tag or "").replace("_", "-").strip()
    return tag if tag and re.match(BCP47, tag) else "en"

"""Chapters and scenes: choosing the next free NN prefix and writing valid skeleton files."""

from __future__ import annotations

from narrative_cli.errors import UsageError
from narrative_cli.slug import id_for
from narrative_cli.store.project import Chapter, Project
from narrative_cli.store.yamlio import dump_yaml
from narrative_cli.ops.writes import Change

SCENE_CARD_KEYS = ("pov", "participants", "location", "when", "goal", "conflict",
                   "entering_value", "exiting_value", "what_changes")


def next_number(numbers: list[int], after: int | None = None) -> int:
    """The prefix for a new item: after the last (keeping the project's step of 1 or 10),
    or between `after` and its successor."""
    ordered = sorted(numbers)
    if after is None:
        if not ordered:
            return 1
        step = 10 if all(n % 10 == 0 for n in ordered) else 1
        return ordered[-1] + step
    if after not in ordered and after != 0:
        raise UsageError(f"there is no item numbered {after}")
    following = [n for n in ordered if n > after]
    if not following:
        return after + (10 if after % 10 == 0 and after else 1)
    gap = following[0] - after
    if gap < 2:
        raise UsageError(f"no free number between {after} and {following[0]}",
                         hint="`narrative renumber` gives every prefix room again (10, 20, 30)")
    return after + gap // 2


def _prefix(number: int) -> str:
    return f"{number:02d}"


def new_chapter(project: Project, title: str, after: int | None = None, part: str | None = None) -> Change:
    slug = id_for(title)
    number = next_number([c.number for c in project.chapters], after)
    rel = f"manuscript/{_prefix(number)}-{slug}"
    part = " ".join(part.split()) if part else None
    text = dump_yaml({"title": title, **({"part": part} if part else {}), "synopsis": "", "status": "draft"})
    return Change("create", f"Create chapter {rel}", {f"{rel}/chapter.yaml": text}, entity=rel)


def find_chapter(project: Project, ref: str) -> Chapter:
    """A chapter by number (`2`, `02`) or folder name (`02-the-road-inland`)."""
    for chapter in project.chapters:
        folder = chapter.rel.removeprefix("manuscript/")
        if (ref.isdigit() and int(ref) == chapter.number) or ref in (folder, chapter.rel):
            return chapter
    numbers = ", ".join(str(c.number) for c in project.chapters) or "none yet"
    raise UsageError(f"no chapter '{ref}'", hint=f"chapters: {numbers}; create one with `narrative new chapter TITLE`")


def new_scene(project: Project, title: str, chapter_ref: str, after: int | None = None,
              pov: str | None = None) -> Change:
    chapter = find_chapter(project, chapter_ref)
    slug = id_for(title)
    number = next_number([s.number for s in chapter.scenes], after)
    rel = f"{chapter.rel}/{_prefix(number)}-{slug}.md"
    card = {"title": title, **{k: None for k in SCENE_CARD_KEYS}, "status": "draft"}
    card["participants"] = [pov] if pov else []
    card["pov"] = pov
    text = f"---\n{dump_yaml(card)}---\n\n"
    return Change("create", f"Create scene {rel}", {rel: text}, entity=rel)

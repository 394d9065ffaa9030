"""Reorganising the book: move a scene or a chapter, renumber every prefix.

A move is a `Change` that removes the old paths and writes the same bytes
under the new ones, so Git (and `narrative history`, which follows renames)
sees renames, and a manifest role with `edit` may do it (roles.needed: a blob
that reappears elsewhere is a rename, not a delete). Only what must move is
renumbered: an item keeps its prefix while the order allows it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from narrative_cli.errors import UsageError
from narrative_cli.ops.manuscript import find_chapter
from narrative_cli.store.project import Project, Scene
from narrative_cli.ops.writes import Change


@dataclass
class Slot:
    """One item of an ordered folder: its current number (None for the item moving in) and name."""

    number: int | None
    name: str  # the folder or file name without the NN- prefix ("the-road", "dockside.md")


def assign_numbers(slots: list[Slot], step: int = 1) -> list[int]:
    """New numbers for `slots` in their new order, changing as few as possible.

    An item keeps its number when it is still above its predecessor's; the item
    moving in takes the middle of the gap it lands in, or `step` past the last;
    when there is no gap, it takes the next number and the items after it that
    now collide move up by one.
    """
    out: list[int] = []
    previous = 0
    for index, slot in enumerate(slots):
        if slot.number is not None and slot.number > previous:
            number = slot.number
        else:
            following = next((s.number for s in slots[index + 1:] if s.number is not None), None)
            if slot.number is None and following is None:
                number = previous + step
            elif slot.number is None and following - previous >= 2:
                number = previous + (following - previous) // 2
            else:
                number = previous + 1
        out.append(number)
        previous = number
    return out


def prefixed(number: int, name: str) -> str:
    return f"{number:02d}-{name}"


def project_step(numbers: list[int]) -> int:
    return 10 if numbers and all(n % 10 == 0 for n in numbers) else 1


def move_scene(project: Project, ref: str, to: str | None, after: int | None) -> Change:
    """`narrative mv SCENE [--to CHAPTER] [--after N]` (N = 0: first; no N: last)."""
    from narrative_cli.refs import find_scene

    require_readable(project)
    scene = find_scene(project, ref)
    target = find_chapter(project, to) if to is not None else scene.chapter
    if target is scene.chapter and after is None:
        raise UsageError(f"{scene.rel} is already in {target.rel}",
                         hint="give --to CHAPTER, or --after N to move it inside its chapter")
    others = [s for s in target.scenes if s is not scene]
    if after is not None and after != 0 and after not in {s.number for s in others}:
        numbers = ", ".join(str(s.number) for s in others) or "none"
        raise UsageError(f"there is no scene numbered {after} in {target.rel}",
                         hint=f"scene numbers there: {numbers}; --after 0 puts it first")
    position = len(others) if after is None else sum(1 for s in others if s.number <= after)
    slots = [_scene_slot(s) for s in others]
    slots.insert(position, Slot(None, f"{scene.slug}.md"))
    numbers = assign_numbers(slots, project_step([s.number for s in others]))
    items = others[:position] + [scene] + others[position:]
    moves = {s.rel: f"{target.rel}/{prefixed(n, s.slug)}.md" for s, n in zip(items, numbers)}
    new = moves[scene.rel]
    if new == scene.rel:
        raise UsageError(f"{scene.rel} is already there")
    return _change(project.root, moves, f"Move scene {scene.rel} to {new}", new)


def _scene_slot(scene: Scene) -> Slot:
    return Slot(scene.number, f"{scene.slug}.md")


def move_chapter(project: Project, ref: str, after: int) -> Change:
    """`narrative mv CHAPTER --after N`: the chapter folder and everything in it."""
    require_readable(project)
    chapter = find_chapter(project, ref)
    others = [c for c in project.chapters if c is not chapter]
    if after != 0 and after not in {c.number for c in others}:
        numbers = ", ".join(str(c.number) for c in others) or "none"
        raise UsageError(f"there is no chapter numbered {after}",
                         hint=f"chapter numbers: {numbers}; --after 0 puts it first")
    position = sum(1 for c in others if c.number <= after)
    slots = [Slot(c.number, c.slug) for c in others]
    slots.insert(position, Slot(None, chapter.slug))
    numbers = assign_numbers(slots, project_step([c.number for c in others]))
    items = others[:position] + [chapter] + others[position:]
    folders = {c.rel: f"manuscript/{prefixed(n, c.slug)}" for c, n in zip(items, numbers)}
    if folders[chapter.rel] == chapter.rel:
        raise UsageError(f"{chapter.rel} is already there")
    moves = _folder_moves(project.root, folders)
    return _change(project.root, moves, f"Move chapter {chapter.rel} to {folders[chapter.rel]}",
                   folders[chapter.rel])


def renumber(project: Project, step: int = 10) -> Change:
    """Every chapter and scene prefix to step, 2*step, ...: room again between all of them."""
    if step < 1:
        raise UsageError("--step must be at least 1")
    require_readable(project)
    folders = {c.rel: f"manuscript/{prefixed(step * i, c.slug)}" for i, c in enumerate(project.chapters, 1)}
    moves: dict[str, str] = {}
    for chapter in project.chapters:
        for i, scene in enumerate(chapter.scenes, 1):
            moves[scene.rel] = f"{chapter.rel}/{prefixed(step * i, scene.slug)}.md"
    moves = {**_folder_moves(project.root, folders), **_refolder(moves, folders)}
    if all(old == new for old, new in moves.items()):
        raise UsageError(f"every prefix is already a multiple of {step} in order; nothing to renumber")
    return _change(project.root, moves, f"Renumber chapters and scenes by {step}", "manuscript")


def _refolder(moves: dict[str, str], folders: dict[str, str]) -> dict[str, str]:
    """Scene moves (old path -> new name in the old folder) with the folder's own move applied."""
    out = {}
    for old, new in moves.items():
        folder, _, name = new.rpartition("/")
        out[old] = f"{folders.get(folder, folder)}/{name}"
    return out


def _folder_moves(root: Path, folders: dict[str, str]) -> dict[str, str]:
    """Every file Git tracks under each moving folder, old path -> new path (untracked and ignored
    files, like notes or an editor's lock file, follow after the commit, untracked still: finish_moves)."""
    moves = {}
    for old, new in folders.items():
        if old == new:
            continue
        for rel in _files(root, old):
            moves[rel] = new + rel[len(old):]
    return moves


def _files(root: Path, folder: str) -> list[str]:
    import subprocess

    done = subprocess.run(["git", "ls-files", "-z", "--cached", "--", folder],
                          cwd=root, capture_output=True)
    if done.returncode == 0:
        return sorted({p for p in done.stdout.decode("utf-8", "surrogateescape").split("\0")
                       if p and (root / p).is_file()})
    found = []  # not a Git repository: every file
    for dirpath, _, names in os.walk(root / folder):
        rel_dir = Path(dirpath).relative_to(root).as_posix()
        found += [f"{rel_dir}/{name}" for name in names]
    return sorted(found)


def _change(root: Path, moves: dict[str, str], summary: str, entity: str) -> Change:
    moves = {old: new for old, new in moves.items() if old != new}
    files: dict[str, str | None] = {old: None for old in moves}
    for old, new in moves.items():
        files[new] = _read(root / old)
    return Change("edit", summary, files, entity=entity)


def _read(path: Path) -> str:
    # writes.apply writes text; newline="" keeps CRLF files byte for byte, so the blob is the same
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            return handle.read()
    except UnicodeDecodeError:
        raise UsageError(f"{path.name} is not UTF-8 text, so it cannot be moved with the chapter",
                         hint="move it out of the manuscript folder (assets/ holds images), then try again") from None


def require_readable(project: Project) -> None:
    """A scene that failed to load is invisible to the numbering: refuse rather than collide with it."""
    bad = sorted({d.location.path for d in project.diagnostics
                  if d.is_error and d.location.path.startswith("manuscript/")})
    if bad:
        raise UsageError(f"{bad[0]} does not validate, so the manuscript cannot be renumbered safely",
                         hint="fix it first: `narrative validate` shows what is wrong")


def finish_moves(root: Path, change: Change) -> None:
    """After a move: files Git ignores follow their chapter folder, and emptied folders go."""
    made = {p.rpartition("/")[0] for p, t in change.files.items() if t is not None}
    by_slug = {}
    for folder in made:
        name = folder.rpartition("/")[2]
        by_slug.setdefault(name.partition("-")[2], set()).add(folder)
    for rel in sorted({p.rpartition("/")[0] for p, t in change.files.items() if t is None}, reverse=True):
        folder = root / rel
        targets = by_slug.get(rel.rpartition("/")[2].partition("-")[2], set()) - {rel}
        if folder.is_dir() and len(targets) == 1 and rel.count("/") == 1:
            target = root / targets.pop()
            for leftover in list(folder.iterdir()):
                if leftover.is_file() and not (target / leftover.name).exists():
                    os.replace(leftover, target / leftover.name)
        while folder != root / "manuscript" and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent

"""`narrative diff`: what changed in the story between two revisions.

Both sides are loaded with the ordinary project loader (a revision from Git
blobs, the working tree in place), then paired: scenes by content so moves
read as moves, chapters by the scenes they hold, canon entities by id and
then by content so a renamed file reads as a rename. Cards and canon are
compared field by field, prose sentence by sentence.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from narrative_cli.review.match import Matcher
from narrative_cli.review.model import ChapterDiff, EntityDiff, FieldDiff, SceneDiff, StoryDiff
from narrative_cli.review.revisions import load_side, parse_range
from narrative_cli.review.textdiff import diff_text
from narrative_cli.store.project import Chapter, EntityRecord, Project, Scene

LIFECYCLE_FIELDS = ("deleted_at", "deleted_by")
ENTITY_RENAME_THRESHOLD = 0.6


def story_diff(root: Path, rev_a: str | None = None, rev_b: str | None = None) -> StoryDiff:
    """Compare the project at `root` between two revisions (see revisions.parse_range)."""
    from narrative_cli.errors import UsageError
    from narrative_cli.history.git import is_repo

    if not is_repo(root):
        raise UsageError(f"{root} is not in a Git repository", hint="`git init` it, or diff inside a clone")
    old_side, new_side = parse_range(root, rev_a, rev_b)
    old, new = load_side(root, old_side), load_side(root, new_side)
    result = compare(old, new)
    result.old_label, result.old_commit = old_side.label, old_side.commit
    result.new_label, result.new_commit = new_side.label, new_side.commit
    _drop_unloadable(result, _broken(old), _broken(new))
    result.notes = [note for note in (_left_out(_broken(old), old_side.label),
                                      _left_out(_broken(new), new_side.label)) if note]
    return result


def _broken(project: Project) -> set[str]:
    return {d.location.path for d in project.diagnostics if d.is_error}


def _drop_unloadable(result: StoryDiff, old_broken: set[str], new_broken: set[str]) -> None:
    """A file that does not load on one side is not a removal or an addition: it is left out (and noted)."""
    result.scenes = [s for s in result.scenes if not (
        (s.status == "removed" and s.old_path in new_broken) or (s.status == "added" and s.new_path in old_broken))]
    result.canon = [e for e in result.canon if not (
        (e.status == "removed" and f"canon/{e.kind}/{e.old_id}.yaml" in new_broken)
        or (e.status == "added" and f"canon/{e.kind}/{e.new_id}.yaml" in old_broken))]


def _left_out(paths: set[str], label: str) -> str | None:
    if not paths:
        return None
    ordered = sorted(paths)
    shown = ", ".join(ordered[:5]) + (f" and {len(ordered) - 5} more" if len(ordered) > 5 else "")
    count = f"{len(ordered)} file{'s' * (len(ordered) != 1)} at {label} {'does' if len(ordered) == 1 else 'do'}"
    return f"{count} not load and {'is' if len(ordered) == 1 else 'are'} left out: {shown} " \
           "(`narrative validate` says why)"


def compare(old: Project, new: Project) -> StoryDiff:
    result = StoryDiff("old", None, "new", None)
    scene_pairs = Matcher(lambda s: s.rel, lambda s: s.body).pairs(
        list(old.all_scenes(True)), list(new.all_scenes(True)))
    chapter_map = _match_chapters(old.chapters, new.chapters, scene_pairs)
    result.chapters = [d for d in (_chapter_diff(o, n) for o, n in chapter_map) if d]
    renames = {o.rel: n.rel for o, n in chapter_map if o and n}
    result.scenes = [d for d in (_scene_diff(o, n, s, renames) for o, n, s in scene_pairs) if d]
    result.canon = _canon_diffs(old, new)
    result.project = field_diffs(_dump(old.config), _dump(new.config))
    return result


def _dump(model) -> dict:
    return model.model_dump(mode="json") if model is not None else {}


def field_diffs(old: dict, new: dict, prefix: str = "") -> list[FieldDiff]:
    """Changed fields, nested mappings flattened to dotted names (custom.rank); lists compared whole."""
    out = []
    for key in sorted(set(old) | set(new), key=lambda k: (k not in old, list(old).index(k) if k in old else 0)):
        a, b = old.get(key), new.get(key)
        if isinstance(a, dict) and isinstance(b, dict):
            out += field_diffs(a, b, f"{prefix}{key}.")
        elif _records(a) and _records(b) and len(a) == len(b):
            # relationships, consequences: one line per changed key, not two walls of JSON
            for i, (x, y) in enumerate(zip(a, b)):
                out += field_diffs(x, y, f"{prefix}{key}[{i}].")
        elif a != b and not (_blank(a) and _blank(b)):
            out.append(FieldDiff(f"{prefix}{key}", a, b))
    return out


def _records(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _blank(value: Any) -> bool:
    return value is None or value == [] or value == {}


def _card_fields(scene: Scene | None) -> dict:
    data = _dump(scene.card) if scene else {}
    return {k: v for k, v in data.items() if k not in LIFECYCLE_FIELDS}


def _lifecycle(old_deleted: bool, new_deleted: bool) -> str | None:
    if old_deleted == new_deleted:
        return None
    return "deleted" if new_deleted else "restored"


def _scene_diff(old: Scene | None, new: Scene | None, similarity: float, renames: dict) -> SceneDiff | None:
    title = (new or old).title
    if old is None or new is None:
        status = "added" if old is None else "removed"
        text = diff_text(old.body if old else "", new.body if new else "")
        return SceneDiff(status, old and old.rel, new and new.rel, title, text=text)
    diff = SceneDiff("changed", old.rel, new.rel, title, similarity=similarity,
                     move=_scene_move(old, new, renames), lifecycle=_lifecycle(old.deleted, new.deleted),
                     text=diff_text(old.body, new.body), fields=field_diffs(_card_fields(old), _card_fields(new)))
    if not (diff.move or diff.lifecycle or diff.text.changed or diff.fields):
        return None
    return diff


def _scene_move(old: Scene, new: Scene, renames: dict) -> str | None:
    if renames.get(old.chapter.rel) != new.chapter.rel:
        return "moved"
    if old.slug != new.slug:
        return "renamed"
    return "renumbered" if old.number != new.number else None


def _match_chapters(old: list[Chapter], new: list[Chapter], scene_pairs) -> list[tuple]:
    """Chapters pair by the scenes they share, then by folder name, then by slug."""
    shared: dict[tuple[int, int], int] = {}
    index_old = {id(c): i for i, c in enumerate(old)}
    index_new = {id(c): j for j, c in enumerate(new)}
    for o, n, _ in scene_pairs:
        if o and n:
            key = (index_old[id(o.chapter)], index_new[id(n.chapter)])
            shared[key] = shared.get(key, 0) + 1
    scored = []
    for i, o in enumerate(old):
        for j, n in enumerate(new):
            score = shared.get((i, j), 0) * 10 + (5 if o.rel == n.rel else 0) + (2 if o.slug == n.slug else 0)
            if score:
                scored.append((-score, i, j))
    used_old, used_new, pairs = set(), set(), []
    for _, i, j in sorted(scored):
        if i not in used_old and j not in used_new:
            used_old.add(i), used_new.add(j)
            pairs.append((old[i], new[j]))
    pairs += [(o, None) for i, o in enumerate(old) if i not in used_old]
    pairs += [(None, n) for j, n in enumerate(new) if j not in used_new]
    return pairs


def _chapter_diff(old: Chapter | None, new: Chapter | None) -> ChapterDiff | None:
    if old is None or new is None:
        return ChapterDiff("added" if old is None else "removed", old and old.rel, new and new.rel, (new or old).title)
    move = None if old.rel == new.rel else ("renamed" if old.slug != new.slug else "renumbered")
    fields = field_diffs(_dump(old.card), _dump(new.card))
    if not (move or fields):
        return None
    return ChapterDiff("changed", old.rel, new.rel, new.title, move=move, fields=fields)


def _canon_diffs(old: Project, new: Project) -> list[EntityDiff]:
    out: list[EntityDiff] = []
    kinds = sorted(set(old.entities) | set(new.entities))
    for kind in kinds:
        olds, news = old.entities.get(kind, {}), new.entities.get(kind, {})
        pairs = [(olds[i], news[i], 1.0) for i in olds if i in news]
        # An id is an identity: only entities whose id vanished or appeared can be a rename.
        matcher = Matcher(lambda r: r.id, _entity_text, threshold=ENTITY_RENAME_THRESHOLD)
        pairs += matcher.pairs([r for i, r in olds.items() if i not in news],
                               [r for i, r in news.items() if i not in olds])
        for o, n, _ in pairs:
            diff = _entity_diff(kind, o, n)
            if diff:
                out.append(diff)
    return sorted(out, key=lambda d: (d.kind, d.new_id or d.old_id))


def _entity_text(record: EntityRecord) -> str:
    """What identifies an entity beyond its name: every field but name and deletion marks."""
    data = {k: v for k, v in record.model.model_dump(mode="json").items() if k not in ("name", *LIFECYCLE_FIELDS)}
    return " ".join(f"{k} {v}" for k, v in data.items() if not _blank(v))


def _entity_diff(kind: str, old: EntityRecord | None, new: EntityRecord | None) -> EntityDiff | None:
    if old is None or new is None:
        record = new or old
        return EntityDiff("added" if old is None else "removed", kind, old and old.id, new and new.id,
                          record.model.name)
    fields = field_diffs(_entity_fields(old), _entity_fields(new))
    diff = EntityDiff("changed", kind, old.id, new.id, new.model.name,
                      lifecycle=_lifecycle(old.deleted, new.deleted), fields=fields)
    if not (diff.renamed or diff.lifecycle or fields):
        return None
    return diff


def _entity_fields(record: EntityRecord) -> dict:
    return {k: v for k, v in record.model.model_dump(mode="json").items() if k not in LIFECYCLE_FIELDS}

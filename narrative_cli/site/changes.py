"""Change history for the site: every entity's commits with the fields they changed, and the
book's last changes, from ONE `git log` of the project (not one per entity as `narrative history`
does: a cast of hundreds would cost seconds). Commit records, trailers and field diffs are read
with `narrative history`'s own code (history/log.py, history/record.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from narrative_cli.history.log import FORMAT, Event, _event, _iso, _names, _records
from narrative_cli.history.record import entity_of, field_changes


@dataclass
class Changes:
    recent: list[Event] = field(default_factory=list)  # newest first, the whole project
    by_entity: dict[str, list[Event]] = field(default_factory=dict)  # kind/id -> oldest first


def iso(when: int) -> str:
    return _iso(when)


def read_changes(root: Path, recent: int = 12) -> Changes:
    """Empty when the project is not a Git repository (the pages then say so)."""
    from narrative_cli.errors import NarrativeError
    from narrative_cli.history import gitbatch

    try:
        out = gitbatch.run(root, ["log", "-M", "--raw", "--no-abbrev", "-z", "--relative", FORMAT, "--", "."])
    except NarrativeError:
        return Changes()
    names, found, wanted = _names(root), Changes(), []
    for sha, when, author, message, raw in _records(out.decode("utf-8", "replace")):
        if len(found.recent) < recent:
            event = _event(sha, when, author, message, names)
            found.recent.append(event)
        for old, new, path, before in _entries(raw):
            ref = entity_of(path)
            if ref is None or "/" not in ref or ref.startswith("manuscript"):
                continue
            event = _event(sha, when, author, message, names)
            event.path, event.renamed_from, event.entity = path, before, ref
            event.fields = [(old, new)]
            wanted += [b for b in (old, new) if b]
            found.by_entity.setdefault(ref, []).append(event)
    _fill_fields(root, found, wanted)
    for events in found.by_entity.values():
        events.reverse()
    return found


def _entries(raw: list[str]):
    """(old blob, new blob, path, renamed from) for each file of one commit's `--raw -z` output."""
    i = 0
    while i < len(raw):
        if not raw[i].startswith(":"):
            i += 1
            continue
        meta = raw[i][1:].split()
        old = None if set(meta[2]) == {"0"} else meta[2]
        new = None if set(meta[3]) == {"0"} else meta[3]
        if meta[4][:1] in ("R", "C") and i + 2 < len(raw):
            yield old, new, raw[i + 2], raw[i + 1] if meta[4][:1] == "R" else None
            i += 3
        else:
            yield old, new, raw[i + 1] if i + 1 < len(raw) else "", None
            i += 2


def _fill_fields(root: Path, found: Changes, blobs: list[str]) -> None:
    from narrative_cli.history import gitbatch

    texts = {k: v[1].decode("utf-8", "replace") for k, v in gitbatch.cat_batch(root, sorted(set(blobs))).items() if v}
    for events in found.by_entity.values():
        for event in events:
            old, new = event.fields[0]
            event.fields = field_changes(event.path, texts.get(old or ""), texts.get(new or ""))

"""`narrative history REF` (one entity's whole life) and `narrative log` (who did what, filtered).

Field changes are computed from the real blobs, not read from trailers, so a
plain `git commit` made outside narrative still shows what it changed. The
actor is the signing kid (named through the manifest at HEAD when known).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path

from narrative_cli.errors import UsageError
from narrative_cli.history import gitbatch
from narrative_cli.history.audit import parse_trailers
from narrative_cli.history.record import entity_of, field_changes

RS, US = "\x1e", "\x1f"
FORMAT = f"--format={RS}%H{US}%ct{US}%an{US}%B{US}"


@dataclass
class Event:
    commit: str
    time: int
    actor: str | None  # kid, or None for an unsigned commit
    name: str  # manifest name, else git author
    action: str
    summary: str
    path: str | None = None
    entity: str | None = None
    renamed_from: str | None = None
    fields: list[tuple[str, object, object]] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"commit": self.commit, "time": _iso(self.time), "actor": self.actor, "name": self.name,
                "action": self.action, "summary": self.summary, "path": self.path, "entity": self.entity,
                "renamed_from": self.renamed_from,
                "fields": [{"field": k, "old": a, "new": b} for k, a, b in self.fields]}


def _iso(when: int) -> str:
    return _dt.datetime.fromtimestamp(when, _dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _names(root: Path) -> dict[str, str]:
    from narrative_cli.trust.gate import current_manifest, governed

    try:
        return {c.kid: c.name for c in current_manifest(root).model.collaborators} if governed(root) else {}
    except Exception:  # an invalid manifest must not hide the history: fall back to kids
        return {}


def _records(out: str):
    """(sha, time, author, message, raw entries) per commit of `git log -z --raw` output."""
    for chunk in out.split(RS)[1:]:
        sha, when, author, message, rest = chunk.split(US, 4)
        yield sha, int(when), author, message, rest.strip("\0\n").split("\0") if rest.strip("\0\n") else []


def _event(sha: str, when: int, author: str, message: str, names: dict[str, str]) -> Event:
    record = parse_trailers(message)
    return Event(sha, when, record.actor, names.get(record.actor or "", author), record.action or "commit",
                 message.split("\n", 1)[0], entity=record.entity)


def history(root: Path, ref: str) -> list[Event]:
    """Every commit that touched the entity or scene, oldest first, following renames."""
    path = _path_for(root, ref)
    out = gitbatch.run(root, ["log", "--follow", "-M", "--raw", "--no-abbrev", "-z", FORMAT, "--", path]).decode(
        "utf-8", "replace")
    names, events, blobs = _names(root), [], set()
    for sha, when, author, message, raw in _records(out):
        event = _event(sha, when, author, message, names)
        old, new, event.path, event.renamed_from = _raw_entry(raw)
        copied = _is_copy(raw)
        if copied:  # --follow also "follows" a new file that resembles another: it starts here
            old, event.renamed_from = None, None
        event.fields = [(old, new)]  # filled below, once all blobs are fetched in one batch
        blobs |= {b for b in (old, new) if b}
        events.append(event)
        if copied:
            break
    texts = {k: v[1].decode("utf-8", "replace") for k, v in gitbatch.cat_batch(root, sorted(blobs)).items() if v}
    for event in events:
        old, new = event.fields[0]
        event.fields = field_changes(event.path or path, texts.get(old or ""), texts.get(new or ""))
        event.entity = entity_of(event.path or path)
    return list(reversed(events))


def _raw_entry(raw: list[str]) -> tuple[str | None, str | None, str | None, str | None]:
    """(old blob, new blob, path, renamed from) from one commit's `--raw -z` entries for the file."""
    if not raw or not raw[0].startswith(":"):
        return None, None, None, None
    meta = raw[0][1:].split()
    old = None if set(meta[2]) == {"0"} else meta[2]
    new = None if set(meta[3]) == {"0"} else meta[3]
    if meta[4].startswith(("R", "C")) and len(raw) >= 3:
        return old, new, raw[2], raw[1]
    return old, new, raw[1] if len(raw) > 1 else None, None


def _is_copy(raw: list[str]) -> bool:
    """Whether git paired the file with a source that still exists (a copy, not a rename)."""
    return bool(raw) and raw[0].startswith(":") and len(raw[0].split()) > 4 and raw[0].split()[4].startswith("C")


def _path_for(root: Path, ref: str) -> str:
    """An entity ref or scene (even purged ones, by kind/id or path) -> its path in the repository."""
    from narrative_cli.errors import NarrativeError
    from narrative_cli.refs import find_target
    from narrative_cli.store.project import load_project

    try:
        return find_target(load_project(root), ref).rel
    except NarrativeError:
        pass
    kind, _, ident = ref.partition("/")
    if ident and "/" not in ident and ".." not in ref:
        return f"canon/{kind}/{ident}.yaml"
    if ref.endswith(".md") and ".." not in ref:
        return ref if ref.startswith("manuscript/") else f"manuscript/{ref}"
    raise UsageError(f"no entity or scene '{ref}'", hint="for a purged entity give kind/id, e.g. characters/<id>; a scene by its path")


def log(root: Path, actor: str | None = None, action: str | None = None, kind: str | None = None,
        since: str | None = None, until: str | None = None, limit: int | None = None) -> list[Event]:
    """All commits, newest first, filtered by actor (kid prefix or name), action, entity kind and date;
    at most `limit` of them."""
    args = ["log", FORMAT, "--name-only", "-z"]
    if limit is not None and not (actor or action or kind):
        args.append(f"--max-count={limit}")  # nothing filtered afterwards: git can stop early
    args += [f"--since={_date_arg(root, since, 'since')}"] if since else []
    args += [f"--until={_date_arg(root, until, 'until')}"] if until else []
    out = gitbatch.run(root, args).decode("utf-8", "replace")
    names, events = _names(root), []
    for sha, when, author, message, paths in _records(out):
        event = _event(sha, when, author, message, names)
        kinds = {_kind(p) for p in paths if p}
        if actor and not ((event.actor or "").startswith(actor.lower()) or event.name == actor):
            continue
        if action and event.action != action:
            continue
        if kind and kind not in kinds:
            continue
        events.append(event)
        if limit is not None and len(events) >= limit:
            break
    return events


def _date_arg(root: Path, text: str, option: str) -> str:
    """A date for git: a bare day means its whole day (git alone would read 2026-11-01 as that day at
    the current time of day), and text git cannot read is refused (git alone would read it as now)."""
    import re
    import time

    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        try:
            _dt.date.fromisoformat(text.strip())
        except ValueError:
            raise UsageError(f"--{option}: '{text}' is not a date", hint="write it as YYYY-MM-DD") from None
        return text.strip() + (" 00:00:00" if option == "since" else " 23:59:59")
    out = gitbatch.run(root, ["rev-parse", f"--since={text}"]).decode("ascii", "replace").strip()
    seconds = int(out.rpartition("=")[2]) if out.rpartition("=")[2].isdigit() else None
    if seconds is None or (abs(seconds - time.time()) < 5 and text.strip().lower() not in ("now", "today")):
        raise UsageError(f"--{option}: git cannot read '{text}' as a date",
                         hint="write 2026-11-01, '2 weeks ago' or yesterday")
    return text


def _kind(path: str) -> str:
    parts = path.split("/")
    if parts[-1].startswith("."):
        return ""  # .gitkeep placeholders are not entities
    if parts[0] == "canon" and len(parts) == 3:
        return parts[1]
    if parts[0] == "manuscript":
        return "scenes"
    return parts[0]

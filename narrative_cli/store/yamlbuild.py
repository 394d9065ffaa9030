"""Building Python values from YAML parser events, refusing hostile input as it streams.

Why not `YAML(typ="safe").load`: its constructor runs in Python and is the
slowest part of `validate` (a resolver lookup per scalar), and libyaml's
composer recurses in C, so a 100,000-deep `[[[[` kills the process with a
segfault before any depth check can run. Events come from libyaml's parser,
which is iterative; here they are assembled with an explicit stack and the
YAML 1.2 core schema (as ruamel's safe loader reads it: null, bool, int,
float, timestamp, str).
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any, Iterator

from narrative_cli.diagnostics import Diagnostic, Location, error

_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9][0-9_]*\Z")
_INT_BASE = re.compile(r"0(?:o[0-7_]+|x[0-9a-fA-F_]+|b[01_]+)\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_SPECIAL = {".inf": float("inf"), ".Inf": float("inf"), ".INF": float("inf"),
            ".nan": float("nan"), ".NaN": float("nan"), ".NAN": float("nan")}
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_STAMP = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?"
                    r"[ \t]*(?:Z|[-+][0-9]{1,2}(?::?[0-9]{2})?)?\Z")
_MAYBE_TYPED = re.compile(r"[-+.0-9~nNtTfF]")


class Refused(Exception):
    """Internal: stops the build at the first hostile construct, carrying its diagnostic."""

    def __init__(self, diagnostic: Diagnostic):
        self.diagnostic = diagnostic


def resolve_plain(value: str) -> Any:
    """A plain (unquoted) scalar's value under the YAML 1.2 core schema."""
    if value in _NULL:
        return None
    if not _MAYBE_TYPED.match(value):
        return value
    if value in _BOOL:
        return _BOOL[value]
    if _INT.match(value) or _INT_BASE.match(value.lstrip("+")):
        return _to_int(value)
    if value.lstrip("+-") in _SPECIAL:
        number = _SPECIAL[value.lstrip("+-")]
        return -number if value.startswith("-") else number
    if _FLOAT.match(value) and any(c.isdigit() for c in value):
        return float(value.replace("_", ""))
    if _DATE.match(value) or _STAMP.match(value):
        return _to_time(value)
    return value


def _to_int(value: str) -> Any:
    text = value.replace("_", "")
    try:
        if text[:2] in ("0o", "0x", "0b"):
            return int(text[2:], {"o": 8, "x": 16, "b": 2}[text[1]])
        return int(text)
    except ValueError:  # `0x_` and friends: not a number after all
        return value


def _to_time(value: str) -> Any:
    try:
        if len(value) == 10:
            return _dt.date.fromisoformat(value)
        return _dt.datetime.fromisoformat(re.sub(r"[ \t]+", "T", value.strip(), count=1).replace(" ", ""))
    except ValueError:  # 2024-13-45 is not a date; keep the writer's text
        return value


def _events(text: str) -> Iterator[Any]:
    try:
        from _ruamel_yaml import CParser  # libyaml, when ruamel.yaml.clib is installed
    except ImportError:  # correct, only slower
        import io

        from ruamel.yaml import YAML

        yield from YAML(typ="safe", pure=True).parse(io.StringIO(text))
        return
    from ruamel.yaml.events import StreamEndEvent

    parser = CParser(text)
    try:
        while True:
            event = parser.get_event()
            yield event
            if type(event) is StreamEndEvent:
                return
    finally:
        parser.dispose()


def build(text: str, path: str, line_offset: int = 0):
    """Parse `text` into plain dicts, lists and scalars; a YamlResult either way."""
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    from narrative_cli.store.yamlio import YamlResult, _from_marked

    try:
        return YamlResult(_Builder(path, line_offset).run(_events(text)), [])
    except Refused as refused:
        return YamlResult(None, [refused.diagnostic])
    except MarkedYAMLError as exc:
        return YamlResult(None, [_from_marked(exc, path, line_offset)])
    except YAMLError as exc:  # the reader: control characters and the like
        return YamlResult(None, [_reader_error(exc, text, path, line_offset)])


def _reader_error(exc, text: str, path: str, line_offset: int) -> Diagnostic:
    position = getattr(exc, "position", None)
    if not isinstance(position, int) or not 0 <= position < len(text):
        return error("N101", f"invalid YAML: {exc}", Location(path, line_offset + 1, 1))
    before = text[:position]
    line = before.count("\n") + 1 + line_offset
    column = position - (before.rfind("\n") + 1) + 1
    return error("N101", f"invalid YAML: character U+{ord(text[position]):04X} is not allowed",
                 Location(path, line, column), hint="remove the control character; YAML files hold printable text")


class _Builder:
    """An explicit stack of open collections; keys wait in `pending` for their values."""

    def __init__(self, path: str, line_offset: int):
        self.path = path
        self.offset = line_offset
        self.stack: list[Any] = []  # open dicts and lists
        self.keys: list[Any] = []  # per open dict: the key waiting for a value, or _NO_KEY
        self.result: Any = None
        self.documents = 0

    def where(self, event) -> Location:
        mark = event.start_mark
        return Location(self.path, mark.line + 1 + self.offset, mark.column + 1)

    def run(self, events: Iterator[Any]) -> Any:
        from ruamel.yaml import events as ev

        from narrative_cli.store.yamlio import MAX_DEPTH, _tag_error, _too_deep

        skip = (ev.StreamStartEvent, ev.DocumentEndEvent, ev.StreamEndEvent)
        for event in events:
            cls = type(event)
            if cls is ev.ScalarEvent and not event.anchor and (event.tag is None or event.implicit[0]):
                self._add(resolve_plain(event.value) if event.implicit[0] else event.value, event)
            elif cls in (ev.MappingEndEvent, ev.SequenceEndEvent):
                self._close()
            elif cls in skip:
                continue
            elif cls is ev.DocumentStartEvent:
                self._document(event)
            elif cls is ev.AliasEvent or event.anchor:
                raise Refused(error("N103", "YAML anchors and aliases are not allowed", self.where(event),
                                    hint="write the value out in full; if this is prose starting with "
                                         "'*' or '&', quote it"))
            elif event.tag is not None:  # only explicit tags get here: plain scalars were taken above
                raise Refused(_tag_error(_short_tag(event.tag), self.where(event)))
            elif len(self.stack) >= MAX_DEPTH:
                loc = self.where(event)
                raise Refused(_too_deep(self.path, loc.line, loc.column))
            else:
                self._open({} if cls is ev.MappingStartEvent else [], event)
        return self.result

    def _document(self, event) -> None:
        self.documents += 1
        if self.documents > 1:
            raise Refused(error("N101", "invalid YAML: more than one document in the file", self.where(event),
                                hint="a file holds one YAML document; remove the extra '---'"))

    def _open(self, container: Any, event) -> None:
        self._add(container, event)
        self.stack.append(container)
        self.keys.append(_NO_KEY)

    def _close(self) -> None:
        self.stack.pop()
        self.keys.pop()

    def _add(self, value: Any, event) -> None:
        if not self.stack:
            self.result = value
            return
        parent = self.stack[-1]
        if isinstance(parent, list):
            parent.append(value)
        elif self.keys[-1] is _NO_KEY:
            # Keys are the text as written: `1:`, `true:` and `2024-01-01:` are names, not
            # numbers, booleans or dates (every schema has text keys, and so does JSON).
            is_scalar = type(event).__name__ == "ScalarEvent"
            self.keys[-1] = self._key(event.value if is_scalar else value, parent, event)
        else:
            parent[self.keys[-1]] = value
            self.keys[-1] = _NO_KEY

    def _key(self, key: Any, parent: dict, event) -> Any:
        if isinstance(key, (dict, list)) or not _hashable(key):
            raise Refused(error("N101", "invalid YAML: a key must be a plain value, not a list or mapping",
                                self.where(event), hint="write `key: value`"))
        if key in parent:
            raise Refused(error("N102", f"duplicate key '{key}'", self.where(event),
                                hint="each key may appear once; merge the two values"))
        return key


_NO_KEY = object()


def _hashable(value: Any) -> bool:
    try:
        hash(value)
        return True
    except TypeError:
        return False


def _short_tag(tag: str) -> str:
    return "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag


POSITIONS_DEPTH = 64  # positions are read this deep at most: twice yamlio.MAX_DEPTH


def key_positions(text: str) -> dict[tuple, tuple[int, int]]:
    """0-based (line, column) of every key path in `text`: a mapping entry at its key,
    a list item at its value. What `locate()` needs, from the fast event stream
    (ruamel's round-trip parser, pure Python, took seconds on a project with many problems)."""
    from ruamel.yaml import events as ev

    found: dict[tuple, tuple[int, int]] = {}
    frames: list[list] = []  # [path, is_mapping, pending key (or _NO_KEY) / next index]
    try:
        for event in _events(text):
            cls = type(event)
            if cls in (ev.MappingEndEvent, ev.SequenceEndEvent):
                frames.pop()
                continue
            if cls not in (ev.ScalarEvent, ev.MappingStartEvent, ev.SequenceStartEvent, ev.AliasEvent):
                continue
            path = _position_path(frames, event, found)
            if cls is ev.MappingStartEvent or cls is ev.SequenceStartEvent:
                if len(frames) >= POSITIONS_DEPTH:  # load_yaml refuses such a file; reading on made
                    break                           # 10,000 `[` quadratic (paths, ruamel's scanner)
                frames.append([path, cls is ev.MappingStartEvent, _NO_KEY if cls is ev.MappingStartEvent else 0])
    except Exception:  # positions up to a syntax error are still worth having
        pass
    return found


def _position_path(frames: list[list], event, found: dict) -> tuple | None:
    here = (event.start_mark.line, event.start_mark.column)
    if not frames:
        return ()
    frame = frames[-1]
    parent = frame[0]
    if parent is None:
        return None
    if not frame[1]:
        path = parent + (frame[2],)
        frame[2] += 1
        found.setdefault(path, here)
        return path
    if frame[2] is _NO_KEY:
        is_scalar = type(event).__name__ == "ScalarEvent"
        key = event.value if is_scalar else _NO_KEY
        frame[2] = key if is_scalar and _hashable(key) else _BAD_KEY
        if frame[2] is not _BAD_KEY:
            found.setdefault(parent + (key,), here)
        return None  # a key itself holds nothing to locate
    key, frame[2] = frame[2], _NO_KEY
    return None if key is _BAD_KEY else parent + (key,)


_BAD_KEY = object()

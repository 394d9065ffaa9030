"""YAML the way a hostile world sends it.

Two loaders on purpose: the libyaml-backed safe loader for speed (validate
reads thousands of files) and ruamel's round-trip loader, used only to find
line numbers for a problem and to edit files without losing comments,
key order or quoting.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from narrative_cli.diagnostics import Diagnostic, Location, error

MAX_DEPTH = 32


@dataclass
class YamlResult:
    data: Any
    diagnostics: list[Diagnostic]

    @property
    def ok(self) -> bool:
        return not any(d.is_error for d in self.diagnostics)


@lru_cache(maxsize=1)
def _fast_loader():
    from ruamel.yaml import YAML

    try:
        return YAML(typ="safe", pure=False)
    except Exception:  # no libyaml on this platform: correct, only slower
        return YAML(typ="safe", pure=True)


def round_trip_yaml():
    """A fresh round-trip YAML instance with the project's output conventions."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def load_yaml(text: str, path: str, line_offset: int = 0) -> YamlResult:
    """Parse one YAML document; every failure becomes a diagnostic, never an exception.

    `line_offset` shifts reported lines, for front matter inside a Markdown file.
    The document is built from parser events in one iterative pass, so hostile
    input is refused before anything is built: anchors and aliases (YAML bombs),
    explicit tags, duplicate keys, more than one document and nesting deeper
    than MAX_DEPTH (libyaml's own composer recurses in C and crashes the
    process on a 100,000-deep `[[[[`).
    """
    from narrative_cli.store.yamlbuild import build

    return build(text, path, line_offset)


def _too_deep(path: str, line: int, column: int = 1) -> Diagnostic:
    return error(
        "N105",
        f"YAML nested deeper than {MAX_DEPTH} levels",
        Location(path, line, column),
        hint="flatten the structure; no narrative field needs this depth",
    )


def _depth_exceeded(data: Any) -> bool:
    """True when already-built data nests deeper than MAX_DEPTH (kept for callers that build
    data with another loader; load_yaml itself refuses deep input while parsing)."""
    stack = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            return True
        if isinstance(node, dict):
            stack.extend((v, depth + 1) for v in node.values())
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node)
    return False


def _from_marked(exc, path: str, line_offset: int) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    loc = Location(path, (mark.line + 1 if mark else 1) + line_offset, mark.column + 1 if mark else 1)
    problem = exc.problem or "syntax error"
    context = f" ({exc.context})" if exc.context else ""
    hint = "look for an unclosed bracket or quote here or just above"
    if "tab" in problem or "cannot start any token" in problem:
        hint = "YAML indents with spaces, never tabs"
    elif "mapping values are not allowed" in problem:
        hint = "quote a value that contains ': ', e.g. note: \"Rule: never run\""
    return error("N101", f"invalid YAML: {problem}{context}", loc, hint=hint)


def _tag_error(tag: str, loc: Location) -> Diagnostic:
    return error(
        "N104",
        f"YAML tag '{tag}' is not allowed",
        loc,
        hint="narrative files hold plain values only; remove the tag",
    )


# -- locating keys for messages ------------------------------------------------


def locate(text: str, path: str, keys: tuple, line_offset: int = 0) -> Location:
    """Line and column of the value at `keys` (or of the deepest existing parent)."""
    positions = _positions(text)
    line, col = 0, 0
    for end in range(len(keys), 0, -1):
        found = positions.get(tuple(keys[:end]))
        if found is not None:
            line, col = found
            break
    return Location(path, line + 1 + line_offset, col + 1)


@lru_cache(maxsize=64)
def _positions(text: str) -> dict:
    from narrative_cli.store.yamlbuild import key_positions

    return key_positions(text)


@lru_cache(maxsize=64)
def _round_trip_tree(text: str):
    try:
        return round_trip_yaml().load(text)
    except Exception:  # already reported by load_yaml; here only positions are wanted
        return None


# -- round-trip editing --------------------------------------------------------


def edit_yaml(text: str, change) -> str:
    """Apply `change(tree)` to a round-trip tree and dump it, keeping comments,
    key order, quoting and the file's own indentation."""
    from ruamel.yaml.util import load_yaml_guess_indent

    _, indent, block_seq_indent = load_yaml_guess_indent(text)
    yaml = round_trip_yaml()
    if indent and block_seq_indent is not None:
        # ruamel's guess is the sequence indent; a mapping's own indent is often different
        # (`  - to:` under `relationships:` is 4/2, nested keys are 2), so guess it apart.
        yaml.indent(mapping=_mapping_indent(text) or 2, sequence=indent, offset=block_seq_indent)
    elif _mapping_indent(text):
        yaml.indent(mapping=_mapping_indent(text), sequence=4, offset=2)
    tree = yaml.load(text)
    if tree is None:  # empty, or comments only: keep what is there and add a mapping after it
        from ruamel.yaml.comments import CommentedMap

        tree = CommentedMap()
        change(tree)
        return (text if text.strip() else "") + (_dump_with(yaml, tree) if tree else "")
    change(tree)
    if isinstance(tree, dict) and not tree:  # every key removed: what is left is the comments
        return _leading_comments(text)
    return _dump_with(yaml, tree)


def _dump_with(yaml, tree) -> str:
    out = io.StringIO()
    yaml.dump(tree, out)
    return out.getvalue()


def _leading_comments(text: str) -> str:
    kept = []
    for line in text.split("\n"):
        if line.strip() and not line.lstrip().startswith("#"):
            break
        kept.append(line)
    return "\n".join(kept).strip("\n") + "\n" if any(ln.strip() for ln in kept) else ""


def _mapping_indent(text: str) -> int | None:
    """How far a nested mapping's keys sit in from their parent key, from the first example."""
    lines = text.split("\n")
    for parent, child in zip(lines, lines[1:]):
        head = parent.split(" #", 1)[0].rstrip()
        if not head.endswith(":") or parent.lstrip().startswith(("#", "-")):
            continue
        stripped = child.lstrip(" ")
        if stripped and not stripped.startswith(("-", "#")):
            step = (len(child) - len(stripped)) - (len(parent) - len(parent.lstrip(" ")))
            return step if step > 0 else None
    return None


def dump_yaml(data: Any) -> str:
    out = io.StringIO()
    round_trip_yaml().dump(data, out)
    return out.getvalue()

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
    """
    diags = _check_anchors_and_tags(text, path, line_offset)
    if diags:
        return YamlResult(None, diags)
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        data = _fast_loader().load(text)
    except RecursionError:
        return YamlResult(None, [_too_deep(path, line_offset + 1)])
    except MarkedYAMLError as exc:
        return YamlResult(None, [_from_marked(exc, path, line_offset)])
    except YAMLError as exc:
        return YamlResult(None, [error("N101", f"invalid YAML: {exc}", Location(path, line_offset + 1, 1))])
    line = _depth_exceeded(data)
    if line:
        return YamlResult(None, [_too_deep(path, line_offset + 1)])
    return YamlResult(data, [])


def _too_deep(path: str, line: int) -> Diagnostic:
    return error(
        "N105",
        f"YAML nested deeper than {MAX_DEPTH} levels",
        Location(path, line, 1),
        hint="flatten the structure; no narrative field needs this depth",
    )


def _depth_exceeded(data: Any) -> bool:
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
    from ruamel.yaml.constructor import DuplicateKeyError

    mark = exc.problem_mark or exc.context_mark
    loc = Location(path, (mark.line + 1 if mark else 1) + line_offset, mark.column + 1 if mark else 1)
    if isinstance(exc, DuplicateKeyError):
        key = str(exc.problem).split('"')[1] if '"' in str(exc.problem) else "?"
        return error("N102", f"duplicate key '{key}'", loc, hint="each key may appear once; merge the two values")
    if "could not determine a constructor for the tag" in str(exc.problem):
        return _tag_error(str(exc.problem).split("'")[1], loc)
    problem = exc.problem or "syntax error"
    context = f" ({exc.context})" if exc.context else ""
    hint = "YAML indents with spaces, never tabs" if "\t" in problem or "cannot start any token" in problem else None
    if "expected a single document" in str(exc.context or "") or "another document" in problem:
        hint = "a file holds one YAML document; remove the extra '---'"
    return error("N101", f"invalid YAML: {problem}{context}", loc, hint=hint)


def _tag_error(tag: str, loc: Location) -> Diagnostic:
    return error(
        "N104",
        f"YAML tag '{tag}' is not allowed",
        loc,
        hint="narrative files hold plain values only; remove the tag",
    )


def _check_anchors_and_tags(text: str, path: str, line_offset: int) -> list[Diagnostic]:
    """Refuse anchors, aliases and explicit tags: they are how YAML bombs and
    object-construction attacks work, and no narrative file needs them."""
    if "&" not in text and "*" not in text and "!" not in text:
        return []
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.tokens import AliasToken, AnchorToken, TagToken

    try:
        for token in YAML(typ="safe", pure=True).scan(io.StringIO(text)):
            if isinstance(token, (AnchorToken, AliasToken)):
                loc = Location(path, token.start_mark.line + 1 + line_offset, token.start_mark.column + 1)
                return [
                    error(
                        "N103",
                        "YAML anchors and aliases are not allowed",
                        loc,
                        hint="write the value out in full; if this is prose starting with '*' or '&', quote it",
                    )
                ]
            if isinstance(token, TagToken):
                handle, suffix = token.value
                loc = Location(path, token.start_mark.line + 1 + line_offset, token.start_mark.column + 1)
                return [_tag_error(f"{handle or ''}{suffix}", loc)]
    except YAMLError:
        return []  # the real parse reports the syntax error with its position
    return []


# -- locating keys for messages ------------------------------------------------


def locate(text: str, path: str, keys: tuple, line_offset: int = 0) -> Location:
    """Line and column of the value at `keys` (or of the deepest existing parent)."""
    found = _locate_in_nodes(text, keys)
    if found is not None:
        line, col = found
        return Location(path, line + 1 + line_offset, col + 1)
    node = _round_trip_tree(text)
    line, col = 0, 0
    for key in keys:
        try:
            if isinstance(key, int) and isinstance(node, list) and key < len(node):
                line, col = node.lc.item(key)
                node = node[key]
            elif isinstance(key, str) and hasattr(node, "lc") and isinstance(node, dict) and key in node:
                line, col = node.lc.key(key)
                node = node[key]
            else:
                break
        except (AttributeError, KeyError, TypeError):
            break
    return Location(path, line + 1 + line_offset, col + 1)


STR_TAG = "tag:yaml.org,2002:str"


def _locate_in_nodes(text: str, keys: tuple) -> tuple[int, int] | None:
    """The same (line, column) as the round-trip walk below, from libyaml's node tree (8x faster:
    `narrative check` locates thousands of findings). None, so the round-trip walk decides,
    whenever the two could differ: anything but plain mappings with unique string keys,
    sequences and scalars (anchors, tags, merges, duplicates), or a parse error."""
    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

    node = _node_tree(text)
    if node is None:
        return None
    line, col = 0, 0
    for key in keys:
        if isinstance(key, bool):
            return None
        if isinstance(node, SequenceNode) and isinstance(key, int):
            if not 0 <= key < len(node.value):
                break
            node = node.value[key]
            line, col = node.start_mark.line, node.start_mark.column
        elif isinstance(node, MappingNode) and isinstance(key, str):
            names = [k.value for k, _ in node.value]
            if len(set(names)) != len(names) or "<<" in names or \
                    any(not isinstance(k, ScalarNode) or k.tag != STR_TAG for k, _ in node.value):
                return None
            if key not in names:
                break
            k, node = node.value[names.index(key)]
            line, col = k.start_mark.line, k.start_mark.column
        else:
            break
    return line, col


@lru_cache(maxsize=64)
def _node_tree(text: str):
    if "&" in text or "*" in text or "!" in text or "\t" in text or "\r" in text or text.startswith("\ufeff"):
        return None  # anchors, aliases, tags and odd whitespace: leave them to the round-trip loader
    try:
        return _fast_loader().compose(text)
    except Exception:  # reported by load_yaml; the round-trip walk gives the fallback position
        return None


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
        yaml.indent(mapping=indent, sequence=indent, offset=block_seq_indent)
    tree = yaml.load(text)
    change(tree)
    out = io.StringIO()
    yaml.dump(tree, out)
    return out.getvalue()


def dump_yaml(data: Any) -> str:
    out = io.StringIO()
    round_trip_yaml().dump(data, out)
    return out.getvalue()

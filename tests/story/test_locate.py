"""store.yamlio.locate's libyaml fast path gives the round-trip walk's positions, or steps aside.

`narrative check` locates every finding in its scene card, so locate reads
libyaml's node tree; these cases pin it to the round-trip loader's answers.
"""

from __future__ import annotations

import pytest

from narrative_cli.store import yamlio

CASES = [
    "name: Inés Ñúñez\naliases: [Ínes, 'Ñ ñ', \"x\"]\n# a comment\nborn: 1\n",
    "a:\n  - x\n  - {b: 1, c: [1, 2]}\n  -   y: 2\n      z: 3\n",
    "'q': 1\n\"r\": [a,\n  b]\ns: |\n  long\n  text\nt: >-\n  folded\n",
    "participants:\n- elena\n-   reyes\n# trailing\n",
    "x: 1\ny: [true, 2]\nz: {yes: no}\n",
]


def _round_trip(text: str, keys: tuple) -> tuple[int, int]:
    node, line, col = yamlio._round_trip_tree(text), 0, 0
    for key in keys:
        if isinstance(key, int) and isinstance(node, list) and key < len(node):
            (line, col), node = node.lc.item(key), node[key]
        elif isinstance(key, str) and isinstance(node, dict) and key in node:
            (line, col), node = node.lc.key(key), node[key]
        else:
            break
    return line, col


def _paths(node, prefix=()):
    yield prefix + ("missing",)
    yield prefix + (7,)
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in items:
        if isinstance(key, (str, int)) and not isinstance(key, bool):
            yield prefix + (key,)
            yield from _paths(value, prefix + (key,))


@pytest.mark.parametrize("text", CASES)
def test_fast_path_agrees_with_the_round_trip_walk(text):
    paths = list(_paths(yamlio._round_trip_tree(text)))
    assert len(paths) > 4
    for keys in paths:
        assert yamlio._locate_in_nodes(text, keys) == _round_trip(text, keys), keys


@pytest.mark.parametrize("text", ["a: 1\na: 2\n", "a: &x 1\nb: *x\n", "a: !!str 1\n", "a: [1, 2\n",
                                  "<<: {b: 1}\nc: 2\n", "---\na: 1\n---\nb: 2\n",
                                  "1: x\ntrue: y\na: z\n"])
def test_fast_path_steps_aside_when_the_two_could_differ(text):
    assert yamlio._locate_in_nodes(text, ("a",)) is None


def test_located_lines_and_columns():
    text = CASES[0]
    assert yamlio.locate(text, "c.yaml", ("aliases", 1)) == yamlio.Location("c.yaml", 2, 17)
    assert yamlio.locate(text, "c.yaml", ("born",), line_offset=1) == yamlio.Location("c.yaml", 5, 1)

"""store/yamlio.py and store/yamlbuild.py: hostile YAML becomes diagnostics, edits keep formatting."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from narrative_cli.store.yamlio import dump_yaml, edit_yaml, load_yaml, locate


def one(text: str, offset: int = 0) -> str:
    result = load_yaml(text, "f.yaml", offset)
    assert result.data is None and len(result.diagnostics) == 1
    return result.diagnostics[0].format().split("\n")[0]


@pytest.mark.parametrize("text, value", [
    ("a: ~", None), ("a:", None), ("a: null", None), ("a: true", True), ("a: False", False),
    ("a: yes", "yes"), ("a: no", "no"), ("a: on", "on"),  # YAML 1.2: these are words
    ("a: 12", 12), ("a: -3", -3), ("a: 0x1f", 31), ("a: 0o17", 15), ("a: 1_000", 1000), ("a: 012", 12),
    ("a: 1.5", 1.5), ("a: 1e3", 1000.0), ("a: .5", 0.5), ("a: -.inf", -math.inf),
    ("a: 2024-01-02", dt.date(2024, 1, 2)),
    ("a: 2027-06-30T00:00:00Z", dt.datetime(2027, 6, 30, tzinfo=dt.timezone.utc)),
    ("a: 2024-13-45", "2024-13-45"), ("a: 312-04-02", "312-04-02"), ('a: "12"', "12"), ("a: '~'", "~"),
    ("a: 12:30", "12:30"), ("a: .", "."), ("a: +", "+"), ("a: 0x", "0x"),
    ("a: [1, two, {b: c}]", [1, "two", {"b": "c"}]), ("a: |\n  x\n  y\n", "x\ny\n"),
])
def test_scalars_follow_the_yaml_1_2_core_schema(text, value):
    result = load_yaml(text, "f.yaml")
    assert result.diagnostics == []
    assert result.data == {"a": value}
    assert type(result.data["a"]) is type(value)


def test_same_values_as_ruamel_safe_loader():
    from ruamel.yaml import YAML

    text = "a: 1\nb: [x, 2.5, null, true]\nc: {d: 2024-01-02, e: 'q'}\nf: >-\n  folded\n  text\n"
    assert load_yaml(text, "f.yaml").data == YAML(typ="safe", pure=True).load(text)


@pytest.mark.parametrize("text, message", [
    ("a: &x 1\nb: *x\n", "f.yaml:1:4: error N103: YAML anchors and aliases are not allowed"),
    ("a: *x\n", "f.yaml:1:4: error N103: YAML anchors and aliases are not allowed"),
    ("a: !!binary aGk=\n", "f.yaml:1:4: error N104: YAML tag '!!binary' is not allowed"),
    ("a: !custom x\n", "f.yaml:1:4: error N104: YAML tag '!custom' is not allowed"),
    ("!!map {a: 1}\n", "f.yaml:1:1: error N104: YAML tag '!!map' is not allowed"),
    ("a: 1\na: 2\n", "f.yaml:2:1: error N102: duplicate key 'a'"),
    ("a: {b: 1, b: 2}\n", "f.yaml:1:11: error N102: duplicate key 'b'"),
    ("[a]: 1\n", "f.yaml:1:1: error N101: invalid YAML: a key must be a plain value, not a list or mapping"),
    ("a: 1\n---\nb: 2\n", "f.yaml:2:1: error N101: invalid YAML: more than one document in the file"),
    ("a: [1, 2\n", "f.yaml:2:1: error N101: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence)"),
    ("a: b: c\n", "f.yaml:1:5: error N101: invalid YAML: mapping values are not allowed in this context"),
    ("a: x\x00y\n", "f.yaml:1:5: error N101: invalid YAML: character U+0000 is not allowed"),
    ("a: " + "[" * 10_000 + "]" * 10_000, "f.yaml:1:35: error N105: YAML nested deeper than 32 levels"),
    ("a: " + "[" * 10_000, "f.yaml:1:35: error N105: YAML nested deeper than 32 levels"),
    ("- " * 100_000 + "x", "f.yaml:1:65: error N105: YAML nested deeper than 32 levels"),
    ("".join(" " * i + "k:\n" for i in range(40)), "f.yaml:33:33: error N105: YAML nested deeper than 32 levels"),
])
def test_hostile_yaml_is_refused_with_a_location(text, message):
    assert one(text) == message


def test_billion_laughs_is_refused_before_expansion():
    levels = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    levels += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 12)]
    assert one("\n".join(levels) + "\n") == "f.yaml:1:5: error N103: YAML anchors and aliases are not allowed"


def test_a_million_deep_flow_does_not_crash_the_process():
    # libyaml's own composer recurses in C and segfaults here; the event builder does not.
    assert one("[" * 500_000).endswith("error N105: YAML nested deeper than 32 levels")


def test_line_offset_shifts_every_line():
    assert one("a: 1\na: 2\n", offset=1) == "f.yaml:3:1: error N102: duplicate key 'a'"


def test_empty_and_comment_only_documents_are_none():
    assert load_yaml("", "f.yaml").data is None
    assert load_yaml("# nothing\n", "f.yaml").data is None


def test_prose_with_stars_ampersands_and_bangs_is_fine():
    data = load_yaml('notes: Wow! Salt & tar, *not* gold\nquote: "*Marisol*"\n', "f.yaml").data
    assert data == {"notes": "Wow! Salt & tar, *not* gold", "quote": "*Marisol*"}


def test_locate_finds_nested_keys():
    text = "name: X\nrelationships:\n  - to: a\n    kind: b\n  - {to: c, kind: d}\n"
    assert str(locate(text, "f.yaml", ("relationships", 1, "to"))) == "f.yaml:5:6"
    assert str(locate(text, "f.yaml", ("relationships", 0, "kind"))) == "f.yaml:4:5"
    assert str(locate(text, "f.yaml", ("nothing", 3))) == "f.yaml:1:1"
    assert str(locate(text, "f.yaml", ("name",), line_offset=10)) == "f.yaml:11:1"
    assert str(locate("[broken", "f.yaml", ("a",))) == "f.yaml:1:1"


@pytest.mark.parametrize("text", [
    "# top comment\nname: Elena   # trailing\naliases: [a, 'b', \"c\"]\n\nsummary: >-\n  folded\n  text\n",
    "name: X\nrelationships:\n  - to: a\n    kind: b\ncustom:\n  eyes: grey\n",
    "name: X\nrelationships:\n- to: a\n  kind: b\ncustom:\n    eyes: grey\n",
    "name: X\nnotes: |\n  line one\n\n  line three\n",
])
def test_edit_keeps_comments_order_quoting_and_indentation(text):
    def touch(tree):
        tree["status"] = "dead"

    def untouch(tree):
        del tree["status"]

    edited = edit_yaml(text, touch)
    assert edited == text + "status: dead\n"
    assert edit_yaml(edited, untouch) == text


def test_dump_yaml_quotes_what_needs_quoting():
    assert dump_yaml({"name": "yes: no", "n": "12"}) == "name: 'yes: no'\nn: '12'\n"


def test_colon_in_a_value_gets_a_quoting_hint():
    diag = load_yaml("note: Rule: never run\n", "f.yaml").diagnostics[0]
    assert diag.hint == 'quote a value that contains \': \', e.g. note: "Rule: never run"'


@pytest.mark.parametrize("text", [
    "a: &x 1\nb: *x\n", "a: !!binary aGk=\n", "a: 1\na: 2\n", "a: [1, 2\n", "a: 1\n---\nb: 2\n",
    "a: " + "[" * 10_000 + "]" * 10_000, "name: X\nrelationships:\n  - {to: a, kind: b}\n",
    "a: 2024-01-02\nb: [1, 1.5, ~, true, '3']\n",
])
def test_pure_python_fallback_gives_the_same_result(text, monkeypatch):
    """Without ruamel.yaml.clib (PyPy, odd platforms) the pure parser feeds the same builder."""
    import sys

    fast = load_yaml(text, "f.yaml")
    fast_positions = locate(text + "\n#", "f.yaml", ("relationships", 0, "kind"))
    monkeypatch.setitem(sys.modules, "_ruamel_yaml", None)  # makes `import _ruamel_yaml` fail
    slow = load_yaml(text, "f.yaml")
    def found(result):  # the two parsers word syntax errors differently; code and place agree
        return result.data, [(d.code, str(d.location)) for d in result.diagnostics]

    assert found(slow) == found(fast)
    assert locate(text + "\n##", "f.yaml", ("relationships", 0, "kind")) == fast_positions  # not cached


def test_keys_are_the_text_as_written():
    data = load_yaml("1: a\ntrue: b\n2024-01-01: c\n~: d\n'x': e\n", "f.yaml").data
    assert data == {"1": "a", "true": "b", "2024-01-01": "c", "~": "d", "x": "e"}
    assert one('1: a\n"1": b\n') == "f.yaml:2:1: error N102: duplicate key '1'"
    assert str(locate("custom:\n  1: a\n", "f.yaml", ("custom", "1"))) == "f.yaml:2:3"

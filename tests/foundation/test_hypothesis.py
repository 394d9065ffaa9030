"""Generated input never makes the loader or validate raise: only diagnostics come out."""

from __future__ import annotations

import shutil

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from narrative_cli.checks import validate
from narrative_cli.diagnostics import Diagnostic
from narrative_cli.store.files import decode_text, split_front_matter
from narrative_cli.store.project import load_project
from narrative_cli.store.yamlio import load_yaml
from tests.foundation.conftest import BASE

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

YAML_CHARS = st.sampled_from(list("abz019 :-[]{},#&*!|>'\"\n\t?%@`~.\\/") + ["---", "...", "\x00", "é", "\u2028"])
yaml_soup = st.lists(YAML_CHARS, max_size=80).map("".join)

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.text(max_size=20), st.sampled_from(["elena-voss", "../x", "alive", "zombie", "2024-01-02"]))
keys = st.one_of(st.sampled_from(["name", "status", "pov", "participants", "relationships", "to", "kind",
                                  "custom", "location", "deleted_at", "title", "aliases"]), st.text(max_size=8))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(keys, inner, max_size=4)), max_leaves=12)
documents = st.dictionaries(keys, values, max_size=6)


def _dump(data) -> str:
    from narrative_cli.store.yamlio import dump_yaml

    return dump_yaml(data)


def _assert_diagnostics(found):
    assert all(isinstance(d, Diagnostic) and d.location.path for d in found)


@SETTINGS
@given(st.one_of(yaml_soup, st.text(max_size=200)))
def test_load_yaml_never_raises(text):
    result = load_yaml(text, "f.yaml")
    _assert_diagnostics(result.diagnostics)


@SETTINGS
@given(st.binary(max_size=300))
def test_random_bytes_never_raise(raw):
    text, diags = decode_text(raw, "f.md")
    _assert_diagnostics(diags)
    if text is not None:
        fm, diags = split_front_matter(text, "f.md")
        _assert_diagnostics(diags)
        if fm is not None and fm.yaml_text is not None:
            _assert_diagnostics(load_yaml(fm.yaml_text, "f.md", 1).diagnostics)


def _project(tmp_path_factory):
    root = tmp_path_factory.mktemp("hyp") / "book"
    shutil.copytree(BASE, root)
    return root


@SETTINGS
@given(canon=st.one_of(documents.map(_dump), yaml_soup, st.binary(max_size=200)),
       card=st.one_of(documents.map(_dump), yaml_soup), body=st.text(max_size=50))
def test_load_project_and_validate_never_raise(tmp_path_factory, canon, card, body):
    root = _project(tmp_path_factory)
    path = root / "canon" / "characters" / "generated.yaml"
    path.write_bytes(canon if isinstance(canon, bytes) else canon.encode("utf-8", "surrogatepass"))
    (root / "manuscript" / "01-arrival" / "02-generated.md").write_text(
        f"---\n{card}---\n{body}", encoding="utf-8", errors="surrogatepass")
    _assert_diagnostics(validate(load_project(root)))


@SETTINGS
@given(config=documents.map(_dump))
def test_random_narrative_yaml_never_raises(tmp_path_factory, config):
    root = _project(tmp_path_factory)
    (root / "narrative.yaml").write_text(config, encoding="utf-8", errors="surrogatepass")
    _assert_diagnostics(validate(load_project(root)))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(canon=st.one_of(documents.map(_dump), yaml_soup, st.binary(max_size=200)), card=yaml_soup)
def test_validate_command_never_crashes(tmp_path_factory, cli, canon, card):
    """Through the CLI edge: exit 0 or 1, never an internal error, every line shaped `path:line:col: ...`."""
    root = _project(tmp_path_factory)
    path = root / "canon" / "characters" / "generated.yaml"
    path.write_bytes(canon if isinstance(canon, bytes) else canon.encode("utf-8", "surrogatepass"))
    (root / "manuscript" / "01-arrival" / "02-generated.md").write_text(f"---\n{card}\n---\nProse.\n",
                                                                       encoding="utf-8", errors="surrogatepass")
    result = cli("validate", str(root))
    assert result.exit_code in (0, 1)
    assert result.stderr == ""
    import re

    shaped = re.compile(r"^[^:]+:\d+:\d+: (error|warning) N\d{3}: ")
    problems = [ln for ln in result.stdout.splitlines()[:-1] if not ln.startswith("  ")]
    assert all(shaped.match(ln) for ln in problems), problems

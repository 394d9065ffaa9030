"""refs.py: bare ids, kind/id, ambiguity, kinds, and the cached id index."""

from __future__ import annotations

import pytest

from narrative_cli.errors import NarrativeError
from narrative_cli.refs import require, resolve
from narrative_cli.store.project import EntityRecord, load_project
from tests.foundation.conftest import write


@pytest.fixture
def loaded(project):
    write(project, "canon/locations/elena-voss.yaml", "name: Elena Voss (the ship)\n")
    write(project, "canon/characters/old-man.yaml", "name: Old Man\ndeleted_at: 2026-01-01T00:00:00Z\n")
    return load_project(project)


@pytest.mark.parametrize("ref, kinds, found", [
    ("captain-reyes", None, "characters/captain-reyes"),
    ("characters/elena-voss", None, "characters/elena-voss"),
    ("character/elena-voss", None, "characters/elena-voss"),
    ("elena-voss", ("characters",), "characters/elena-voss"),
    ("elena-voss", ("locations",), "locations/elena-voss"),
    ("old-man", None, "characters/old-man"),
])
def test_resolves(loaded, ref, kinds, found):
    assert resolve(loaded, ref, kinds).record.ref == found


@pytest.mark.parametrize("ref, kinds, code, problem, hint", [
    ("elena-voss", None, "N402", "'elena-voss' is ambiguous: characters/elena-voss, locations/elena-voss",
     "write kind/id, e.g. characters/elena-voss"),
    ("harbor-town", ("characters",), "N404",
     "'harbor-town' is locations/harbor-town, but a characters entity is expected here",
     "this field takes characters: `narrative list characters` shows them"),
    ("captain-reye", None, "N401", "'captain-reye' does not exist", "did you mean 'captain-reyes'?"),
    ("dragons/smaug", None, "N401", "unknown kind 'dragons' in 'dragons/smaug'",
     "kinds are: characters, locations, factions, items, magic, events"),
    ("../x", None, "N301", "'../x' is not a valid reference",
     "use an id like captain-reyes or kind/id like characters/captain-reyes"),
    ("", None, "N301", "'' is not a valid reference",
     "use an id like captain-reyes or kind/id like characters/captain-reyes"),
    ("Elena-Voss", None, "N301", "'Elena-Voss' is not a valid reference",
     "use an id like captain-reyes or kind/id like characters/captain-reyes"),
])
def test_problems(loaded, ref, kinds, code, problem, hint):
    found = resolve(loaded, ref, kinds)
    assert (found.record, found.code, found.problem, found.hint) == (None, code, problem, hint)


def test_require_refuses_deleted_unless_asked(loaded):
    with pytest.raises(NarrativeError) as caught:
        require(loaded, "old-man")
    assert (caught.value.message, caught.value.hint) == (
        "characters/old-man is deleted", "bring it back with `narrative restore characters/old-man`")
    assert require(loaded, "old-man", include_deleted=True).id == "old-man"


def test_index_is_built_once_and_follows_changes(loaded):
    first = loaded.ids_by_stem()
    assert loaded.ids_by_stem() is first  # cached: resolve() must not rebuild it per reference
    record = loaded.entities["characters"]["captain-reyes"]
    loaded.entities["items"] = {"ledger": EntityRecord("items", "ledger", "canon/items/ledger.yaml", "",
                                                       record.model)}
    assert resolve(loaded, "ledger").record.ref == "items/ledger"
    del loaded.entities["characters"]["captain-reyes"]
    assert resolve(loaded, "captain-reyes").record is None
    loaded.entities["characters"]["captain-reyes"] = record
    loaded.invalidate_index()
    assert resolve(loaded, "captain-reyes").record is record

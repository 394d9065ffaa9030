"""`narrative history REF` and `narrative log`: who changed what, when, field by field."""

from __future__ import annotations

import json

from tests.trust_fixtures import git

CANON = "canon/characters/elena-voss.yaml"


def _life(root, cli, use_key, keyring):
    use_key(keyring["eve"])
    cli("new", "character", "Elena Voss", cwd=root)
    (root / CANON).write_text((root / CANON).read_text() + "status: dead\n")
    cli("commit", "-m", "Elena dies", cwd=root)
    cli("rm", "elena-voss", cwd=root)
    git(root, "mv", CANON, "canon/characters/elena.yaml")
    cli("commit", "-m", "Shorter id", cwd=root)


def test_history_follows_fields_soft_delete_and_rename(governed, keyring, cli, use_key):
    _life(governed, cli, use_key, keyring)
    data = json.loads(cli("history", "characters/elena", "--format", "json", cwd=governed).stdout)
    assert [(e["action"], e["name"]) for e in data] == [("create", "Eve"), ("edit", "Eve"), ("delete", "Eve"),
                                                         ("edit", "Eve")]
    assert data[0]["fields"] == [{"field": "name", "old": None, "new": "Elena Voss"}]
    assert data[1]["fields"] == [{"field": "status", "old": None, "new": "dead"}]
    assert [f["field"] for f in data[2]["fields"]] == ["deleted_at", "deleted_by"]
    assert data[3]["renamed_from"] == CANON and data[3]["entity"] == "characters/elena"
    text = cli("history", "characters/elena", cwd=governed).stdout.splitlines()
    assert text[1] == '    name: - -> "Elena Voss"'
    assert text[0].endswith(f"Eve ({keyring['eve'].kid[:8]})  create  characters/elena-voss")


def test_history_of_a_purged_entity_by_kind_and_id(governed, keyring, cli, use_key):
    cli("new", "character", "Elena Voss", cwd=governed)
    cli("purge", "elena-voss", cwd=governed)
    data = json.loads(cli("history", "characters/elena-voss", "--format", "json", cwd=governed).stdout)
    assert [e["action"] for e in data] == ["create", "purge"]
    assert data[1]["fields"] == [{"field": "name", "old": "Elena Voss", "new": None}]


def test_log_filters_by_actor_action_and_kind(governed, keyring, cli, use_key):
    _life(governed, cli, use_key, keyring)
    by_eve = json.loads(cli("log", "--actor", "Eve", "--format", "json", cwd=governed).stdout)
    assert [e["summary"] for e in by_eve] == ["Shorter id", "Delete characters/elena-voss", "Elena dies",
                                              "Create characters/elena-voss"]
    deletes = json.loads(cli("log", "--action", "delete", "--format", "json", cwd=governed).stdout)
    assert [e["entity"] for e in deletes] == ["characters/elena-voss"]
    owners = json.loads(cli("log", "--actor", keyring["ada"].kid[:8], "--format", "json", cwd=governed).stdout)
    assert {e["action"] for e in owners} == {"create", "manage_collaborators"}
    assert json.loads(cli("log", "--kind", "locations", "--format", "json", cwd=governed).stdout) == []
    assert json.loads(cli("log", "--until", "2001-01-01", "--format", "json", cwd=governed).stdout) == []


def test_history_of_a_new_entity_is_not_borrowed_from_a_similar_one(governed, cli):
    """Two stubs from the same template are near-identical; git --follow sees the second as a copy."""
    cli("new", "character", "Test Person", cwd=governed)
    cli("new", "character", "Bot Made", cwd=governed)
    data = json.loads(cli("history", "bot-made", "--format", "json", cwd=governed).stdout)
    assert [(e["action"], e["summary"], e["renamed_from"]) for e in data] == [
        ("create", "Create characters/bot-made", None)]
    assert data[0]["fields"] == [{"field": "name", "old": None, "new": "Bot Made"}]

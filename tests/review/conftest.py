"""A project with a story-shaped history: a renumbered scene, a renamed character,
an edited scene card, a soft delete and a restore, one commit each."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, GIT_ENV, git

ARRIVAL = "manuscript/01-arrival"


@dataclass
class History:
    root: Path
    commits: dict[str, str]  # step name -> sha


def _commit(root: Path, message: str) -> str:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)
    return git(root, "rev-parse", "HEAD").strip()


def _replace(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _rename_ines(root: Path) -> None:
    old = root / "canon/characters/ines-marrow.yaml"
    git(root, "mv", str(old), str(old.with_name("ines-harrow.yaml")))
    _replace(root / "canon/characters/ines-harrow.yaml", "name: Ines Marrow", "name: Ines Harrow")
    for path in [*root.glob("canon/*/*.yaml"), *root.glob("manuscript/*/*.md")]:
        text = path.read_text(encoding="utf-8")
        if re.search(r"\bines-marrow\b", text):
            path.write_text(re.sub(r"\bines-marrow\b", "ines-harrow", text), encoding="utf-8")


def _soft(root: Path, ref: str, delete: bool) -> None:
    from narrative_cli.ops.canon import restore, soft_delete
    from narrative_cli.store.project import load_project
    from narrative_cli.ops.writes import apply

    import datetime as dt

    project = load_project(root)
    when = dt.datetime(2026, 11, 20, 9, 30, tzinfo=dt.timezone.utc)
    change = soft_delete(project, ref, "writer@example.org", when) if delete else restore(project, ref)
    apply(root, change, commit=False)


def build_history(root: Path) -> History:
    shutil.copytree(EXAMPLE, root)
    git(root, "init", "-q", "--initial-branch=main")
    commits = {"start": _commit(root, "Initial import")}
    git(root, "mv", f"{ARRIVAL}/02-the-customs-house.md", f"{ARRIVAL}/04-the-customs-house.md")
    commits["move"] = _commit(root, "Move the customs house after salt on the tongue")
    _rename_ines(root)
    commits["rename"] = _commit(root, "Rename Ines Marrow to Ines Harrow")
    dockside = root / f"{ARRIVAL}/01-dockside.md"
    _replace(dockside, "exiting_value: fear", "exiting_value: dread")
    _replace(dockside, "status: final", "status: revised")
    _replace(dockside, "She counted them again.", "She counted them a third time, slowly.")
    commits["card"] = _commit(root, "Dockside: darker exit, one more count")
    _soft(root, "03-02", delete=True)
    _soft(root, "characters/pilar-anselm", delete=True)
    commits["delete"] = _commit(root, "Cut the light ones and Pilar")
    _soft(root, "03-02", delete=False)
    _soft(root, "characters/pilar-anselm", delete=False)
    commits["restore"] = _commit(root, "Bring back the light ones and Pilar")
    return History(root, commits)


@pytest.fixture(scope="session")
def history(tmp_path_factory) -> History:
    """Built once (it is read-only for the tests that use it)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HOME", str(tmp_path_factory.mktemp("history-home")))
        mp.setenv("GIT_CONFIG_NOSYSTEM", "1")
        for key, value in GIT_ENV.items():
            mp.setenv(key, value)
        return build_history(tmp_path_factory.mktemp("history") / "the-salt-road")

"""`narrative --version`: the release, and the commit when it was installed from Git.

Two places know the commit, tried in order: a Git checkout the package runs from (an
editable install asks git, so the answer follows the checkout), and the stamp setup.py
writes into every sdist and wheel it builds from a checkout (narrative_cli/_build.py),
which covers `pip install .` and `pip install git+URL@ref` (pip builds from a clone).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from narrative_cli import __version__

DIST_NAME = "narrative-cli"


def version_line() -> str:
    """`narrative 0.1.0`, or `narrative 0.1.0 (commit <sha>)`, `(commit <sha>, with uncommitted changes)`."""
    found = _from_checkout() or _from_stamp()
    if found is None:
        return f"narrative {__version__}"
    commit, dirty = found
    return f"narrative {__version__} (commit {commit}{', with uncommitted changes' if dirty else ''})"


def _from_checkout() -> tuple[str, bool] | None:
    top = Path(__file__).resolve().parent.parent
    if not (top / ".git").exists():
        return None

    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(["git", "-C", str(top), *args], capture_output=True, text=True, timeout=10)
        except (OSError, subprocess.SubprocessError):
            return None
        return done.stdout.strip() if done.returncode == 0 else None

    commit = git("rev-parse", "HEAD")
    if not commit:
        return None
    return commit, bool(git("status", "--porcelain", "--untracked-files=no"))


def _from_stamp() -> tuple[str, bool] | None:
    try:
        from narrative_cli import _build  # type: ignore[attr-defined]
    except ImportError:
        return None
    return _build.COMMIT, bool(_build.DIRTY)


def repository_url() -> str:
    """The `Repository` URL of the installed metadata (pyproject.toml [project.urls])."""
    from importlib import metadata

    from narrative_cli.errors import NarrativeError

    try:
        urls = metadata.distribution(DIST_NAME).metadata.get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        urls = []
    for entry in urls:
        label, _, url = entry.partition(",")
        if label.strip().lower() == "repository":
            return url.strip()
    raise NarrativeError(f"the {DIST_NAME} metadata names no Repository URL",
                         hint="install narrative with pip (pip install -e . in a checkout)")

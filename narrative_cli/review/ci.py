"""CI workflows for a project: `narrative init --ci github|gitlab`.

The templates live in templates/ci/; the only thing filled in is the
narrative version, so CI builds with the release the project was made with.
"""

from __future__ import annotations

from pathlib import Path

from narrative_cli.errors import UsageError
from narrative_cli.store.files import atomic_write

CI_TARGETS = {"github": ".github/workflows/narrative.yml", "gitlab": ".gitlab-ci.yml"}
CI_KINDS = (*CI_TARGETS, "none")
VERSION_PLACEHOLDER = "@NARRATIVE_VERSION@"


def check_ci_kind(kind: str) -> None:
    if kind not in CI_KINDS:
        raise UsageError(f"unknown CI '{kind}'", hint=f"choose one of: {', '.join(CI_KINDS)}")


def render_ci(kind: str) -> tuple[str, str]:
    """(path in the project, file text) of the workflow for `kind`."""
    from narrative_cli import __version__
    from narrative_cli.templates import template_path

    check_ci_kind(kind)
    if kind == "none":
        raise UsageError("there is no workflow for --ci none")
    text = template_path("ci", f"{kind}.yml").read_text(encoding="utf-8")
    return CI_TARGETS[kind], text.replace(VERSION_PLACEHOLDER, __version__)


def write_ci(root: Path, kind: str) -> str | None:
    """Write the workflow into a new project; returns its path, or None for `none`."""
    check_ci_kind(kind)
    if kind == "none":
        return None
    rel, text = render_ci(kind)
    atomic_write(root / rel, text)
    return rel

"""CI workflows for a project: `narrative init --ci github|gitlab` and `narrative ci`.

The templates live in templates/ci/. What is filled in is the version that writes
them and the one pip requirement the workflow installs narrative with
(`NARRATIVE_INSTALL`), so CI builds with the release the project was made with:
from the package index by default, from the repository's release tag (`git`), or
from any fork or commit the project names (narrative.yaml `ci: {install: ...}`).
"""

from __future__ import annotations

import re
from pathlib import Path

from narrative_cli.errors import UsageError
from narrative_cli.store.files import atomic_write

CI_TARGETS = {"github": ".github/workflows/narrative.yml", "gitlab": ".gitlab-ci.yml"}
CI_KINDS = (*CI_TARGETS, "none")
INSTALL_SOURCES = ("index", "git")
VERSION_PLACEHOLDER = "@NARRATIVE_VERSION@"
INSTALL_PLACEHOLDER = "@NARRATIVE_INSTALL@"


def check_ci_kind(kind: str) -> None:
    if kind not in CI_KINDS:
        raise UsageError(f"unknown CI '{kind}'", hint=f"choose one of: {', '.join(CI_KINDS)}")


def install_requirement(install: str = "index") -> str:
    """The pip requirement CI installs: `index`, `git`, or the project's own requirement as it is."""
    from narrative_cli import __version__
    from narrative_cli.model.project import PIP_REQUIREMENT
    from narrative_cli.version import DIST_NAME, repository_url

    if install == "index":
        return f"{DIST_NAME}=={__version__}"
    if install == "git":
        return f"git+{repository_url()}@v{__version__}"
    if not install or not re.match(PIP_REQUIREMENT, install):
        raise UsageError(f"cannot install narrative in CI from '{install}'",
                         hint="index, git, or one pip requirement without spaces or quotes, "
                              "such as git+https://example.org/you/narrative.git@<commit>")
    return install


def render_ci(kind: str, install: str = "index") -> tuple[str, str]:
    """(path in the project, file text) of the workflow for `kind`."""
    from narrative_cli import __version__
    from narrative_cli.templates import template_path

    check_ci_kind(kind)
    if kind == "none":
        raise UsageError("there is no workflow for --ci none")
    text = template_path("ci", f"{kind}.yml").read_text(encoding="utf-8")
    return CI_TARGETS[kind], (text.replace(INSTALL_PLACEHOLDER, install_requirement(install))
                              .replace(VERSION_PLACEHOLDER, __version__))


def write_ci(root: Path, kind: str, install: str = "index") -> str | None:
    """Write the workflow into a new project; returns its path, or None for `none`."""
    check_ci_kind(kind)
    if kind == "none":
        return None
    rel, text = render_ci(kind, install)
    atomic_write(root / rel, text)
    return rel


def project_install(root: Path) -> str:
    """narrative.yaml `ci.install` of an existing project (`index` when it says nothing)."""
    from narrative_cli.errors import ProblemsFound
    from narrative_cli.store.project import load_project

    project = load_project(root)
    if project.config is None:
        raise ProblemsFound("narrative.yaml does not validate", [d for d in project.diagnostics if d.is_error],
                            hint="fix it, then run `narrative ci` again")
    return project.config.ci.install


def update_ci(root: Path, kind: str, install: str | None = None, commit: bool = True, force: bool = False):
    """Write (or refresh to this version) the workflow of an existing project, as one commit.

    `install` given: it is also recorded in narrative.yaml, so the next refresh keeps it.
    A workflow someone edited (or one from a release whose template differed) is replaced
    only with `force`: the template says "edit freely", so a refresh must not undo that unasked."""
    from narrative_cli.store.project import CONFIG_FILE
    from narrative_cli.store.yamlio import edit_yaml
    from narrative_cli.ops.writes import Change, apply

    if kind == "none":
        raise UsageError("there is no workflow for none", hint=f"choose one of: {', '.join(CI_TARGETS)}")
    check_ci_kind(kind)
    recorded = project_install(root)
    chosen = install if install is not None else recorded
    rel, text = render_ci(kind, chosen)
    files: dict[str, str | None] = {rel: text}
    if install is not None and install != recorded:
        config = (root / CONFIG_FILE).read_text(encoding="utf-8")
        files[CONFIG_FILE] = edit_yaml(config, lambda tree: record_install(tree, install))
    existing = (root / rel).read_text(encoding="utf-8") if (root / rel).is_file() else None
    if existing == text and len(files) == 1:
        return None  # already this version's workflow: nothing to commit
    if existing is not None and not force and _template_part(existing) != _template_part(text):
        raise UsageError(f"{rel} is not the workflow narrative writes (edited, or from a release whose "
                         "template differs); nothing was changed",
                         hint="--force replaces it (the old one stays in the Git history); "
                              "or change NARRATIVE_INSTALL in it by hand")
    summary = f"CI: {'refresh' if existing is not None else 'add'} {rel} ({install_requirement(chosen)})"
    return apply(root, Change("create" if existing is None else "edit", summary, files), commit=commit)


_RELEASE_LINES = re.compile(r"^(\s*NARRATIVE_INSTALL: ).*$|(Written by narrative )\S+", re.M)


def _template_part(text: str) -> str:
    """The workflow without what `narrative ci` fills in (the release and the install requirement)."""
    return _RELEASE_LINES.sub(lambda m: m.group(1) or m.group(2), text)


def record_install(tree, install: str) -> None:
    """narrative.yaml tree: `ci: {install: ...}`, or no `install` key for the default."""
    if install == "index":
        if isinstance(tree.get("ci"), dict):
            tree["ci"].pop("install", None)
            if not tree["ci"]:
                del tree["ci"]
        return
    if not isinstance(tree.get("ci"), dict):
        tree["ci"] = {}
    tree["ci"]["install"] = install

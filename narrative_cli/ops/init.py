"""`narrative init`: a new project from a template, as a Git repository with one commit."""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from pathlib import Path

from narrative_cli.errors import UsageError
from narrative_cli.model.common import CANON_KINDS
from narrative_cli.store.files import atomic_write
from narrative_cli.store.project import CONFIG_FILE
from narrative_cli.store.yamlio import edit_yaml
from narrative_cli.templates import template_path

TEMPLATES = ("novel", "short-story")
BUILDING = ".narrative-new"  # suffix of the hidden folder a project is built in beside PATH


def create_project(path: Path, title: str, author: str, language: str = "en", template: str = "novel",
                   ci: str = "none", key: str | None = None, manifest: bool = True,
                   ci_install: str = "index", files: dict[str, str | None] | None = None,
                   summary: str | None = None) -> Path:
    """Create the project and return its root. Refuses a non-empty folder, and
    removes what it made if anything fails, so nothing half-made is left.

    With a signing key (`key`, or the only key in $NARRATIVE_HOME) the first
    commit also holds the genesis manifest (creator = OWNER) and is signed.
    `ci_install` (index, git or a pip requirement) goes into narrative.yaml `ci.install`
    and the workflow. `files` (path -> text, None removes a template file) and `summary` make
    the first commit hold more than the template: `narrative import` uses them, so a new
    project and its imported book are one audited commit."""
    import re

    from narrative_cli.model.project import BCP47

    if not re.match(BCP47, language):
        raise UsageError(f"invalid language tag '{language}'", hint="a BCP 47 tag such as en, en-GB, fr or pt-BR")
    if template not in TEMPLATES:
        raise UsageError(f"unknown template '{template}'", hint=f"templates are: {', '.join(TEMPLATES)}")
    from narrative_cli.review.ci import check_ci_kind, install_requirement, write_ci  # `ci`: github | gitlab | none

    check_ci_kind(ci)
    install_requirement(ci_install)  # a bad requirement stops here, before anything is made
    if (path / CONFIG_FILE).exists():
        raise UsageError(f"{path} is already a narrative project")
    if path.exists() and (not path.is_dir() or any(path.iterdir())):
        raise UsageError(f"{path} exists and is not empty", hint="choose a new folder, or an empty one")
    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_killed_builds(path)
    work = Path(tempfile.mkdtemp(prefix=f".{path.name}.{os.getpid()}.", suffix=BUILDING, dir=path.parent))
    mask = os.umask(0)
    os.umask(mask)
    work.chmod(0o777 & ~mask)  # mkdtemp's 0700 would make the project private
    try:
        _populate(work, title, author, language, template, ci_install)
        write_ci(work, ci, ci_install)
        _add(work, files or {})
        _require_valid(work)
        from narrative_cli.history import git

        git.init_repo(work)
        signer = _genesis_signer(key) if manifest else None
        if signer is None:
            git.land_directly(work, git.prepare_commit(work, ["."], f"{summary or f'Create project: {title}'}\n\nNarrative-Action: create\n",
                                                       fallback_name=author))
        else:
            _signed_genesis(work, summary or f"Create project: {title}", author, *signer)
        os.rename(work, path)  # a kill at any instant leaves no half-made project at PATH
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return path.resolve()


def _remove_killed_builds(path: Path) -> None:
    """The hidden folders a killed `init` or `import` of the same PATH was building in: their
    process is gone (a live one, a second init of the same name, is left alone)."""
    import re

    mine = re.compile(rf"\.{re.escape(path.name)}\.(\d+)\.[^/]*{re.escape(BUILDING)}")
    for entry in path.parent.iterdir():
        match = mine.fullmatch(entry.name)
        if match and entry.is_dir() and not entry.is_symlink() and not _alive(int(match.group(1))):
            shutil.rmtree(entry, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # someone else's process: alive
        return True
    return True


def _genesis_signer(key: str | None):
    """(identity, signer) when a key is named or exactly one exists; None means an unsigned project."""
    from narrative_cli.trust import identity, keys

    if key is None and len(keys.list_keys()) != 1:
        return None
    who = identity.current(None, key)
    return who, identity.unlock(who)


def _add(root: Path, files: dict[str, str | None]) -> None:
    for rel, text in files.items():
        target = root / rel
        if text is not None:
            atomic_write(target, text)
        elif target.exists():
            target.unlink()
            if target.parent != root and not any(target.parent.iterdir()):
                target.parent.rmdir()


def _signed_genesis(path: Path, summary: str, author: str, who, signer) -> None:
    from narrative_cli.history.audit import commit_signed
    from narrative_cli.trust.collab import genesis_files, project_id

    for rel, text in genesis_files(path, signer, who).items():
        atomic_write(path / rel, text)
    commit_signed(path, ["."], summary, "create", None, [], signer, project_id(path), 1,
                  name=who.name or author)


def _populate(path: Path, title: str, author: str, language: str, template: str, ci_install: str) -> None:
    from narrative_cli.review.ci import record_install

    source = template_path("projects", template)
    shutil.copytree(source, path, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__"))
    (path / "gitignore").rename(path / ".gitignore")
    for kind in CANON_KINDS:
        folder = path / "canon" / kind
        folder.mkdir(parents=True, exist_ok=True)
        (folder / ".gitkeep").touch()
    (path / "assets").mkdir(exist_ok=True)
    (path / "assets" / ".gitkeep").touch()

    def fill(tree):
        tree["title"] = title
        tree["author"] = author
        tree["language"] = language
        tree["identifier"] = f"urn:uuid:{uuid.uuid4()}"
        record_install(tree, ci_install)

    config = path / CONFIG_FILE
    atomic_write(config, edit_yaml(config.read_text(encoding="utf-8"), fill))


def _require_valid(path: Path) -> None:
    from narrative_cli.checks import validate
    from narrative_cli.errors import ProblemsFound
    from narrative_cli.store.project import load_project

    errors = [d for d in validate(load_project(path)) if d.is_error]
    if errors:
        raise ProblemsFound("the new project would not validate; nothing was created", errors,
                            hint="check --language (a BCP 47 tag such as en, fr or pt-BR)")

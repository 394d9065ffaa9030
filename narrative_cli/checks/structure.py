"""Project-level structure: the config's own references (cover) and manuscript shape."""

from __future__ import annotations

from narrative_cli.diagnostics import Diagnostic, Location, error, warning
from narrative_cli.store.files import is_inside
from narrative_cli.store.project import CONFIG_FILE, Project
from narrative_cli.store.yamlio import locate


def check(project: Project) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    if project.config is not None and project.config.cover:
        found += _check_asset(project, project.config.cover, ("cover",))
    if not (project.root / "manuscript").is_dir():
        found.append(warning("N307", "no manuscript/ folder", Location(CONFIG_FILE, 1, 1),
                             hint="add a chapter with `narrative new chapter TITLE`"))
    return found


def _check_asset(project: Project, value: str, keys: tuple) -> list[Diagnostic]:
    where = locate(project.config_text, CONFIG_FILE, keys)
    if value.startswith(("/", "\\")) or ".." in value.replace("\\", "/").split("/") or ":" in value:
        return [error("N308", f"'{value}' must be a relative path inside the project", where,
                      hint="put the file under assets/ and write assets/<name>")]
    path = project.root / value
    if not is_inside(path, project.root):
        return [error("N308", f"'{value}' leaves the project", where,
                      hint="it is a symbolic link: copy the file into assets/ instead")]
    if not path.is_file():
        return [error("N309", f"'{value}' does not exist", where,
                      hint="add the file, or fix the path (it is relative to the project folder)")]
    return _check_image(path, value, where)


def _check_image(path, value: str, where: Location) -> list[Diagnostic]:
    """By its bytes (store/images.py): a text file named cover.png is not an image."""
    from narrative_cli.store import images

    try:
        info = images.identify(path)
    except OSError as exc:
        return [error("N310", f"'{value}' cannot be read: {exc.strerror or exc}", where,
                      hint="check the file's permissions")]
    if info.kind is None:
        return [error("N310", f"'{value}' is not an image e-book readers show: its content is {info.what}", where,
                      hint="use a PNG, JPEG, GIF, WebP or SVG file (the content counts, not the name), "
                           "e.g. a JPEG of 1600 x 2560 pixels for an e-book cover")]
    found = []
    if info.unsafe:
        found.append(error("N311", f"'{value}' is an SVG image with {'; '.join(info.unsafe)}", where,
                           hint="remove scripts, event handlers and links to other files "
                                "(embed pictures as data: URLs), or use a PNG or JPEG"))
    if info.size > images.LARGE:
        found.append(warning("N312", f"'{value}' is {info.size / 1e6:.1f} MB ({info.what}); "
                                     f"over {images.LARGE // 1_000_000} MB", where,
                             hint="an e-book cover needs about 1600 x 2560 pixels: saved as JPEG that is "
                                  "usually under 2 MB"))
    return found

"""Reading project files defensively: symlinks, size, binary, encoding, front matter."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from narrative_cli.diagnostics import Diagnostic, Location, error, warning

MAX_FILE_BYTES = 1024 * 1024  # the same limit `verify` enforces on governed files (TRUST.md R11)


def is_inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a symlink loop (Python 3.11)
        return False


def rel_path(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def read_text(path: Path, root: Path) -> tuple[str | None, list[Diagnostic]]:
    """The file's text with line endings normalised, or None and the reason."""
    rel = rel_path(path, root)
    loc = Location(rel, 1, 1)  # a whole-file problem: reported at its start
    if path.is_symlink():
        return None, [symlink_problem(path, root, rel)]
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a FIFO would block the read forever
            return None, [error("N001", "cannot read file: not a regular file", loc,
                                hint="canon and scenes are plain files; remove or rename this one")]
        size = info.st_size
        if size > MAX_FILE_BYTES:
            return None, [error("N004", f"file is {size / 1048576:.1f} MiB, larger than the 1 MiB limit", loc,
                                hint="split it into smaller files")]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [error("N001", f"cannot read file: {exc.strerror or exc}", loc)]
    return decode_text(raw, rel)


def symlink_problem(path: Path, root: Path, rel: str) -> Diagnostic:
    """Links are never followed: one leaving the project could make narrative read
    (and `verify` sign off) files nobody can see in the repository."""
    loc = Location(rel, 1, 1)
    if not is_inside(path, root):
        return error("N005", "symbolic link points outside the project", loc,
                     hint="copy the file into the project instead of linking to it")
    return warning("N005", "symbolic link inside the project is ignored", loc,
                   hint="move the file here; links do not survive every checkout and cannot be verified")


def decode_text(raw: bytes, rel: str) -> tuple[str | None, list[Diagnostic]]:
    if b"\x00" in raw[:8192]:
        return None, [error("N003", "binary file where text was expected", Location(rel, 1, 1),
                            hint="canon and scenes are UTF-8 text; keep images under assets/")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        return None, [error("N002", f"invalid UTF-8 (byte 0x{raw[exc.start]:02x})", Location(rel, line, col),
                            hint="save the file as UTF-8 in your editor")]
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, []


@dataclass
class FrontMatter:
    yaml_text: str | None  # None when the file has no front matter
    body: str
    yaml_line: int  # 1-based line of the first YAML line
    body_line: int  # 1-based line where the body starts


def split_front_matter(text: str, rel: str) -> tuple[FrontMatter | None, list[Diagnostic]]:
    """Split `---` fenced YAML from a Markdown body."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return FrontMatter(None, text, 0, 1), []
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            return FrontMatter("\n".join(lines[1:i]) + "\n", "\n".join(lines[i + 1 :]), 2, i + 2), []
    return None, [
        error("N501", "front matter is not closed", Location(rel, 1, 1),
              hint="end the scene card with a line holding only '---'")
    ]


# What a command's output file may never replace inside the project: its sources and bookkeeping.
SOURCE_FOLDERS = ("manuscript", "canon", "assets", ".git", ".narrative")
SOURCE_FILES = ("narrative.yaml", "manifest.yaml", "manifest.sig")


def refuse_to_clobber(output: Path, root: Path, suffixes: tuple[str, ...], what: str) -> None:
    """A slip in -o must not replace a scene, narrative.yaml or an unrelated file with generated output:
    refused inside the project's sources, and over an existing file not ending in one of `suffixes`."""
    from narrative_cli.errors import UsageError

    try:
        target = output.resolve()
        inside = target.relative_to(root.resolve()).parts
    except ValueError:
        inside = ()
    except (OSError, RuntimeError) as exc:  # a symlink loop
        raise UsageError(f"cannot write {output}: {exc}", hint="choose another file name") from None
    if inside and (inside[0] in SOURCE_FOLDERS or len(inside) == 1 and inside[0] in SOURCE_FILES):
        raise UsageError(f"refusing to write {what} into the project's own {Path(*inside)}",
                         hint="write it to build/ or outside the project")
    if target.is_file() and target.suffix.lower() not in suffixes:
        raise UsageError(f"refusing to replace {output}: it is not a {suffixes[0]} file",
                         hint=f"choose a name ending in {suffixes[0]}, or delete the file first")


def atomic_write(path: Path, data: bytes | str) -> None:
    """Write via a temp file in the same folder and rename, so a crash leaves
    either the old file or the new one, never half of either."""
    import tempfile

    if isinstance(data, str):
        data = data.encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o777 if path.exists() else None
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise

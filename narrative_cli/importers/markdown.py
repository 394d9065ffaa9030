"""Markdown or plain text, one file or a folder: headings make chapters, break markers make scenes.

Prose is kept as written (it is Markdown already); only the block structure is read:
ATX headings, `#` alone and thematic breaks (`***`, `* * *`, `---`), fenced code, front matter.
A folder is read in natural name order; a folder of folders reads each sub-folder as a chapter
and each file in it as a scene (what narrative's own manuscript/ and many tools' exports look like).
"""

from __future__ import annotations

import re
from pathlib import Path

from narrative_cli.importers import limits
from narrative_cli.importers.plan import ImportPlan, ImportRefused, PlanChapter, PlanScene
from narrative_cli.importers.structure import Block, build, is_break_text

TEXT_SUFFIXES = (".md", ".markdown", ".txt", ".text", ".mdown", ".mkd")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_THEMATIC = re.compile(r"^ {0,3}([*_-])(?:[ \t]*\1){2,}[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_MARKS = re.compile(r"[*_`\\]|<[^>]*>")


def read_text(path: Path) -> str:
    data = limits.read_capped(path, limits.MAX_TEXT)
    if b"\x00" in data[:8192]:
        raise ImportRefused("I210", "this is a binary file, not text", path=str(path),
                            hint="import a .docx, .md or .txt file, a novelWriter or a Scrivener project")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding).replace("\r\n", "\n").replace("\r", "\n")
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def front_matter(text: str) -> tuple[dict, str]:
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---\n", 4)
    if end < 0:
        return {}, text
    import yaml

    try:
        data = yaml.safe_load(text[4:end])
    except (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError):  # `2024-13-40` is a ValueError
        return {}, text
    return (data if isinstance(data, dict) else {}), text[end + 5:]


def blocks_of(text: str) -> list[Block]:
    blocks: list[Block] = []
    para: list[str] = []
    fence: str | None = None

    def flush():
        if para:
            joined = "\n".join(para)
            blocks.append(Block("para", joined, _MARKS.sub("", joined)))
            para.clear()

    for line in text.split("\n"):
        if fence is not None:
            para.append(line)
            if line.strip().startswith(fence):
                fence = None
            continue
        opened = _FENCE.match(line)
        if opened:
            flush()
            fence = opened.group(1)
            para.append(line)
            continue
        if not line.strip():
            flush()
            continue
        heading = _ATX.match(line)
        if heading and not heading.group(2):
            flush()
            blocks.append(Block("break", "#"))
        elif heading:
            flush()
            title = heading.group(2).strip()
            blocks.append(Block("heading", title, _MARKS.sub("", title), level=len(heading.group(1))))
        elif _THEMATIC.match(line) or (not para and is_break_text(line)):
            flush()
            blocks.append(Block("break", line.strip()))
        elif para and re.match(r"^ {0,3}=+[ \t]*$", line):  # setext level 1
            title = "\n".join(para)
            para.clear()
            blocks.append(Block("heading", title, _MARKS.sub("", title), level=1))
        else:
            para.append(line)
    flush()
    return blocks


def _meta(plan: ImportPlan, meta: dict) -> None:
    def text(key):
        value = meta.get(key)
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        return str(value).strip() if value not in (None, "") else None

    plan.title = plan.title or text("title")
    plan.author = plan.author or text("author") or text("authors")
    plan.language = plan.language or text("language") or text("lang")


def read_file(path: Path, pattern: re.Pattern | None) -> ImportPlan:
    plan = ImportPlan(str(path), "markdown")
    meta, body = front_matter(read_text(path))
    _meta(plan, meta)
    build(blocks_of(body), plan, pattern)
    plan.title = plan.title or path.stem
    return plan


def _natural(path: Path):
    return [int(t) if t.isdigit() else t.lower() for t in re.split(r"(\d+)", path.name)]


def _files(folder: Path) -> list[Path]:
    return sorted((p for p in folder.iterdir() if p.is_file() and not p.is_symlink() and p.suffix.lower() in TEXT_SUFFIXES
                   and not p.name.startswith(".") and p.name.lower() not in ("readme.md", "license.md")), key=_natural)


def _dirs(folder: Path) -> list[Path]:
    return sorted((p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".") and not p.is_symlink()
                   and _files(p)), key=_natural)


def read_folder(folder: Path, pattern: re.Pattern | None) -> ImportPlan:
    plan = ImportPlan(str(folder), "markdown")
    chapters = _dirs(folder)
    if chapters:
        for sub in chapters:
            plan.chapters.append(_chapter_from_folder(sub, plan))
    else:
        files = _files(folder)
        if not files:
            raise ImportRefused("I201", "this folder holds no Markdown or text files", path=str(folder),
                                hint="import a .docx, .md or .txt file, a novelWriter or a Scrivener project")
        _from_files(files, plan, pattern)
    plan.title = plan.title or folder.name
    return plan


def _from_files(files: list[Path], plan: ImportPlan, pattern: re.Pattern | None) -> None:
    texts = []
    for path in files:
        meta, body = front_matter(read_text(path))
        _meta(plan, meta) if not plan.title else None
        texts.append((path, body))
    streams = [blocks_of(body) for _, body in texts]
    if any(b.kind == "heading" for s in streams for b in s):
        build([b for s in streams for b in s], plan, pattern)
        return
    for (path, _), stream in zip(texts, streams):  # a file per chapter
        title = re.sub(r"^[\d\s._-]+", "", path.stem).replace("-", " ").replace("_", " ").strip() or None
        build([Block("heading", title or path.stem, level=1), *stream], plan, pattern)


def _chapter_from_folder(folder: Path, plan: ImportPlan) -> PlanChapter:
    title = re.sub(r"^[\d\s._-]+", "", folder.name).replace("-", " ").replace("_", " ").strip() or None
    chapter_yaml = folder / "chapter.yaml"
    if chapter_yaml.is_file():
        meta, _ = front_matter("---\n" + read_text(chapter_yaml) + "\n---\n")
        title = meta.get("title") or title
    chapter = PlanChapter(str(title) if title else None)
    for path in _files(folder):
        meta, body = front_matter(read_text(path))
        card = {k: meta[k] for k in ("summary", "status") if isinstance(meta.get(k), str)}
        scene_title = meta.get("title") if isinstance(meta.get("title"), str) else None
        chapter.scenes.append(PlanScene(body.strip() + "\n" if body.strip() else "", scene_title, card))
    return chapter

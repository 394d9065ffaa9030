"""Resolving export options: narrative.yaml defaults, then a named profile, then CLI flags.

Flags win over the profile, the profile wins over the defaults. Every value the
writers read is settled here, so the writers never look at narrative.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from narrative_cli.errors import UsageError
from narrative_cli.model.project import ProjectConfig
from narrative_cli.model.scene import STATUSES
from narrative_cli.store.files import refuse_to_clobber

FORMATS = ("docx", "epub", "md", "pdf")
FLAG_NAMES = ("manuscript_format", "include_toc", "include_author", "font", "status", "chapters",
              "smart_typography", "dashes", "output", "trim", "chapter_start", "lead_in", "font_size")
CHAPTER_SPEC = re.compile(r"^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$")
EXTENSIONS = {"docx": (".docx",), "epub": (".epub",), "md": (".md", ".markdown", ".txt"), "pdf": (".pdf",)}


@dataclass
class ExportOptions:
    format: str
    output: Path
    manuscript_format: bool = False
    include_toc: bool = True
    include_author: bool = True
    font: str = "times"
    status: str | None = None
    chapters: frozenset[int] | None = None  # 1-based positions in reading order; None = all
    smart_typography: bool = True
    dashes: str = "en"  # what `--` becomes
    chapter_spec: str | None = field(default=None, repr=False)
    trim: str | None = None  # PDF: always set (6x9 by default); DOCX: a print page size only when asked
    chapter_start: str = "right"  # PDF: right|any
    lead_in: str = "none"  # PDF: none|small-caps
    font_size: float = 11.0  # PDF body text, points


def parse_chapters(spec: str | None) -> frozenset[int] | None:
    """`1-3,7` -> {1, 2, 3, 7}; None or empty -> every chapter."""
    if spec is None or not str(spec).strip():
        return None
    wanted: set[int] = set()
    for part in str(spec).split(","):
        match = CHAPTER_SPEC.match(part)
        if not match:
            raise UsageError(f"bad chapter selection '{spec}'", hint="write chapter numbers and ranges like 1-3,7")
        low = int(match.group(1))
        high = int(match.group(2) or low)
        if low < 1 or high < low:
            raise UsageError(f"bad chapter range '{part.strip()}' in '{spec}'",
                             hint="ranges go from low to high and chapters count from 1, like 2-5")
        wanted.update(range(low, high + 1))
    return frozenset(wanted)


def status_rank(status: str) -> int:
    return STATUSES.index(status)


def resolve(config: ProjectConfig, root: Path, fmt: str, profile: str | None, flags: dict) -> ExportOptions:
    """The options for one build; `flags` holds CLI values, None meaning 'not given'."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format '{fmt}'", hint=f"choose one of: {', '.join(FORMATS)}")
    values = _defaults(config, fmt)
    if profile is not None:
        values.update(_profile_values(config, fmt, profile))
    values.update({k: v for k, v in flags.items() if v is not None and k in FLAG_NAMES})
    output = _output_path(values.pop("output", None), root, config, fmt, from_flag=flags.get("output") is not None)
    refuse_to_clobber(output, root, EXTENSIONS[fmt], f"the {fmt}")
    spec = values.pop("chapters", None)
    if values.get("trim") is not None:
        from narrative_cli.export.trim import trim_or_stop

        # an unknown trim stops the build before the book is read
        trim_or_stop(values["trim"], "--trim" if flags.get("trim") is not None else "narrative.yaml")
    return ExportOptions(format=fmt, output=output, chapters=parse_chapters(spec), chapter_spec=spec, **values)


def _defaults(config: ProjectConfig, fmt: str) -> dict:
    settings = config.export
    values: dict = {"smart_typography": settings.smart_typography, "dashes": settings.dashes,
                    "include_author": True, "status": None}
    if fmt == "docx":
        values.update(settings.docx.model_dump())
    elif fmt == "epub":
        values.update(settings.epub.model_dump())
    elif fmt == "pdf":
        values.update(config.print.model_dump())
    return values


def _profile_values(config: ProjectConfig, fmt: str, name: str) -> dict:
    profiles = config.export.profiles
    if name not in profiles:
        known = ", ".join(sorted(profiles)) or "none defined"
        raise UsageError(f"no export profile '{name}' in narrative.yaml",
                         hint=f"profiles: {known}; add one under export.profiles")
    chosen = profiles[name]
    if chosen.format != fmt:
        raise UsageError(f"profile '{name}' builds {chosen.format}, not {fmt}",
                         hint=f"run `narrative export {chosen.format} --profile {name}`")
    return {k: v for k, v in chosen.model_dump(exclude={"format"}).items() if v is not None}


def _output_path(output: str | Path | None, root: Path, config: ProjectConfig, fmt: str, from_flag: bool) -> Path:
    """-o is relative to the current folder; a profile's `output` to the project; default build/<slug>.<fmt>."""
    if output is None:
        from narrative_cli.slug import slugify

        return root / "build" / f"{slugify(config.title) or 'manuscript'}.{fmt}"
    path = Path(output).expanduser()
    if not path.is_absolute():
        path = (Path.cwd() / path) if from_flag else (root / path)
    return path

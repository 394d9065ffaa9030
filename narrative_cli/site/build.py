"""`narrative site`: gather, render, write. Only files whose bytes changed are rewritten (so a
static host or `serve` sees only real changes); files an earlier build wrote and this one does
not are removed. The output folder is refused when it holds anything narrative did not write."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from narrative_cli.errors import NarrativeError, ProblemsFound, UsageError

MARKER = ".narrative-site"  # lists the files the last build wrote
ASSETS = ("site.css", "site.js")


@dataclass
class SiteReport:
    output: Path
    pages: int
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    findings: int = 0
    seconds: float = 0.0

    def to_json(self) -> dict:
        return {"output": str(self.output), "pages": self.pages, "written": len(self.written),
                "removed": len(self.removed), "findings": self.findings, "seconds": round(self.seconds, 3)}


def default_output(root: Path) -> Path:
    return root / "site"


def build_site(root: Path, output: Path | None = None) -> SiteReport:
    started = time.perf_counter()
    out = (output or default_output(root)).resolve()
    check_output(root.resolve(), out)
    files = render_site(root)
    report = write_site(out, files)
    report.findings = files.pop(".findings", 0)
    report.seconds = time.perf_counter() - started
    return report


def render_site(root: Path) -> dict:
    """path -> bytes for every file of the site (and `.findings`, their count)."""
    from narrative_cli.export.build import _collector_paused

    with _collector_paused():  # many small objects, no cycles worth collecting (as export does)
        return render_data(root)[0]


def render_data(root: Path):
    """(files, SiteData): the data is kept by `serve` to rebuild one chapter when one scene changes."""
    from narrative_cli.checks.story import check
    from narrative_cli.site.data import gather
    from narrative_cli.site.pages import all_pages
    from narrative_cli.store.project import load_project
    from narrative_cli.templates import template_path

    project = load_project(root)
    if project.config is None:
        raise ProblemsFound("narrative.yaml could not be read; no site was built", project.diagnostics,
                            hint="fix it (`narrative validate` lists the problems), then build again")
    data = gather(root, project)
    data.findings = check(project, prose=data.prose)  # scenes parsed once for both
    files: dict = {path: text.encode("utf-8") for path, text in all_pages(data)}
    for name in ASSETS:
        files[f"assets/{name}"] = template_path("site", name).read_bytes()
    files[".findings"] = len(data.findings)
    return files, data


def check_output(root: Path, out: Path) -> None:
    if out == root or root.is_relative_to(out):
        raise UsageError(f"-o {out}: the site cannot be written over the project", hint="choose a new folder, e.g. -o site")
    if out.exists() and not out.is_dir():
        raise UsageError(f"-o {out}: is a file", hint="choose a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise UsageError(f"-o {out}: the folder holds files narrative did not write; nothing was written",
                         hint="choose an empty or new folder")


def write_site(out: Path, files: dict, keep: bool = False) -> SiteReport:
    """`keep`: `files` is a part of the site (serve's fast path); nothing else is removed."""
    from narrative_cli.store.files import atomic_write

    previous = set() if keep else _previous(out)
    report = SiteReport(out, sum(p.endswith(".html") for p in files))
    try:
        out.mkdir(parents=True, exist_ok=True)
        for path, data in sorted(files.items()):
            if path.startswith(".findings"):
                continue
            target = out / path
            if target.is_file() and target.read_bytes() == data:
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(target, data)
            report.written.append(path)
        for path in sorted(previous - set(files)):
            (out / path).unlink(missing_ok=True)
            report.removed.append(path)
        if keep:
            return report
        listing = "\n".join(sorted(p for p in files if not p.startswith("."))) + "\n"
        if not (out / MARKER).is_file() or (out / MARKER).read_text(encoding="utf-8") != listing:
            atomic_write(out / MARKER, listing)
    except OSError as exc:
        raise NarrativeError(f"cannot write the site to {out}: {exc.strerror or exc}",
                             hint="choose another folder with -o") from None
    return report


def _previous(out: Path) -> set[str]:
    try:
        listed = (out / MARKER).read_text(encoding="utf-8").split("\n")
    except OSError:
        return set()
    return {p for p in listed if p and ".." not in p.split("/") and not p.startswith("/")}

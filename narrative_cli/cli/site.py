"""`narrative site` (the story bible as a static website) and `narrative serve` (it, live).

No `from __future__ import annotations` here: Typer reads the annotations at run time."""

from pathlib import Path
from typing import Annotated, Optional

import typer

from narrative_cli.cli.common import FormatOpt, OutputFormat, PathArg, ProjectOpt

OutOpt = Annotated[Optional[Path], typer.Option("--output", "-o", show_default=False,
                                                help="The site folder (default: site/ in the project).")]


def site(path: PathArg = None, project: ProjectOpt = None, output: OutOpt = None,
         fmt: FormatOpt = OutputFormat.text) -> int:
    """Build the story bible as a static website: home, manuscript, a page per canon entity, timeline,
    relationship map, findings, stats and search. Self-contained (no server, no CDN); opens from file://.

    Exit 0 built (findings are on its Findings page), 1 narrative.yaml unreadable, 2 could not build (nothing half written).
    """
    from narrative_cli.cli.common import project_root
    from narrative_cli.cli.render import print_json
    from narrative_cli.site.build import build_site

    report = build_site(project_root(project, path), output)
    if fmt is OutputFormat.json:
        print_json(report.to_json())
    else:
        print(f"{report.output / 'index.html'}: {report.pages} pages, {len(report.written)} files written, "
              f"{report.findings} findings, {report.seconds:.2f} s")
    return 0


def serve(path: PathArg = None, project: ProjectOpt = None, output: OutOpt = None,
          port: Annotated[int, typer.Option("--port", min=0, max=65535, help="The port (0: any free one).")] = 8000,
          host: Annotated[Optional[str], typer.Option(
              "--host", show_default=False,
              help="Listen on this address instead of 127.0.0.1 (e.g. 0.0.0.0 for the whole network).")] = None,
          ) -> int:
    """Build the site, serve it, rebuild when a project file is saved and reload open pages.

    Listens on 127.0.0.1 unless --host is given; serves the site folder and nothing else. Ctrl-C stops it (exit 130).
    """
    from narrative_cli.cli.common import project_root
    from narrative_cli.site.serve import serve as run

    return run(project_root(project, path), output, host or "127.0.0.1", port, print)


def register(app: typer.Typer) -> None:
    app.command()(site)
    app.command()(serve)

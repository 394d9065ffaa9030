"""Rendering for `suggest`, `search` and `stats`: rich on a terminal, plain text in a pipe, JSON on request."""

from __future__ import annotations

import sys

from narrative_cli.cli.common import OutputFormat
from narrative_cli.cli.render import console, print_json

HIGHLIGHT = "bold magenta"


def show_search(query, found, fmt: OutputFormat) -> int:
    if fmt is OutputFormat.json:
        print_json({"query": query.text, "mode": query.mode, "total": found.total,
                    "shown": len(found.hits), "results": [h.to_json() for h in found.hits]})
        return 0 if found.total else 1
    from rich.text import Text

    out = console()
    for hit in found.hits:
        line = Text(f"{hit.path}:{hit.line}: ", style="cyan")
        body = Text(hit.context)
        for start, end in hit.spans:
            body.stylize(HIGHLIGHT, start, end)
        out.print(line + body)
    if found.total > len(found.hits):
        print(f"{found.total} matches; showing the first {len(found.hits)} (raise --limit to see more)",
              file=sys.stderr)
    elif not found.total:
        print("no matches", file=sys.stderr)
    return 0 if found.total else 1

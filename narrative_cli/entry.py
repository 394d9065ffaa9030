"""The `narrative` console script and `python -m narrative_cli`.

Importing the CLI takes a tenth of a second; Ctrl-C in that window (or in the
few lines before a command's own handler takes over) must end the command like
Ctrl-C anywhere else: exit 130 and one line, not a traceback.
"""

import gc
import sys


def main() -> None:
    try:
        from narrative_cli.cli.app import main as run

        run()
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        sys.exit(130)
    finally:
        # The interpreter's last collections walk every object the imports made (typer, pydantic,
        # the typing machinery): ~40 ms of every command. Frozen objects are skipped; the
        # process ends right after, so nothing that matters is left uncollected.
        gc.freeze()

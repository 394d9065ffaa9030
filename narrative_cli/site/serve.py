"""`narrative serve`: the built site over HTTP, rebuilt when a project file is saved, open pages
reloaded by server-sent events.

Read-only and confined: only GET and HEAD, only files inside the build folder (the request path
is decoded once, `..`, backslashes, NUL and anything resolving outside the folder are refused
with 403/400). Listens on 127.0.0.1 unless told otherwise. A watcher thread polls the project's
file times (stdlib only: at ~1,500 files a poll costs a few milliseconds).
"""

from __future__ import annotations

import threading
import time
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

EVENTS = "/__narrative/events"
LIVE = b'\nnarrativeLive("/__narrative/events");\n'
POLL = 0.2


class Live:
    """The build generation; each rebuild bumps it and wakes every open event stream."""

    def __init__(self) -> None:
        self.generation = 0
        self.cond = threading.Condition()
        self.stopping = False

    def bump(self) -> None:
        with self.cond:
            self.generation += 1
            self.cond.notify_all()

    def wait(self, seen: int, timeout: float) -> int:
        with self.cond:
            self.cond.wait_for(lambda: self.generation != seen or self.stopping, timeout)
            return self.generation


def confined(folder: Path, raw_path: str) -> Path | None:
    """The file a URL path names inside `folder`, or None when the path tries to leave it."""
    path = unquote(urlsplit(raw_path).path, errors="strict")
    if "\\" in path or "\0" in path or not path.startswith("/"):
        return None
    parts = [p for p in path.split("/") if p]
    if any(p in ("..", ".") or ":" in p for p in parts):
        return None
    target = folder.joinpath(*parts)
    try:
        resolved = target.resolve()
    except (OSError, RuntimeError):
        return None
    if resolved != folder and not resolved.is_relative_to(folder):
        return None
    if resolved.is_dir():
        resolved = resolved / "index.html"
    return resolved


def handler_for(folder: Path, live: Live):
    class Handler(SimpleHTTPRequestHandler):
        server_version = "narrative"
        sys_version = ""

        def do_GET(self) -> None:  # noqa: N802 (http.server's names)
            if urlsplit(self.path).path == EVENTS:
                return self._events()
            self._file(head=False)

        def do_HEAD(self) -> None:  # noqa: N802
            self._file(head=True)

        def _refuse(self, code: HTTPStatus) -> None:
            self.send_error(code)

        def _file(self, head: bool) -> None:
            try:
                target = confined(folder, self.path)
            except UnicodeDecodeError:
                target = None
            if target is None:
                return self._refuse(HTTPStatus.FORBIDDEN)
            if target.name.startswith(".") or not target.is_file():
                return self._refuse(HTTPStatus.NOT_FOUND)
            body = target.read_bytes()
            if target.name == "site.js":
                body += LIVE
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", self.guess_type(str(target)))
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("X-Content-Type-Options", "nosniff")
            self.end_headers()
            if not head:
                self.wfile.write(body)

        def _events(self) -> None:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            seen = live.generation
            try:
                self.wfile.write(b": connected\n\n")
                self.wfile.flush()
                while not live.stopping:
                    now = live.wait(seen, 15)
                    if now != seen:
                        seen = now
                        self.wfile.write(b"event: reload\ndata: %d\n\n" % now)
                    else:
                        self.wfile.write(b": ping\n\n")
                    self.wfile.flush()
            except OSError:
                pass

        def log_message(self, *args) -> None:  # quiet: the terminal shows rebuilds, not every request
            pass

    return Handler


def snapshot(root: Path) -> dict[str, float]:
    found = {}
    for top in ("narrative.yaml",):
        _stat(root / top, top, found)
    for folder in ("canon", "manuscript", "assets"):
        base = root / folder
        if base.is_dir():
            for path in base.rglob("*"):
                _stat(path, str(path.relative_to(root)), found)
    return found


def _stat(path: Path, rel: str, found: dict) -> None:
    try:
        st = path.stat()
    except OSError:
        return
    if not path.is_dir():
        found[rel] = (st.st_mtime_ns, st.st_size)


def serve(root: Path, output: Path | None, host: str, port: int, say) -> int:
    from narrative_cli.site.build import check_output, default_output
    from narrative_cli.site.rebuild import Rebuilder

    folder = (output or default_output(root)).resolve()
    check_output(root.resolve(), folder)
    rebuilder = Rebuilder(root, folder)
    started = time.perf_counter()
    rebuilder.full()
    pages = len(rebuilder.data.chapters) + len(rebuilder.data.entities) + 8
    live = Live()
    server = _server(host, port, handler_for(folder, live))
    server.daemon_threads = True
    shown = host if ":" not in host else f"[{host}]"
    say(f"{pages} pages in {time.perf_counter() - started:.2f} s; serving {folder} at http://{shown}:{server.server_address[1]}/ (Ctrl-C stops)")
    watcher = threading.Thread(target=_watch, args=(root, live, say, rebuilder), daemon=True)
    watcher.start()
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        live.stopping = True
        live.bump()
        server.server_close()
    return 0


def _server(host: str, port: int, handler) -> ThreadingHTTPServer:
    import socket

    from narrative_cli.errors import UsageError

    class Server(ThreadingHTTPServer):
        address_family = socket.AF_INET6 if ":" in host else socket.AF_INET

    try:
        return Server((host, port), handler)
    except OSError as exc:
        raise UsageError(f"cannot listen on {host} port {port}: {exc.strerror or exc}",
                         hint="choose another port with --port (0 takes any free one)") from None


def _watch(root: Path, live: Live, say, rebuilder) -> None:
    before = snapshot(root)
    while not live.stopping:
        time.sleep(POLL)
        now = snapshot(root)
        if now == before:
            continue
        changed = sorted(k for k in set(now) | set(before) if now.get(k) != before.get(k))
        before = now
        what = ", ".join(changed[:3]) + (" ..." if len(changed) > 3 else "")
        if _step(lambda: rebuilder.fast(changed), live, say, what):
            _step(rebuilder.full, live, say, "the rest of the site")
        else:
            _step(rebuilder.full, live, say, what)


def _step(build, live: Live, say, what: str) -> bool:
    """Run one rebuild; reload open pages when it wrote something. False when it did not apply."""
    from narrative_cli.errors import NarrativeError

    started = time.perf_counter()
    try:
        written = build()
    except NarrativeError as exc:
        say(f"not rebuilt: {exc}")
        return False
    except Exception as exc:  # a half-saved file must not stop the server
        say(f"not rebuilt: {type(exc).__name__}: {exc}")
        return False
    if written is None:
        return False
    say(f"{what}: {len(written)} files rebuilt in {time.perf_counter() - started:.2f} s")
    if written:
        live.bump()
    return True

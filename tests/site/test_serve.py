"""`narrative serve` as a real process: confined to the build folder, live reload within 2 s of a
save, Ctrl-C exits 130."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time

import pytest

from tests.conftest import REPO
from tests.site.browser import browser
from tests.site.test_site_build import hostile_project


@pytest.fixture
def server(tmp_path):
    root = hostile_project(tmp_path / "book")
    (tmp_path / "secret.txt").write_text("SECRET beside the site")
    out = tmp_path / "site"
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen([sys.executable, "-m", "narrative_cli", "serve", str(root), "-o", str(out), "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    line = proc.stdout.readline()
    match = re.search(r"at http://127\.0\.0\.1:(\d+)/", line)
    assert match, line + proc.stderr.read()
    proc.port, proc.root, proc.out = int(match.group(1)), root, out
    yield proc
    if proc.poll() is None:
        proc.kill()
        proc.wait()


def raw_get(port: int, target: str) -> tuple[int, bytes]:
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        s.sendall(f"GET {target} HTTP/1.0\r\nHost: x\r\n\r\n".encode("latin-1"))
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


@pytest.mark.parametrize("target", [
    "/../narrative.yaml", "/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt",
    "/assets/..%2f..%2fsecret.txt", "/..%5csecret.txt", "//etc/passwd", "/%2fetc%2fpasswd",
    "/etc/passwd", "http://127.0.0.1/../secret.txt", "/.narrative-site", "/%00", "/%ff%fe",
])
def test_nothing_outside_the_site_is_served(server, target):
    code, body = raw_get(server.port, target)
    assert code in (400, 403, 404), (target, code)
    assert b"SECRET" not in body and b"root:" not in body and b"format:" not in body


def test_the_site_is_served_and_only_read(server):
    code, body = raw_get(server.port, "/")
    assert code == 200 and b"<h1>The Salt Road</h1>" in body
    code, body = raw_get(server.port, "/canon/characters/elena-voss.html")
    assert code == 200 and b"Elena Voss" in body
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as s:
        s.sendall(b"PUT /index.html HTTP/1.0\r\nContent-Length: 2\r\n\r\nxx")
        assert b" 501 " in s.recv(1024).split(b"\r\n")[0] + b" "
    assert b"<h1>The Salt Road</h1>" in (server.out / "index.html").read_bytes()


def test_a_saved_scene_reloads_the_open_page_within_two_seconds(server):
    scene = server.root / "manuscript/01-arrival/02-the-customs-house.md"
    stats_before = (server.out / "stats.html").read_text(encoding="utf-8")
    with browser() as chromium:
        page = chromium.new_page()
        page.goto(f"http://127.0.0.1:{server.port}/book/chapter-01.html")
        assert "The lighthouse keeper sang" not in page.content()
        time.sleep(0.5)  # the event stream is open
        scene.write_text(scene.read_text(encoding="utf-8") + "\nThe lighthouse keeper sang.\n", encoding="utf-8")
        saved = time.monotonic()
        page.wait_for_function("document.body.innerText.includes('The lighthouse keeper sang.')", timeout=2000)
        assert time.monotonic() - saved < 2.0
        home = chromium.new_page()  # the open page may reload again when the full rebuild lands
        for attempt in range(3):  # a reload announced while the home page loads aborts that load
            try:
                home.goto(f"http://127.0.0.1:{server.port}/index.html")
                break
            except Exception:
                if attempt == 2:
                    raise
        words = home.locator("#words").inner_text()
    assert f"{words} of 90,000 words" not in stats_before  # the home page already counts the new words
    deadline = time.monotonic() + 60  # the full rebuild after the fast path brings the stats up to date
    while f"{words} of 90,000 words" not in (server.out / "stats.html").read_text(encoding="utf-8"):
        assert time.monotonic() < deadline, "the stats page was never rebuilt"
        time.sleep(0.2)


def test_ctrl_c_stops_it_cleanly(server):
    server.send_signal(signal.SIGINT)
    assert server.wait(timeout=10) == 130
    assert "Traceback" not in server.stderr.read()
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", server.port), timeout=2).close()


def test_a_port_in_use_is_a_usage_error(example, tmp_path, cli):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = cli("serve", str(example), "-o", str(tmp_path / "site"), "--port", str(port))
    assert result.exit_code == 2
    assert f"narrative: error: cannot listen on 127.0.0.1 port {port}: Address already in use" in result.stderr

"""`init` without --title/--author: asks on a terminal, explains anywhere else; the default .gitignore."""

from __future__ import annotations

import os
import pty
import select
import subprocess

from tests.conftest import git


def test_no_terminal_explains(tmp_path, cli):
    result = cli("init", "book", cwd=tmp_path)
    assert (result.exit_code, result.stderr) == (
        2, "narrative: error: a new book needs --title\n  hint: narrative init book --title 'My Book' --author "
           "'Your Name' (run it on a terminal to be asked instead)\n")
    assert not (tmp_path / "book").exists()


def test_terminal_is_asked(tmp_path, narrative_bin):
    leader, follower = pty.openpty()
    proc = subprocess.Popen([str(narrative_bin), "init", "book", "--no-manifest"], cwd=tmp_path,
                            stdin=follower, stdout=follower, stderr=follower, env={**os.environ, "COLUMNS": "80"})
    os.close(follower)
    seen = b""
    for answer, question in ((b"The Salt Road\n", b"Title of the book"), (b"Ada Quill\n", b"Author (the byline)")):
        while question not in seen:
            ready, _, _ = select.select([leader], [], [], 30)
            assert ready, seen
            seen += os.read(leader, 1024)
        os.write(leader, answer)
    while proc.poll() is None:
        if select.select([leader], [], [], 1)[0]:
            try:
                seen += os.read(leader, 1024)
            except OSError:
                break
    assert proc.wait(timeout=60) == 0, seen
    os.close(leader)
    config = (tmp_path / "book" / "narrative.yaml").read_text()
    assert "title: The Salt Road\n" in config and "author: Ada Quill\n" in config


def test_default_gitignore_keeps_reports_and_pdfs_out(tmp_path, cli):
    assert cli("init", "book", "--title", "B", "--author", "A", "--no-manifest", cwd=tmp_path).exit_code == 0
    root = tmp_path / "book"
    for name in ("report.html", "stats.htm", "book.pdf", "build/x.epub", ".narrative/progress-cache.json",
                 ".~lock.book.docx#"):
        assert git(root, "check-ignore", name).strip() == name

"""Progress output: none when quiet, in CI or off a terminal (the summary line is enough)."""

from __future__ import annotations

from narrative_cli.cli.progress import progress_reporter


def test_quiet_ci_and_pipes_get_no_progress(monkeypatch, capsys):
    with progress_reporter(True, "Building") as tick:
        assert tick is None
    monkeypatch.setenv("CI", "true")
    with progress_reporter(False, "Building") as tick:
        assert tick is None
    monkeypatch.delenv("CI")
    with progress_reporter(False, "Building") as tick:  # pytest's stderr is not a terminal
        assert tick is None
    assert capsys.readouterr() == ("", "")


def test_terminal_gets_a_rich_bar(monkeypatch, capsys):
    import sys

    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    with progress_reporter(False, "Building epub") as tick:
        assert callable(tick)
        tick(5, 10)

"""`narrative log -n N`, `--since` and `--until` on commits with known dates."""

from __future__ import annotations

import os
import subprocess

import pytest

from tests.conftest import git


@pytest.fixture
def dated(example):
    """Three more commits on Nov 1, 2 and 3 at 10:00 UTC, after the example's own."""
    for day in (1, 2, 3):
        path = example / "canon" / "characters" / "elena-voss.yaml"
        path.write_text(path.read_text() + f"# day {day}\n")
        when = f"2026-11-0{day}T10:00:00+00:00"
        subprocess.run(["git", "commit", "-qam", f"Note {day}"], cwd=example, check=True,
                       env={**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when})
    return example


def summaries(cli, root, *args) -> list[str]:
    result = cli("log", *args, cwd=root)
    assert result.exit_code == 0, result.stderr
    return [line.rsplit("  ", 1)[1] for line in result.stdout.splitlines()]


def test_max_count(dated, cli):
    assert summaries(cli, dated, "-n", "2") == ["Note 3", "Note 2"]
    assert summaries(cli, dated, "--max-count", "1", "--kind", "characters") == ["Note 3"]
    assert cli("log", "-n", "0", cwd=dated).exit_code == 2


def test_since_a_day_means_the_whole_day(dated, cli):
    # git alone reads `--since=2026-11-02` as that day at the current time of day
    assert summaries(cli, dated, "--since", "2026-11-02", "--until", "2026-11-02") == ["Note 2"]
    assert summaries(cli, dated, "--since", "2026-11-02", "--until", "2026-11-03") == ["Note 3", "Note 2"]
    assert len(git(dated, "log", "--format=%s").splitlines()) == 4


def test_dates_git_cannot_read_are_refused(dated, cli):
    result = cli("log", "--since", "nonsense date", cwd=dated)
    assert result.exit_code == 2
    assert result.stderr == ("narrative: error: --since: git cannot read 'nonsense date' as a date\n"
                             "  hint: write 2026-11-01, '2 weeks ago' or yesterday\n")
    result = cli("log", "--until", "2026-02-30", cwd=dated)
    assert result.stderr == "narrative: error: --until: '2026-02-30' is not a date\n  hint: write it as YYYY-MM-DD\n"

"""`narrative progress` on a generated history with known words per day, author and commit dates."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import git

CONFIG = ("format: 1\ntitle: Days\nauthor: Ada\nidentifier: urn:uuid:00000000-0000-4000-8000-0000000000d1\n"
          "word_target: 2000\nprogress:\n  deadline: 2026-03-31  # the editor's date\n  daily: 100\n")


def commit(root: Path, when: str, author: str, message: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": author, "GIT_AUTHOR_EMAIL": f"{author.lower()}@example.org",
           "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    subprocess.run(["git", "commit", "-q", "-m", message], cwd=root, check=True, env=env)


def scene(root: Path, rel: str, words: int, card: str = "title: S\n", note: str = "") -> None:
    path = root / "manuscript" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{card}---\n{note}" + " ".join(f"w{i}" for i in range(words)) + "\n", encoding="utf-8")


@pytest.fixture
def days(tmp_path) -> Path:
    """Known history: Mar 2 +100 (Ada) +50 (Bo); Mar 3 +200 (Ada); Mar 5 -30 (Ada); Mar 6 a move (0);
    Mar 7 a card-only edit and a note (0) and a new soft-deleted scene (0); Mar 8 +80 (Bo, late at night
    in his own time zone, which is still Mar 8 there although it is Mar 9 in UTC)."""
    root = tmp_path / "book"
    root.mkdir()
    git(root, "init", "-q", "--initial-branch=main")
    (root / "narrative.yaml").write_text(CONFIG, encoding="utf-8")
    (root / ".gitignore").write_text(".narrative/\n", encoding="utf-8")
    scene(root, "01-one/01-a.md", 100)
    commit(root, "2026-03-02T09:00:00+00:00", "Ada", "first")
    scene(root, "01-one/02-b.md", 50)
    commit(root, "2026-03-02T21:00:00+00:00", "Bo", "second")
    scene(root, "01-one/01-a.md", 300)
    commit(root, "2026-03-03T10:00:00+00:00", "Ada", "third")
    scene(root, "01-one/01-a.md", 270)
    commit(root, "2026-03-05T10:00:00+00:00", "Ada", "cut")
    git(root, "mv", "manuscript/01-one/02-b.md", "manuscript/01-one/03-b.md")
    commit(root, "2026-03-06T10:00:00+00:00", "Ada", "move")
    scene(root, "01-one/03-b.md", 50, card="title: B\nstatus: revised\n", note="<!-- more here -->\n")
    scene(root, "01-one/04-gone.md", 500, card="title: Gone\ndeleted_at: 2026-03-07T10:00:00Z\ndeleted_by: ada\n")
    commit(root, "2026-03-07T10:00:00+00:00", "Ada", "card")
    scene(root, "01-one/05-c.md", 80)
    commit(root, "2026-03-08T23:30:00-05:00", "Bo", "late")
    return root


def progress(cli, root: Path, *args: str, today: str = "2026-03-08") -> dict:
    os.environ["SOURCE_DATE_EPOCH"] = str(int(dt.datetime.fromisoformat(today + "T12:00:00+00:00").timestamp()))
    try:
        result = cli("progress", "-f", "json", *args, cwd=root)
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_words_per_day_week_and_author(days, cli):
    data = progress(cli, days)
    assert data["days"] == [{"date": "2026-03-02", "words": 150}, {"date": "2026-03-03", "words": 200},
                            {"date": "2026-03-05", "words": -30}, {"date": "2026-03-06", "words": 0},
                            {"date": "2026-03-07", "words": 0}, {"date": "2026-03-08", "words": 80}]
    assert data["weeks"] == [{"week": "2026-W10", "words": 400}]
    assert data["authors"] == [{"author": "Ada", "words": 270, "commits": 5},
                               {"author": "Bo", "words": 130, "commits": 2}]
    assert data["words"] == 400 == sum(s["words"] for s in json.loads(cli("list", "scenes", "-f", "json").stdout))
    assert (data["today"], data["streak"], data["longest_streak"]) == (80, 1, 2)


def test_goals_and_projection(days, cli):
    data = progress(cli, days)
    assert (data["target"], data["deadline"], data["daily"]) == (2000, "2026-03-31", 100)
    assert data["pace"] == round(400 / 7, 1)  # 7 days of history so far, fewer than 28
    assert data["remaining"] == 1600
    assert data["days_left"] == 23
    assert data["needed_per_day"] == 70  # 1600 / 23, rounded up
    assert data["projected_finish"] == "2026-04-05"  # 1600 / (400/7) = 28 days after Mar 8


def test_streak_survives_until_the_day_is_over(days, cli):
    assert progress(cli, days, today="2026-03-09")["streak"] == 1  # nothing yet today: yesterday counts
    assert progress(cli, days, today="2026-03-10")["streak"] == 0


def test_one_author(days, cli):
    data = progress(cli, days, "--author", "Bo")
    assert data["days"] == [{"date": "2026-03-02", "words": 50}, {"date": "2026-03-08", "words": 80}]
    assert data["words"] == 400  # the book's total stays the book's
    result = cli("progress", "--author", "Cy", cwd=days)
    assert result.exit_code == 2
    assert result.stderr == "narrative: error: --author: no commits by 'Cy'\n  hint: authors: Ada, Bo\n"


def test_cache_is_used_and_follows_new_and_rewritten_history(days, cli):
    first = progress(cli, days)
    cache = days / ".narrative" / "progress-cache.json"
    stored = json.loads(cache.read_text())
    assert len(stored["commits"]) == 7 and stored["head"] == git(days, "rev-parse", "HEAD").strip()
    # a wrong number planted in the cache is believed: the cache really is read, not recomputed
    sha = git(days, "rev-parse", "HEAD").strip()
    stored["commits"][sha] = 1080
    cache.write_text(json.dumps(stored))
    assert progress(cli, days)["days"][-1] == {"date": "2026-03-08", "words": 1080}
    stored["commits"][sha] = 80
    cache.write_text(json.dumps(stored))
    # a new commit: counted incrementally
    scene(days, "01-one/05-c.md", 100)
    commit(days, "2026-03-08T23:45:00-05:00", "Bo", "more")
    assert progress(cli, days)["days"][-1] == {"date": "2026-03-08", "words": 100}
    # history rewritten (amend): the dropped commit's words go with it
    scene(days, "01-one/05-c.md", 90)
    subprocess.run(["git", "commit", "-q", "--amend", "-am", "fewer"], cwd=days, check=True,
                   env={**os.environ, "GIT_COMMITTER_DATE": "2026-03-08T23:50:00-05:00"})
    assert progress(cli, days)["days"][-1] == {"date": "2026-03-08", "words": 90}
    # a broken cache is ignored and rebuilt
    cache.write_text("{not json")
    assert progress(cli, days)["days"] == [*first["days"][:-1], {"date": "2026-03-08", "words": 90}]


def test_text_output(days, cli):
    os.environ["SOURCE_DATE_EPOCH"] = str(int(dt.datetime(2026, 3, 8, 12, tzinfo=dt.timezone.utc).timestamp()))
    try:
        result = cli("progress", "--days", "3", cwd=days)
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[:6] == [
        "400 words of 2,000 (20.0%)  ██████",
        "Today: 80 words of your 100 a day (80%)",
        "Streak: 1 day in a row (longest 2)",
        "Pace: 57 words a day over the last 28 days",
        "Deadline 2026-03-31: 23 days left, 70 words a day to make it",
        "At this pace you finish on 2026-04-05",
    ]
    assert "  Sun 2026-03-08       80  ██████████████████████████████" in lines
    assert "  Fri 2026-03-06        0  " in lines


def test_not_a_repository_and_no_commits(tmp_path, cli):
    root = tmp_path / "plain"
    root.mkdir()
    (root / "narrative.yaml").write_text(CONFIG, encoding="utf-8")
    result = cli("progress", cwd=root)
    assert result.exit_code == 2
    assert result.stderr.startswith("narrative: error: progress reads the Git history, and this project is not "
                                    "in a Git repository\n")
    git(root, "init", "-q")
    result = cli("progress", cwd=root)
    assert result.exit_code == 0
    assert "No commits yet" in result.stdout


def test_goals_are_validated(days, cli):
    (days / "narrative.yaml").write_text(CONFIG.replace("daily: 100", "daily: -5"), encoding="utf-8")
    result = cli("validate", cwd=days)
    assert result.exit_code == 1
    assert result.stdout.startswith("narrative.yaml:8:3: error N203: 'progress.daily': Input should be greater "
                                    "than 0 (got -5)\n")


def test_html_report_has_calendar_and_burn_up_and_is_reproducible(days, cli, tmp_path):
    one, two = tmp_path / "one.html", tmp_path / "two.html"
    assert cli("stats", "--html", str(one), cwd=days).exit_code == 0
    (days / ".narrative" / "progress-cache.json").unlink()
    assert cli("stats", "--html", str(two), cwd=days).exit_code == 0
    page = one.read_text(encoding="utf-8")
    assert one.read_bytes() == two.read_bytes()
    assert "<title>Mon 2026-03-02: +150 words</title>" in page
    assert "<title>Thu 2026-03-05: -30 words</title>" in page
    assert "<title>Wed 2026-03-04: no words</title>" in page
    assert 'aria-label="words over time against the target"' in page
    assert "<title>target: 2,000 words</title>" in page
    assert "on 2026-03-08" in page  # the report speaks for the last commit's day, not the clock's

"""Nothing lost under concurrency and kills: real processes on real repositories (issue 13)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.trust_fixtures import PASS, git, head

NARRATIVE = [sys.executable, "-m", "narrative_cli"]


def env_for(extra: dict | None = None) -> dict:
    return {**os.environ, "PYTHONPATH": str(REPO), "NARRATIVE_KEY_PASSPHRASE": PASS, **(extra or {})}


def start(root: Path, *args: str, extra: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen([*NARRATIVE, *args], cwd=root, env=env_for(extra), stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def narrative(root: Path, *args: str, extra: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*NARRATIVE, *args], cwd=root, env=env_for(extra), stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=120)


def tracked(root: Path, rev: str = "HEAD") -> set[str]:
    return set(git(root, "ls-tree", "-r", "--name-only", rev).split("\n")) - {""}


def assert_consistent(root: Path) -> None:
    """Work tree, index and HEAD agree, and the history verifies."""
    assert git(root, "status", "--porcelain", "--untracked-files=all") == ""
    assert not (root / ".git" / "narrative-txn").exists()
    assert not list((root / ".git").glob("narrative-index-*"))
    check = narrative(root, "verify", "--full")
    assert check.returncode == 0, check.stdout + check.stderr


@pytest.fixture
def plain(tmp_path) -> Path:
    """A project without a manifest (commits are unsigned: the fastest writes, so the most kill points)."""
    from narrative_cli.ops.init import create_project

    return create_project(tmp_path / "plain", "Plain", "Writer")


def test_parallel_writers_lose_nothing(governed):
    before = tracked(governed)
    reported = []
    for i in range(6):
        pair = [start(governed, "new", "character", f"{side} {i}") for side in "AB"]
        for side, proc in zip("AB", pair):
            out, err = proc.communicate(timeout=180)
            assert proc.returncode == 0, err
            reported.append(f"canon/characters/{side.lower()}-{i}.yaml")
    files = tracked(governed)
    assert before <= files  # manifest.yaml, manifest.sig, narrative.yaml ... all still there
    assert set(reported) <= files
    assert len(git(governed, "rev-list", "HEAD").split()) == 2 + len(reported)  # genesis, version 2, one commit per success
    assert_consistent(governed)


def test_a_writer_waits_for_the_lock_and_says_so(plain):
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from pathlib import Path; from narrative_cli.ops import lock\n"
        "lock.hold(Path(sys.argv[1])); print('held', flush=True); time.sleep(2)"), str(plain)],
        env=env_for(), stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline() == "held\n"
    waited = narrative(plain, "new", "character", "Patient Person")
    holder.wait()
    assert waited.returncode == 0, waited.stderr
    assert "narrative: waiting for another narrative command (pid" in waited.stderr
    assert "canon/characters/patient-person.yaml" in tracked(plain)


def test_a_writer_gives_up_after_the_bounded_wait(plain):
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from pathlib import Path; from narrative_cli.ops import lock\n"
        "lock.hold(Path(sys.argv[1])); print('held', flush=True); time.sleep(30)"), str(plain)],
        env=env_for(), stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "held\n"
        gave_up = narrative(plain, "new", "character", "Impatient", extra={"NARRATIVE_LOCK_TIMEOUT": "0.5"})
    finally:
        holder.kill()
        holder.wait()
    assert gave_up.returncode == 2
    assert "another narrative command is still writing to this project (pid" in gave_up.stderr
    assert "gave up after 0.5 s" in gave_up.stderr
    assert "canon/characters/impatient.yaml" not in tracked(plain)
    assert not (plain / "canon" / "characters" / "impatient.yaml").exists()
    # the holder was killed: the kernel dropped its lock, so nothing is stale
    assert narrative(plain, "new", "character", "Impatient").returncode == 0


def kill_during(root: Path, args: list[str], delay: float) -> None:
    proc = start(root, *args)
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait()


def test_sigkill_at_random_moments_leaves_the_project_whole(plain):
    rng = random.Random(13)
    for i in range(12):
        name = f"Killed {i}"
        kill_during(plain, ["new", "character", name], rng.uniform(0.15, 0.6))
        listed = narrative(plain, "list", "characters")  # a reading command repairs what the kill left
        assert listed.returncode == 0, listed.stderr
        rel = f"canon/characters/killed-{i}.yaml"
        assert (rel in tracked(plain)) == (plain / rel).exists()
        assert_consistent(plain)


def test_sigkill_during_narrative_commit_never_stages_a_reversal(plain):
    rng = random.Random(7)
    scene = next(plain.glob("manuscript/*/*.md"))
    for i in range(10):
        scene.write_text(scene.read_text() + f"\nA line added in round {i}.\n")
        kill_during(plain, ["commit", "-m", f"round {i}"], rng.uniform(0.15, 0.5))
        for path in git(plain, "diff", "--cached", "--name-only").split():
            # staged only ever forward (what the work tree holds), never a reversal of HEAD
            assert git(plain, "rev-parse", f":{path}") == git(plain, "hash-object", path)
        narrative(plain, "validate")
        assert git(plain, "diff", "--cached", "--name-only") == ""  # and the repair unstages it
        committed = f"round {i}." in git(plain, "show", f"HEAD:{scene.relative_to(plain).as_posix()}")
        if not committed:
            assert narrative(plain, "commit", "-m", f"round {i} again").returncode == 0
        assert_consistent(plain)


def test_a_killed_writer_is_rolled_back_by_the_next_writer(plain):
    """The kill lands between the files and the commit: the next writer says what it repaired."""
    from narrative_cli.ops.lock import places
    from narrative_cli.ops.transaction import Transaction

    journal = places(plain).state
    tx = Transaction(plain, places(plain))
    tx.write({"canon/characters/ghost.yaml": "name: Ghost\n", "narrative.yaml": "title: broken\n"})
    assert (journal / "narrative-txn" / "journal.json").exists()  # as a SIGKILL here would leave it
    done = narrative(plain, "new", "character", "Living")
    assert done.returncode == 0, done.stderr
    assert "narrative: repaired: rolled back the interrupted" in done.stderr
    assert "2 file(s) restored" in done.stderr
    assert not (plain / "canon" / "characters" / "ghost.yaml").exists()
    assert "title: broken" not in (plain / "narrative.yaml").read_text()
    assert_consistent(plain)


def test_a_file_edited_after_the_kill_is_kept(plain):
    from narrative_cli.ops.lock import places
    from narrative_cli.ops.transaction import Transaction

    Transaction(plain, places(plain)).write({"canon/characters/ghost.yaml": "name: Ghost\n"})
    (plain / "canon" / "characters" / "ghost.yaml").write_text("name: Ghost Written By Hand\n")
    done = narrative(plain, "validate")
    assert "kept (edited since): canon/characters/ghost.yaml" in done.stderr
    assert (plain / "canon" / "characters" / "ghost.yaml").read_text() == "name: Ghost Written By Hand\n"


def test_a_commit_that_landed_before_the_kill_is_finished(plain):
    from narrative_cli.history.git import prepare_commit
    from narrative_cli.ops.lock import places
    from narrative_cli.ops.transaction import Transaction

    tx = Transaction(plain, places(plain))
    tx.write({"canon/characters/quick.yaml": "name: Quick\n"})
    tx.land(prepare_commit(plain, ["canon/characters/quick.yaml"], "Quick\n"))  # then the kill: no close()
    assert (places(plain).state / "narrative-txn").exists()
    done = narrative(plain, "validate")
    assert "repaired: the interrupted" in done.stderr and "had committed" in done.stderr
    assert_consistent(plain)


def fill(folder: Path) -> None:
    """Write until the file system is full (to the last block)."""
    fd = os.open(folder / "ballast", os.O_WRONLY | os.O_CREAT)
    try:
        for size in (1 << 20, 4096, 1):
            try:
                while True:
                    os.write(fd, b"\0" * size)
            except OSError:
                pass
    finally:
        os.close(fd)


@pytest.fixture
def small_disk(tmp_path):
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"mounting a small tmpfs is not permitted here: {done.stderr.decode().strip()}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], capture_output=True)


@pytest.mark.parametrize("args", [["collab", "role", "Eve", "viewer"], ["manifest", "renew", "--days", "30"],
                                  ["new", "character", "Full Disk"]])
def test_a_full_disk_leaves_the_project_as_it_was(small_disk, keyring, use_key, args):
    from narrative_cli.ops.init import create_project
    from tests.trust_fixtures import member, new_version, with_members

    use_key(keyring["ada"])
    root = create_project(small_disk / "book", "Book", "Ada")
    new_version(root, [keyring["ada"]], collaborators=with_members(root, member(keyring["eve"], "EDITOR")))
    before, files = head(root), {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and ".git" not in p.parts}
    fill(small_disk)
    failed = narrative(root, *args)
    assert failed.returncode == 2, failed.stdout + failed.stderr
    assert "Traceback" not in failed.stderr
    assert head(root) == before
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and ".git" not in p.parts} == files
    (small_disk / "ballast").unlink()
    assert_consistent(root)
    assert narrative(root, *args).returncode == 0
    assert_consistent(root)


def test_a_command_run_in_process_lets_go_of_the_lock(plain, cli):
    """The CLI edge releases what a writing command held: nothing stays locked, no descriptor leaks."""
    from narrative_cli.ops import lock

    assert cli("new", "character", "In Process", cwd=plain).exit_code == 0
    assert not lock.holds(plain)
    assert narrative(plain, "new", "character", "Next Process", extra={"NARRATIVE_LOCK_TIMEOUT": "1"}).returncode == 0

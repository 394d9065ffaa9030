"""Golden outputs of `narrative validate`, one folder per diagnostic case under tests/cases/.

Each case folder holds `files/` (laid over tests/cases/_base, a valid project),
optionally `remove` (paths of the base to delete, one per line) and
`expected.txt`: the exact stdout and exit code. `pytest --update-goldens`
rewrites expected.txt from the current output; review the diff before committing.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import make_repo
from tests.foundation.conftest import BASE, snapshot

CASES = BASE.parent
CASE_DIRS = sorted(p for p in CASES.iterdir() if p.is_dir() and not p.name.startswith("_"))


def build_case(case: Path, dest: Path) -> Path:
    shutil.copytree(BASE, dest)
    for rel in (case / "remove").read_text().split() if (case / "remove").exists() else []:
        target = dest / rel
        shutil.rmtree(target) if target.is_dir() else target.unlink()
    if (case / "files").is_dir():
        shutil.copytree(case / "files", dest, dirs_exist_ok=True, symlinks=True)
    return make_repo(dest)


def render(result) -> str:
    return f"$ narrative validate\n{result.stdout}[exit {result.exit_code}]\n"


@pytest.mark.parametrize("case", CASE_DIRS, ids=[c.name for c in CASE_DIRS])
def test_golden(case, tmp_path, cli, request):
    root = build_case(case, tmp_path / "book")
    before = snapshot(root)
    result = cli("validate", cwd=root)
    got = render(result)
    expected = case / "expected.txt"
    if request.config.getoption("--update-goldens"):
        expected.write_text(got, encoding="utf-8")
    assert got == expected.read_text(encoding="utf-8")
    assert result.stderr == ""
    assert "Traceback" not in got
    assert snapshot(root) == before
    code = case.name.split("-")[0]
    assert f" {code}: " in result.stdout, f"case {case.name} does not produce {code}"


@pytest.mark.parametrize("case", CASE_DIRS, ids=[c.name for c in CASE_DIRS])
def test_golden_json_agrees_with_text(case, tmp_path, cli):
    """--format json reports the same findings, in the documented shape."""
    root = build_case(case, tmp_path / "book")
    text = cli("validate", cwd=root)
    result = cli("validate", "--format", "json", cwd=root)
    assert result.exit_code == text.exit_code
    data = json.loads(result.stdout)
    assert data["schema"] == "narrative-diagnostics/1"
    assert data["ok"] is (text.exit_code == 0)
    lines = [ln for ln in text.stdout.splitlines() if not ln.startswith("  ")][:-1]
    assert [f"{d['path']}:{d['line']}:{d['column']}: {d['severity']} {d['code']}: {d['message']}"
            if d["line"] else f"{d['path']}: {d['severity']} {d['code']}: {d['message']}"
            for d in data["diagnostics"]] == lines
    assert data["summary"]["errors"] == sum(d["severity"] == "error" for d in data["diagnostics"])

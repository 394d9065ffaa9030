"""Golden outputs: `check` on a broken copy of the example, and `brief` of a scene.

Update after an intended change with NARRATIVE_UPDATE_GOLDEN=1 and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden"


def assert_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("NARRATIVE_UPDATE_GOLDEN"):
        path.write_text(text)
    assert text == path.read_text()


def _edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def _break(example: Path) -> None:
    _edit(example, "manuscript/03-greywell/04-the-knot.md", "participants: [", "participants: [ines-marrow, ")
    _edit(example, "manuscript/01-arrival/02-the-customs-house.md", 'when: "312-04-02"', 'when: "312-03-30"')
    _edit(example, "manuscript/01-arrival/01-dockside.md", "exiting_value: fear", "exiting_value: hope")
    _edit(example, "manuscript/02-the-road-inland/03-the-white-pans.md", "From the last hill Elena", "From the last hill Elana")


def test_check_text_on_a_broken_example(example, cli):
    _break(example)
    result = cli("check", cwd=example)
    assert result.exit_code == 1
    assert_golden("check-broken.txt", result.stdout)


def test_check_json_on_a_broken_example(example, cli):
    _break(example)
    assert_golden("check-broken.json", cli("check", "--format", "json", cwd=example).stdout
                  .replace(str(example), "<project>"))


def test_brief_markdown(example, cli):
    assert_golden("brief-03-02.md", cli("brief", "03-02", cwd=example).stdout)

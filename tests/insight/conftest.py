"""A small project written for these tests: three chapters, known names, known words."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import make_repo

CONFIG = ("format: 1\ntitle: Tide Book\nauthor: Test Writer\n"
          "identifier: urn:uuid:00000000-0000-4000-8000-000000000001\nword_target: 1000\n")

CANON = {
    "characters/elena-voss.yaml": "name: Elena Voss\naliases: [Elena]\n",
    "characters/tomas-reyes.yaml": "name: Tomas Reyes\naliases: [Reyes]\n",
    "characters/pilar-anselm.yaml": "name: Pilar Anselm\nrelationships: [{to: elena-voss, kind: apprentice}]\n",
    "locations/port-verrin.yaml": "name: Port Verrin\nsummary: A salt port with a dead lighthouse.\n",
}

SCENES = {
    "01-arrival/01-dockside.md": (
        "pov: elena-voss\nparticipants: [elena-voss, tomas-reyes]\nstatus: final\n"
        "entering_value: hope\nexiting_value: fear\n",
        "The tide had turned when *Marisol* reached the quay at Port Verrin.\n\n"
        "\"Count them,\" said Captain Reyes. Elena counted the guards twice.\n"
        "Voss kept her hands still.\n\n"
        "Marta Holt waited by the Salt Office gate. Marta said nothing.\n"),
    "01-arrival/02-customs.md": (
        "pov: elena-voss\nparticipants: [elena-voss, pilar-anselm]\nstatus: revised\n"
        "entering_value: fear\nexiting_value: fear\n",
        "Marta Holt stamped the chit. Pilar watched the ledger.\n\n"
        "Elena walked to Greywell in the rain. Marta followed her to Greywell.\n"),
    "02-the-road/01-inland.md": (
        "pov: tomas-reyes\nparticipants: [tomas-reyes, pilar-anselm]\nstatus: draft\n"
        "entering_value: doubt\nexiting_value: trust\n",
        "Reyes asked Pilar about the tide. Marta laughed at the Salt Office.\n\n"
        "They reached Greywell by night.\n"),
    "03-gone/01-cut.md": (
        "pov: elena-voss\ndeleted_at: 2026-01-01T00:00:00Z\ndeleted_by: Test Writer\n",
        "A deleted scene about the tide and Marta Holt.\n"),
}


def write_project(root: Path, scenes: dict = SCENES, canon: dict = CANON, config: str = CONFIG) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "narrative.yaml").write_text(config)
    (root / ".gitignore").write_text(".narrative/\n")
    for rel, text in canon.items():
        path = root / "canon" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    for rel, (card, body) in scenes.items():
        path = root / "manuscript" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\n{card}---\n{body}")
    return make_repo(root)


@pytest.fixture
def tide(tmp_path) -> Path:
    return write_project(tmp_path / "tide")

